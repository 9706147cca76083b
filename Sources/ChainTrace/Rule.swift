import RealModule

/// The rule record of a one-operand primitive: everything chaintrace knows about it, in one place.
///
/// As in JAX's autodidax, each primitive has one record, reached by an exhaustive switch
/// (``UnaryOp/rule``), so a primitive cannot exist without all of its rules. The numeric rule
/// records the forward pass; the symbolic ones are what explanations and reports print, and a test
/// holds the two to agreeing at random points.
public struct UnaryRule: Sendable {
    /// The value at `a` and the local partial ∂result/∂a; `parameter` is a node's constant (the
    /// exponent of `powc`), ignored by the others.
    public let evaluate: @Sendable (_ a: Double, _ parameter: Double) -> (value: Double, partial: Double)
    /// The value as a formula of ``Formula/operand(_:)`` 0 (`a`), given the formula of the parameter.
    public let expression: @Sendable (_ parameter: Formula) -> Formula
    /// The local partial ∂result/∂a as a formula of `a`, given the formula of the parameter.
    public let partial: @Sendable (_ parameter: Formula) -> Formula
    /// Whether a program calls it by its name (`sin(x)`); `neg` and `powc` are written with operators.
    public let isCallable: Bool
    /// The operator sign it is written with (`−`, `^`), or nil for a function called by name.
    public let symbol: String?

    /// A function called by name, whose value formula is `function(a)` and which ignores the parameter.
    static func function(
        _ function: Formula.Function, partial: Formula,
        _ evaluate: @escaping @Sendable (Double) -> (value: Double, partial: Double)
    ) -> UnaryRule {
        UnaryRule(evaluate: { a, _ in evaluate(a) }, expression: { _ in .function(function, [.operand(0)]) },
                  partial: { _ in partial }, isCallable: true, symbol: nil)
    }
}

/// The rule record of a two-operand primitive; see ``UnaryRule``.
public struct BinaryRule: Sendable {
    /// The value at (`a`, `b`) and the local partials (∂result/∂a, ∂result/∂b).
    public let evaluate: @Sendable (_ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double))
    /// The value as a formula of the operands `a` and `b`.
    public let expression: Formula
    /// The local partials (∂result/∂a, ∂result/∂b) as formulas of `a` and `b`.
    public let partials: (Formula, Formula)
    /// Whether a program calls it by its name (`min(a, b)`) rather than with an operator.
    public let isCallable: Bool
    /// The operator sign it is written with (`+`, `−`, `·`, `/`, `^`), or nil for a function called by name.
    public let symbol: String?
}

extension Op {
    /// The value of this node's primitive as a formula of its operands (`a + b`, `aᵖ`, `σ(a)`), or
    /// nil for a leaf; `parameter` is the node's constant (the exponent of ``Op/powConstant``).
    public func expression(parameter: Double = 0) -> Formula? {
        switch kind {
        case .leaf: nil
        case .unary(let op): op.rule.expression(.number(parameter))
        case .binary(let op): op.rule.expression
        }
    }

    /// The local partial ∂node/∂operand as a formula of the operands, for operand `position`
    /// (0 = `a`, 1 = `b`); `parameter` is the node's constant.
    public func localPartial(operand position: Int, parameter: Double = 0) -> Formula {
        precondition(position >= 0 && position < arity, "\(rawValue) has \(arity) operand(s), not \(position + 1)")
        switch kind {
        case .leaf: preconditionFailure("leaves have no operands")
        case .unary(let op): return op.rule.partial(.number(parameter))
        case .binary(let op): return position == 0 ? op.rule.partials.0 : op.rule.partials.1
        }
    }
}

/// Shorthands the rule records share.
@usableFromInline
enum Rules {
    // The numeric rules of the primitives a network records most. Each is its record's `evaluate`
    // and also what recording calls directly (inlined, without the record's closure), so the two
    // cannot disagree: one home for each rule.

    /// `a + b` and its partials (1, 1).
    @inlinable static func sum(_ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double)) { (a + b, (1, 1)) }
    /// `a − b` and its partials (1, −1).
    @inlinable static func difference(_ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double)) { (a - b, (1, -1)) }
    /// `a · b` and its partials (b, a).
    @inlinable static func product(_ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double)) { (a * b, (b, a)) }
    /// `−a` and its partial −1.
    @inlinable static func negation(_ a: Double) -> (value: Double, partial: Double) { (-a, -1) }
    /// `max(0, a)` and its partial: 1 where a > 0, else 0.
    @inlinable static func relu(_ a: Double) -> (value: Double, partial: Double) { (a > 0 ? a : 0, a > 0 ? 1 : 0) }
    /// `tanh a` and its partial 1 − tanh²a.
    @inlinable static func tanh(_ a: Double) -> (value: Double, partial: Double) {
        let value = Double.tanh(a)
        return (value, 1 - value * value)
    }

    static let a = Formula.operand(0), b = Formula.operand(1), one = Formula.number(1)

    static func squared(_ x: Formula) -> Formula { .power(x, .number(2)) }

    /// `f(x)`, by default `f(a)`.
    static func call(_ function: Formula.Function, _ x: Formula = a) -> Formula { .function(function, [x]) }

    /// `aᵇ`, defined for a negative base when the exponent is a whole number (`(−2)³ = −8`).
    ///
    /// The one power function of the package: `powc` and `pow` both use it, so every whole exponent
    /// up to 2⁵³ (beyond which every double is whole and even) takes the integer path.
    static func power(_ a: Double, _ b: Double) -> Double {
        if b.rounded() == b, Swift.abs(b) <= 0x1p53 {
            return Double.pow(a, Int(b))
        }
        return Double.pow(a, b)
    }

    /// The logistic function σ(a) = 1/(1 + e⁻ᵃ), evaluated without overflow for large |a|.
    static func sigmoid(_ a: Double) -> Double {
        if a >= 0 {
            return 1 / (1 + Double.exp(-a))
        }
        let e = Double.exp(a)
        return e / (1 + e)
    }
}
