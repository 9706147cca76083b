/// A name or id that names no node, with what was meant if a name is close.
public struct NodeLookupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that was looked up.
    public let term: String
    /// Names close to `term` (smallest edit distance first, then in node order), at most three.
    public let suggestions: [String]
    /// What is wrong, in words.
    public let message: String

    /// `no node named 'q'; did you mean 'y'?`
    public var description: String { message }
}

extension Tape {
    /// The node a user means by `term`, by the one rule every command and diagram option follows.
    ///
    /// - `#3` is the node with id 3.
    /// - Any other text is a name, meaning the **last** node bearing it: a name bound several times
    ///   (`y = …` then `y += …`) means its latest binding, as it does at the end of a program; the
    ///   earlier ones are reached by id. An alias (`h = x`) records no node and so names none.
    ///
    /// An unknown name fails with the closest names by edit distance: `did you mean 'x0' or 'x1'?`.
    public func node(named term: String) throws(NodeLookupError) -> NodeID {
        if term.hasPrefix("#") {
            guard let id = Int(term.dropFirst()), id >= 0, id < count else {
                let range = count == 0 ? "the trace has no nodes" : "ids run from #0 to #\(count - 1)"
                throw NodeLookupError(term: term, suggestions: [], message: "no node \(term): \(range)")
            }
            return id
        }
        if let node = (0 ..< count).last(where: { name(of: $0) == term }) { return node }
        let suggestions = closeNames(to: term)
        var message = "no node named '\(term)'"
        if term.allSatisfy(\.isNumber), let id = Int(term), id < count {
            message += "; write #\(id) for the node with id \(id)"
        } else if let last = suggestions.last {
            let quoted = suggestions.map { "'\($0)'" }
            message += "; did you mean " + (suggestions.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or '\(last)'") + "?"
        } else {
            message += (0 ..< count).contains { name(of: $0) != nil } ? " (its names include \(listed(3)); ids such as #0 work too)" : "; the trace names no node, use an id such as #0"
        }
        throw NodeLookupError(term: term, suggestions: suggestions, message: message)
    }

    /// Every node's name (nil for none), in node order.
    private var nodeNames: LazyMapSequence<Range<Int>, String?> { (0 ..< count).lazy.map { self.name(of: $0) } }

    /// The distinct names within edit distance max(1, ⌊length / 3⌋) of `term`, closest first, at most three.
    private func closeNames(to term: String) -> [String] {
        let target = Array(term)
        let limit = Swift.max(1, target.count / 3)
        var seen: Set<String> = []
        var scored: [(distance: Int, order: Int, name: String)] = []
        for case let name? in nodeNames where seen.insert(name).inserted {
            let candidate = Array(name)
            guard Swift.abs(candidate.count - target.count) <= limit else { continue }
            let distance = Self.editDistance(target, candidate)
            if distance <= limit { scored.append((distance, scored.count, name)) }
        }
        return scored.sorted { ($0.distance, $0.order) < ($1.distance, $1.order) }.prefix(3).map(\.name)
    }

    /// The first `limit` distinct names in node order, then `…` if there are more.
    private func listed(_ limit: Int) -> String {
        var distinct: [String] = []
        for case let name? in nodeNames where !distinct.contains(name) {
            if distinct.count == limit { return distinct.map { "'\($0)'" }.joined(separator: ", ") + ", …" }
            distinct.append(name)
        }
        return distinct.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// Levenshtein distance: the fewest single-character insertions, deletions and substitutions;
    /// the one measure of "close" behind every suggested name (nodes here, functions in the language).
    package static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0 ... b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
