import ChainTrace

/// Formulas evaluated numerically, for tests only: the package never evaluates a formula (its
/// numbers come from the rule records), but tests hold the symbolic rules to the numeric ones.
///
/// Powers and named functions are evaluated with the primitives' own numeric rules, so this adds no
/// third implementation of any rule; only `sign` and Iverson's bracket, which are not primitives,
/// are defined here.
extension Formula {
    /// The formula's value with `operands[i]` for ``Formula/operand(_:)`` `i`; symbols have no value (NaN).
    func evaluate(_ operands: [Double]) -> Double {
        switch self {
        case .number(let x), .value(let x): return x
        case .symbol: return .nan
        case .operand(let index): return index < operands.count ? operands[index] : .nan
        case .sum(let terms): return terms.reduce(0) { $0 + $1.evaluate(operands) }
        case .difference(let a, let b): return a.evaluate(operands) - b.evaluate(operands)
        case .product(let factors), .chain(let factors): return factors.reduce(1) { $0 * $1.evaluate(operands) }
        case .quotient(let a, let b): return a.evaluate(operands) / b.evaluate(operands)
        case .negation(let a): return -a.evaluate(operands)
        case .power(let a, let b): return BinaryOp.pow.rule.evaluate(a.evaluate(operands), b.evaluate(operands)).value
        case .function(let function, let arguments): return Self.apply(function, arguments.map { $0.evaluate(operands) })
        case .indicator(let a, let comparison, let b):
            let (x, y) = (a.evaluate(operands), b.evaluate(operands))
            let holds = switch comparison {
            case .less: x < y
            case .greater: x > y
            case .equal: x == y
            }
            return holds ? 1 : 0
        }
    }

    /// A named function's value: the value rule of the primitive whose value formula is that function.
    private static func apply(_ function: Function, _ x: [Double]) -> Double {
        if function == .sign { return x[0] > 0 ? 1 : (x[0] < 0 ? -1 : 0) }
        if let op = UnaryOp.allCases.first(where: { $0.rule.expression(.number(0)) == .function(function, [.operand(0)]) }) {
            return op.rule.evaluate(x[0], 0).value
        }
        if let op = BinaryOp.allCases.first(where: { $0.rule.expression == .function(function, [.operand(0), .operand(1)]) }) {
            return op.rule.evaluate(x[0], x[1]).value
        }
        return .nan
    }
}
