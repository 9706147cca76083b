import ChainTrace

/// The nodes on some path from a highlighted node to the output: they stand out, the rest fades.
struct Highlight {
    /// For every node, whether it lies on a path from a highlighted node to the output.
    let onPath: [Bool]

    /// Resolves names and ids (`x`, `#3`) by ``Tape/node(named:)`` and marks every path from them to `output`.
    init(_ terms: [String], tape: Tape, output: NodeID) throws(DiagramError) {
        var chosen = [Bool](repeating: false, count: tape.count)
        for term in terms {
            do {
                chosen[try tape.node(named: term.trimmingSpaces())] = true
            } catch {
                throw DiagramError("highlight: \(error)")
            }
        }
        var descendant = chosen
        for node in 0 ..< tape.count where !descendant[node] {
            descendant[node] = tape.edges(of: node).contains { descendant[tape.operand(of: $0)] }
        }
        var ancestor = [Bool](repeating: false, count: tape.count)
        ancestor[output] = true
        for consumer in stride(from: output, through: 0, by: -1) where ancestor[consumer] {
            for edge in tape.edges(of: consumer) { ancestor[tape.operand(of: edge)] = true }
        }
        onPath = zip(descendant, ancestor).map { $0 && $1 }
    }

    /// Whether an edge lies on a highlighted path (both its ends do).
    func contains(edge: Int, on tape: Tape) -> Bool {
        onPath[tape.operand(of: edge)] && onPath[tape.consumer(of: edge)]
    }
}

private extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
