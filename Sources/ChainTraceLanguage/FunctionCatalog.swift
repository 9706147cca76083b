import ChainTrace

/// The functions a program may call, by name, and the closest name to a misspelt one.
enum FunctionCatalog {
    static let names: [String] = (Op.unaryFunctions + Op.binaryFunctions).map(\.rawValue)

    static func op(named name: String) -> Op? {
        guard let op = Op(rawValue: name), Op.unaryFunctions.contains(op) || Op.binaryFunctions.contains(op) else { return nil }
        return op
    }

    /// The function name nearest in edit distance, if it is near enough to be a likely typo.
    static func closest(to name: String) -> String? {
        let lowered = name.lowercased()
        let scored = names.map { ($0, editDistance(Array(lowered), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 2) else { return nil }
        return best.0
    }

    /// Levenshtein distance between two character sequences.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0 ... b.count)
        for (i, ca) in a.enumerated() {
            var row = [i + 1]
            for (j, cb) in b.enumerated() {
                row.append(min(previous[j + 1] + 1, row[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = row
        }
        return previous[b.count]
    }
}
