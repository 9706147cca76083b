import ChainTrace

/// Re-evaluates a tape from its leaves with the primitives' rules, in id order, ignoring the
/// recorded values of non-leaves. Works the same for a tape recorded by a program and one read from JSON.
public enum Replay {
    /// Every node's value, with the leaves in `overrides` set to new values and the other leaves as recorded.
    public static func values(of tape: Tape, overriding overrides: [NodeID: Double] = [:]) -> [Double] {
        run(tape, overriding: overrides).values
    }

    /// Values, and for every node with a kink (relu, abs, min, max) which side of it the operands fell on.
    static func run(_ tape: Tape, overriding overrides: [NodeID: Double]) -> (values: [Double], sides: [Int8]) {
        var values = [Double](repeating: 0, count: tape.count)
        var sides = [Int8](repeating: 0, count: tape.count)
        for node in 0 ..< tape.count {
            let op = tape.ops[node]
            let operands = tape.inputs(of: node).map { values[$0] }
            switch op.kind {
            case .leaf:
                values[node] = overrides[node] ?? tape.values[node]
            case .unary(let unary):
                values[node] = unary.rule.evaluate(operands[0], tape.parameters[node]).value
                if op == .relu || op == .abs { sides[node] = side(operands[0], 0) }
            case .binary(let binary):
                values[node] = binary.rule.evaluate(operands[0], operands[1]).value
                if op == .min || op == .max { sides[node] = side(operands[0], operands[1]) }
            }
        }
        return (values, sides)
    }

    private static func side(_ a: Double, _ b: Double) -> Int8 { a < b ? -1 : (a > b ? 1 : 0) }
}
