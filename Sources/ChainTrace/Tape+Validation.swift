extension Tape {
    /// Checks the rules every reader relies on: each node has one operand (and one local partial)
    /// per argument of its operation, and every operand is an earlier node. Returns the problems
    /// found, in node order; an empty list means the tape is valid.
    public func validate() -> [TapeProblem] {
        var problems: [TapeProblem] = []
        for node in 0 ..< count {
            let op = op(of: node)
            let edges = edges(of: node)
            if edges.count != op.arity {
                problems.append(TapeProblem(.node(node), "'\(op.rawValue)' takes \(op.arity) operand\(op.arity == 1 ? "" : "s"), found \(edges.count)"))
            }
            for (position, edge) in edges.enumerated() {
                let input = operand(of: edge)
                if input < 0 || input >= count {
                    problems.append(TapeProblem(.operand(node, position), "operand \(input) is not a node id (the tape has \(count) nodes)"))
                } else if input >= node {
                    problems.append(TapeProblem(.operand(node, position), "operand \(input) is not recorded before node \(node); inputs must precede use"))
                }
            }
            let scope = scopeIndex(of: node)
            if scope < 0 || Int(scope) >= scopeCount {
                problems.append(TapeProblem(.node(node), "scope index \(scope) is out of range"))
            }
        }
        return problems
    }

    /// Checks that a backward record fits this tape: its output is a node, it has one gradient per
    /// node, and its steps are distinct edges taken from consumers in non-increasing id order.
    public func validate(_ backward: Backward) -> [TapeProblem] {
        var problems: [TapeProblem] = []
        if backward.output < 0 || backward.output >= count {
            problems.append(TapeProblem(.backwardOutput, "node \(backward.output) is not on the tape (\(count) nodes)"))
        }
        if backward.gradients.count != count {
            problems.append(TapeProblem(.gradients, "expected one gradient per node (\(count)), found \(backward.gradients.count)"))
        }
        var seen = [Bool](repeating: false, count: edgeCount)
        var previousConsumer = Int.max
        for (index, step) in backward.steps.enumerated() {
            let edge = Int(step)
            guard edge >= 0 && edge < edgeCount else {
                problems.append(TapeProblem(.step(index), "edge \(edge) does not exist (the tape has \(edgeCount) edges)"))
                continue
            }
            if seen[edge] {
                problems.append(TapeProblem(.step(index), "edge \(edge) is multiplied twice"))
            }
            seen[edge] = true
            let consumer = consumer(of: edge)
            if consumer > previousConsumer {
                problems.append(TapeProblem(.step(index), "consumer \(consumer) comes after consumer \(previousConsumer); a backward pass visits consumers from the output down"))
            }
            previousConsumer = consumer
        }
        return problems
    }
}
