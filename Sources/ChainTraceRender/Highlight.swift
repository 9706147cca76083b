import ChainTrace

/// The nodes on some path from a highlighted node to the output: they stand out, the rest fades.
struct Highlight {
    /// For every node, whether it lies on a path from a highlighted node to the output.
    let onPath: [Bool]

    /// Resolves names and ids (`x`, `#3`, `3`) and marks every path from them to `output`.
    ///
    /// A name chooses every node carrying it (a name reassigned in a program names several).
    init(_ terms: [String], tape: Tape, output: NodeID) throws(DiagramError) {
        var chosen = [Bool](repeating: false, count: tape.count)
        for term in terms {
            for node in try Self.nodes(matching: term, on: tape) { chosen[node] = true }
        }
        var descendant = chosen
        for node in 0 ..< tape.count where !descendant[node] {
            descendant[node] = tape.edges(of: node).contains { descendant[Int(tape.edgeInputs[$0])] }
        }
        var ancestor = [Bool](repeating: false, count: tape.count)
        ancestor[output] = true
        for consumer in stride(from: output, through: 0, by: -1) where ancestor[consumer] {
            for edge in tape.edges(of: consumer) { ancestor[Int(tape.edgeInputs[edge])] = true }
        }
        onPath = zip(descendant, ancestor).map { $0 && $1 }
    }

    /// Whether an edge lies on a highlighted path (both its ends do).
    func contains(edge: Int, on tape: Tape) -> Bool {
        onPath[Int(tape.edgeInputs[edge])] && onPath[Int(tape.edgeConsumers[edge])]
    }

    private static func nodes(matching rawTerm: String, on tape: Tape) throws(DiagramError) -> [NodeID] {
        let term = rawTerm.trimmingSpaces()
        let digits = term.hasPrefix("#") ? String(term.dropFirst()) : term
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), let id = Int(digits) {
            guard id >= 0 && id < tape.count else {
                throw DiagramError("highlight '\(term)': the trace has nodes #0 to #\(tape.count - 1)")
            }
            return [id]
        }
        let matches = (0 ..< tape.count).filter { tape.names[$0] == term }
        guard matches.isEmpty else { return matches }
        var known: [String] = []
        for name in tape.names.compactMap({ $0 }) where !known.contains(name) && known.count < 12 { known.append(name) }
        throw DiagramError("highlight '\(term)': no node has this name" + (known.isEmpty ? "; use node ids such as #0" : " (names: \(known.joined(separator: ", ")); or use an id such as #0)"))
    }
}

private extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
