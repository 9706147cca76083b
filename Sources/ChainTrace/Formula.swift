/// A small symbolic expression: enough to write every primitive and its local derivative.
///
/// It lives in the core, beside the rule records (``UnaryRule``, ``BinaryRule``), so that each
/// primitive's symbolic value and partials sit in the same record as its numeric rule; the core only
/// builds formulas, and ChainTraceAnalysis renders them as text and MathML. Formulas are never
/// evaluated: the numbers always come from the records' numeric rules.
///
/// Operands are ``operand(_:)`` placeholders (0 is `a`, 1 is `b`) until ``substituting(_:)``
/// replaces them by names (``symbol(_:)``), by other formulas, or by values (``value(_:)``).
public indirect enum Formula: Sendable, Equatable {
    /// A constant of the formula itself (the `3` in `3u²`).
    case number(Double)
    /// A recorded value substituted for an operand, written in parentheses: `(5)`.
    case value(Double)
    /// A name: `u`.
    case symbol(String)
    /// The primitive's operand at this position, to be substituted.
    case operand(Int)
    /// `a + b + …`
    case sum([Formula])
    /// `a − b`
    case difference(Formula, Formula)
    /// `a·b·…`
    case product([Formula])
    /// Local partials multiplied along a path, always written with `·` so each edge's partial stays visible.
    case chain([Formula])
    /// `a / b`
    case quotient(Formula, Formula)
    /// `−a`
    case negation(Formula)
    /// `aᵇ`
    case power(Formula, Formula)
    /// A named function of its arguments: `σ(u)`, `min(a, b)`.
    case function(Function, [Formula])
    /// Iverson's bracket: 1 when the comparison holds, else 0 (`[u > 0]`).
    case indicator(Formula, Comparison, Formula)

    /// The functions a formula can apply.
    public enum Function: String, Sendable, CaseIterable {
        case exp, ln, sqrt = "√", sin, cos, tan, tanh, sinh, cosh, asin, acos, atan, asinh, acosh, atanh
        case expm1, log1p, sigmoid = "σ", relu, abs, sign, min, max
    }

    /// The comparisons an ``indicator(_:_:_:)`` can make.
    public enum Comparison: String, Sendable {
        case less = "<", greater = ">", equal = "="
    }

    /// The formula with each ``operand(_:)`` replaced by `replacement(position)`.
    public func substituting(_ replacement: (Int) -> Formula) -> Formula {
        switch self {
        case .number, .value, .symbol: self
        case .operand(let index): replacement(index)
        case .sum(let terms): .sum(terms.map { $0.substituting(replacement) })
        case .difference(let a, let b): .difference(a.substituting(replacement), b.substituting(replacement))
        case .product(let factors): .product(factors.map { $0.substituting(replacement) })
        case .chain(let factors): .chain(factors.map { $0.substituting(replacement) })
        case .quotient(let a, let b): .quotient(a.substituting(replacement), b.substituting(replacement))
        case .negation(let a): .negation(a.substituting(replacement))
        case .power(let a, let b): .power(a.substituting(replacement), b.substituting(replacement))
        case .function(let function, let arguments): .function(function, arguments.map { $0.substituting(replacement) })
        case .indicator(let a, let comparison, let b): .indicator(a.substituting(replacement), comparison, b.substituting(replacement))
        }
    }

    /// The product of `factors`, simplified: nested products flattened, constants multiplied into
    /// one leading coefficient, a coefficient of 1 dropped and one of −1 written as a negation.
    public static func times(_ factors: [Formula]) -> Formula {
        var coefficient = 1.0
        var rest: [Formula] = []
        func collect(_ factor: Formula) {
            switch factor {
            case .number(let x): coefficient *= x
            case .negation(let inner):
                coefficient = -coefficient
                collect(inner)
            case .product(let inner): inner.forEach(collect)
            default: rest.append(factor)
            }
        }
        factors.forEach(collect)
        if coefficient == 0 || rest.isEmpty { return .number(coefficient) }
        let magnitude = Swift.abs(coefficient)
        let body: Formula = magnitude == 1 ? (rest.count == 1 ? rest[0] : .product(rest)) : .product([.number(magnitude)] + rest)
        return coefficient < 0 ? .negation(body) : body
    }
}
