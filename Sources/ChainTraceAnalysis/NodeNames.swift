import ChainTrace

/// What nodes are called in explanations: program names, numbers for constants, and generated
/// names `t1`, `t2`, … (in id order, skipping names the program uses) for unnamed intermediates.
public struct NodeNames: Sendable {
    /// Each node's label: its name, its generated name, or for an unnamed constant its value.
    public let labels: [String]
    /// Labels that tell nodes apart: a name the program gives to several nodes (`v = v + 1`) gets the node id, `v#7`.
    public let distinctLabels: [String]
    private let tape: Tape
    private let uses: [Int]
    private let digits: Int

    /// How deep an unnamed single-use intermediate is written out inline before its generated name is used.
    static let inlineDepth = 3

    /// Names for every node of `tape`; constants' values are written with `digits` significant digits.
    public init(tape: Tape, digits: Int = 6) {
        let taken = Set(tape.names.compactMap { $0 })
        var next = 1
        var labels: [String] = []
        for node in 0 ..< tape.count {
            if let name = tape.names[node] {
                labels.append(name)
            } else if tape.ops[node] == .constant {
                labels.append(NumberText.significant(tape.values[node], digits: digits))
            } else {
                while taken.contains("t\(next)") { next += 1 }
                labels.append("t\(next)")
                next += 1
            }
        }
        var uses = [Int](repeating: 0, count: tape.count)
        for operand in tape.edgeInputs { uses[Int(operand)] += 1 }
        self.labels = labels
        var occurrences: [String: Int] = [:]
        for name in tape.names.compactMap({ $0 }) { occurrences[name, default: 0] += 1 }
        self.distinctLabels = labels.indices.map { node in
            tape.names[node].map { occurrences[$0, default: 0] > 1 ? "\($0)#\(node)" : $0 } ?? labels[node]
        }
        self.tape = tape
        self.uses = uses
        self.digits = digits
    }

    /// The node as it appears in a formula: its name; for an unnamed constant, its value; for an
    /// unnamed intermediate used once, the expression that computed it (`x·x` in `cos(x·x)`),
    /// up to a small depth; otherwise its generated name.
    public func formula(of node: NodeID) -> Formula {
        formula(of: node, depth: Self.inlineDepth)
    }

    private func formula(of node: NodeID, depth: Int) -> Formula {
        if tape.names[node] == nil {
            if tape.ops[node] == .constant { return .number(tape.values[node]) }
            if depth > 0, uses[node] == 1, let expression = LocalDerivative.expression(tape.ops[node], parameter: tape.parameters[node]) {
                let operands = tape.inputs(of: node)
                return expression.substituting { formula(of: operands[$0], depth: depth - 1) }
            }
        }
        return .symbol(labels[node])
    }

    /// The local partial on an edge as a formula of its operands' names: `3u²` on `y = u^3`.
    public func partialFormula(of edge: Int) -> Formula {
        let consumer = Int(tape.edgeConsumers[edge])
        let operands = tape.inputs(of: consumer)
        return genericPartial(of: edge).substituting { formula(of: operands[$0]) }
    }

    /// The local partial on an edge with its operands' values substituted: `3·(5)²`. Unnamed
    /// constants were numbers all along and stay unbracketed.
    public func substitutedPartial(of edge: Int) -> Formula {
        let consumer = Int(tape.edgeConsumers[edge])
        let operands = tape.inputs(of: consumer)
        return genericPartial(of: edge).substituting { position in
            let operand = operands[position]
            return tape.ops[operand] == .constant && tape.names[operand] == nil ? .number(tape.values[operand]) : .value(tape.values[operand])
        }
    }

    /// The local partial on an edge in terms of the operation's own operands `a`, `b`.
    public func genericPartial(of edge: Int) -> Formula {
        let consumer = Int(tape.edgeConsumers[edge])
        return LocalDerivative.formula(tape.ops[consumer], operand: edge - tape.edgeStart[consumer], parameter: tape.parameters[consumer])
    }
}
