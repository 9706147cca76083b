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
            let op = tape.op(of: node)
            let operands = tape.inputs(of: node).map { values[$0] }
            switch op.kind {
            case .leaf:
                values[node] = overrides[node] ?? tape.value(of: node)
            case .unary(let unary):
                values[node] = unary.evaluate(operands[0], tape.parameter(of: node)).value
                if op == .relu || op == .abs { sides[node] = side(operands[0], 0) }
            case .binary(let binary):
                values[node] = binary.evaluate(operands[0], operands[1]).value
                if op == .min || op == .max { sides[node] = side(operands[0], operands[1]) }
            }
        }
        return (values, sides)
    }

    static func side(_ a: Double, _ b: Double) -> Int8 { a < b ? -1 : (a > b ? 1 : 0) }
}

/// Replays what depends on one leaf after changing it, starting from a whole replay: a gradient
/// check's finite differences then cost each input its downstream nodes, not the whole tape.
struct Perturbation {
    private let tape: Tape
    private let base: (values: [Double], sides: [Int8])
    private let last: NodeID
    private var values: [Double]
    private var changed: [Bool]

    /// Perturbations of `tape` whose replay is `base`, read at node `last`.
    init(tape: Tape, base: (values: [Double], sides: [Int8]), reading last: NodeID) {
        self.tape = tape
        self.base = base
        self.last = last
        self.values = base.values
        self.changed = [Bool](repeating: false, count: tape.count)
    }

    /// The value of the read node with `leaf` set to `value`, and whether any relu, abs, min or max
    /// on the way switched sides.
    mutating func value(setting leaf: NodeID, to value: Double) -> (value: Double, crossesKink: Bool) {
        guard leaf <= last else { return (values[last], false) }
        var touched = [leaf]
        values[leaf] = value
        changed[leaf] = true
        var crossesKink = false
        var node = leaf + 1
        while node <= last {
            defer { node += 1 }
            let edges = tape.edges(of: node)
            guard let first = edges.first else { continue }
            let a = tape.operand(of: first)
            let b = edges.count > 1 ? tape.operand(of: first + 1) : a
            guard changed[a] || changed[b] else { continue }
            switch tape.op(of: node).kind {
            case .leaf:
                continue
            case .unary(let op):
                values[node] = op.evaluate(values[a], tape.parameter(of: node)).value
                if op == .relu || op == .abs { crossesKink = crossesKink || Replay.side(values[a], 0) != base.sides[node] }
            case .binary(let op):
                values[node] = op.evaluate(values[a], values[b]).value
                if op == .min || op == .max { crossesKink = crossesKink || Replay.side(values[a], values[b]) != base.sides[node] }
            }
            changed[node] = true
            touched.append(node)
        }
        let result = values[last]
        for node in touched {
            values[node] = base.values[node]
            changed[node] = false
        }
        return (result, crossesKink)
    }
}
