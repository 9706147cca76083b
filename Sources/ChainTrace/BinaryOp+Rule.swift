import RealModule

extension BinaryOp {
    /// This primitive's rule record: its numeric value and local partials, their formulas, its spelling.
    ///
    /// Built once per primitive (`record` builds formulas, which allocate), so recording a node
    /// costs a lookup, not an allocation.
    public var rule: BinaryRule { Self.records[self] ?? record }

    private static let records = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.record) })

    /// The value at (`a`, `b`) and the local partials: the rule's `evaluate`, reached without copying
    /// the record (which holds formulas) or hashing, since recording calls it once per node. `+`,
    /// `−` and `·` call their rule's function directly (inlined into the caller); the rest go
    /// through the record's closure.
    @inlinable
    package func evaluate(_ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double)) {
        switch self {
        case .add: Rules.sum(a, b)
        case .sub: Rules.difference(a, b)
        case .mul: Rules.product(a, b)
        default: evaluateByRecord(a, b)
        }
    }

    /// The record's `evaluate`, through a table indexed by ``ordinal``.
    @usableFromInline
    func evaluateByRecord(_ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double)) {
        Self.evaluators[ordinal](a, b)
    }

    /// Every case's `evaluate`, in declaration order (``ordinal``).
    private static let evaluators = allCases.map { $0.record.evaluate }

    /// The record, written out: one case per primitive and no `default:`, so a new primitive needs one.
    private var record: BinaryRule {
        let a = Rules.a, b = Rules.b, one = Rules.one
        switch self {
        case .add:
            return BinaryRule(evaluate: Rules.sum, expression: .sum([a, b]),
                              partials: (one, one), isCallable: false, symbol: "+")
        case .sub:
            return BinaryRule(evaluate: Rules.difference, expression: .difference(a, b),
                              partials: (one, .number(-1)), isCallable: false, symbol: "−")
        case .mul:
            return BinaryRule(evaluate: Rules.product, expression: .product([a, b]),
                              partials: (b, a), isCallable: false, symbol: "·")
        case .div:
            return BinaryRule(evaluate: { a, b in (a / b, (1 / b, -a / (b * b))) }, expression: .quotient(a, b),
                              partials: (.quotient(one, b), .negation(.quotient(a, Rules.squared(b)))), isCallable: false, symbol: "/")
        case .min:
            return BinaryRule(evaluate: { a, b in (Swift.min(a, b), a < b ? (1, 0) : (a > b ? (0, 1) : (0.5, 0.5))) },
                              expression: .function(.min, [a, b]), partials: Self.choice(.less), isCallable: true, symbol: nil)
        case .max:
            return BinaryRule(evaluate: { a, b in (Swift.max(a, b), a > b ? (1, 0) : (a < b ? (0, 1) : (0.5, 0.5))) },
                              expression: .function(.max, [a, b]), partials: Self.choice(.greater), isCallable: true, symbol: nil)
        case .pow:
            return BinaryRule(evaluate: { a, b in
                let value = Rules.power(a, b)
                let da = b == 0 ? 0 : b * Rules.power(a, b - 1)
                // aᵇ·ln a; at a = 0 with b > 0 the limit is 0 (ln a → −∞ is beaten by aᵇ → 0).
                let db = (a == 0 && b > 0) ? 0 : value * Double.log(a)
                return (value, (da, db))
            }, expression: .power(a, b), partials: (.product([b, .power(a, .difference(b, one))]), .product([.power(a, b), Rules.call(.ln)])),
               isCallable: true, symbol: "^")
        }
    }

    /// The partials of `min` (`wins` = `.less`) or `max` (`.greater`): the chosen operand gets 1, the
    /// other 0; a tie splits ½, ½.
    private static func choice(_ wins: Formula.Comparison) -> (Formula, Formula) {
        let a = Rules.a, b = Rules.b
        let loses: Formula.Comparison = wins == .less ? .greater : .less
        let tie = Formula.product([.number(0.5), .indicator(a, .equal, b)])
        return (.sum([.indicator(a, wins, b), tie]), .sum([.indicator(a, loses, b), tie]))
    }
}
