import RealModule

extension UnaryOp {
    /// This primitive's rule record: its numeric value and local partial, their formulas, its spelling.
    ///
    /// Built once per primitive (`record` builds formulas, which allocate), so recording a node
    /// costs a lookup, not an allocation.
    public var rule: UnaryRule { Self.records[self] ?? record }

    private static let records = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.record) })

    /// The value at `a` and the local partial: the rule's `evaluate`, reached without copying the
    /// record (which holds formulas) or hashing, since recording calls it once per node. `−`, `relu`
    /// and `tanh` call their rule's function directly (inlined into the caller); the rest go through
    /// the record's closure.
    @inlinable
    package func evaluate(_ a: Double, _ parameter: Double) -> (value: Double, partial: Double) {
        switch self {
        case .neg: Rules.negation(a)
        case .relu: Rules.relu(a)
        case .tanh: Rules.tanh(a)
        default: evaluateByRecord(a, parameter)
        }
    }

    /// The record's `evaluate`, through a table indexed by ``ordinal``.
    @usableFromInline
    func evaluateByRecord(_ a: Double, _ parameter: Double) -> (value: Double, partial: Double) {
        Self.evaluators[ordinal](a, parameter)
    }

    /// Every case's `evaluate`, in declaration order (``ordinal``).
    private static let evaluators = allCases.map { $0.record.evaluate }

    /// The record, written out: one case per primitive and no `default:`, so a new primitive needs one.
    private var record: UnaryRule {
        let a = Rules.a, one = Rules.one
        switch self {
        case .neg:
            return UnaryRule(evaluate: { a, _ in Rules.negation(a) }, expression: { _ in .negation(a) },
                             partial: { _ in .number(-1) }, isCallable: false, symbol: "−")
        case .powConstant:
            return UnaryRule(evaluate: { a, p in
                // p·aᵖ⁻¹; p = 0 is a constant function, whose slope is 0 even where a⁻¹ is infinite.
                (Rules.power(a, p), p == 0 ? 0 : p * Rules.power(a, p - 1))
            }, expression: { p in .power(a, p) }, partial: Self.constantPowerPartial, isCallable: false, symbol: "^")
        case .exp:
            return .function(.exp, partial: Rules.call(.exp)) { a in
                let value = Double.exp(a)
                return (value, value)
            }
        case .log:
            return .function(.ln, partial: .quotient(one, a)) { a in (Double.log(a), 1 / a) }
        case .sqrt:
            return .function(.sqrt, partial: .quotient(one, .product([.number(2), Rules.call(.sqrt)]))) { a in
                let value = a.squareRoot()
                return (value, 1 / (2 * value))
            }
        case .sin:
            return .function(.sin, partial: Rules.call(.cos)) { a in (Double.sin(a), Double.cos(a)) }
        case .cos:
            return .function(.cos, partial: .negation(Rules.call(.sin))) { a in (Double.cos(a), -Double.sin(a)) }
        case .tan:
            return .function(.tan, partial: .sum([one, Rules.squared(Rules.call(.tan))])) { a in
                let value = Double.tan(a)
                return (value, 1 + value * value)
            }
        case .tanh:
            return .function(.tanh, partial: .difference(one, Rules.squared(Rules.call(.tanh))), Rules.tanh)
        case .sigmoid:
            return .function(.sigmoid, partial: .product([Rules.call(.sigmoid), .difference(one, Rules.call(.sigmoid))])) { a in
                let value = Rules.sigmoid(a)
                return (value, value * (1 - value))
            }
        case .relu:
            return .function(.relu, partial: .indicator(a, .greater, .number(0)), Rules.relu)
        case .abs:
            return .function(.abs, partial: Rules.call(.sign)) { a in (Swift.abs(a), a > 0 ? 1 : (a < 0 ? -1 : 0)) }
        case .sinh:
            return .function(.sinh, partial: Rules.call(.cosh)) { a in (Double.sinh(a), Double.cosh(a)) }
        case .cosh:
            return .function(.cosh, partial: Rules.call(.sinh)) { a in (Double.cosh(a), Double.sinh(a)) }
        case .asin:
            return .function(.asin, partial: .quotient(one, Rules.call(.sqrt, .difference(one, Rules.squared(a))))) { a in
                (Double.asin(a), 1 / (1 - a * a).squareRoot())
            }
        case .acos:
            return .function(.acos, partial: .negation(.quotient(one, Rules.call(.sqrt, .difference(one, Rules.squared(a)))))) { a in
                (Double.acos(a), -1 / (1 - a * a).squareRoot())
            }
        case .atan:
            return .function(.atan, partial: .quotient(one, .sum([one, Rules.squared(a)]))) { a in (Double.atan(a), 1 / (1 + a * a)) }
        case .asinh:
            return .function(.asinh, partial: .quotient(one, Rules.call(.sqrt, .sum([Rules.squared(a), one])))) { a in
                (Double.asinh(a), 1 / (a * a + 1).squareRoot())
            }
        case .acosh:
            return .function(.acosh, partial: .quotient(one, Rules.call(.sqrt, .difference(Rules.squared(a), one)))) { a in
                (Double.acosh(a), 1 / (a * a - 1).squareRoot())
            }
        case .atanh:
            return .function(.atanh, partial: .quotient(one, .difference(one, Rules.squared(a)))) { a in (Double.atanh(a), 1 / (1 - a * a)) }
        case .expm1:
            return .function(.expm1, partial: Rules.call(.exp)) { a in (Double.expMinusOne(a), Double.exp(a)) }
        case .log1p:
            return .function(.log1p, partial: .quotient(one, .sum([one, a]))) { a in (Double.log(onePlus: a), 1 / (1 + a)) }
        }
    }

    /// p·aᵖ⁻¹, written as in print for the common constant exponents: 0, 1, `2a`, `3a²`, and `p·a^(p − 1)`
    /// for a symbolic p (the README's table).
    @Sendable private static func constantPowerPartial(_ p: Formula) -> Formula {
        let a = Rules.a
        guard case .number(let value) = p else { return Formula.times([p, .power(a, .difference(p, Rules.one))]) }
        switch value {
        case 0: return .number(0)
        case 1: return Rules.one
        case 2: return Formula.times([.number(2), a])
        default: return Formula.times([.number(value), .power(a, .number(value - 1))])
        }
    }
}
