import ChainTrace

/// A set of nodes with ids in `first ... last`, stored for that span only, so that analysing a
/// short stretch of a long tape costs the length of the stretch.
struct NodeSpan: Sendable {
    /// The lowest id the span covers.
    let first: NodeID
    private var members: [Bool]

    /// An empty set over `first ... last` (empty when `last < first`).
    init(first: NodeID, last: NodeID) {
        self.first = first
        self.members = [Bool](repeating: false, count: Swift.max(0, last - first + 1))
    }

    /// Whether `node` is in the set; nodes outside the span never are.
    subscript(node: NodeID) -> Bool {
        get { node >= first && node - first < members.count && members[node - first] }
        set { members[node - first] = newValue }
    }
}
