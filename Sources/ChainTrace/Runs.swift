/// A per-node number stored as runs: one entry where it changes, not one per node.
///
/// A node's scope and source line are shared by long stretches of consecutive nodes (a scope's
/// body, a statement's operations), so storing runs costs a comparison per recorded node and a
/// few bytes per run instead of four bytes per node. Values are appended in node order.
@usableFromInline
struct Runs: Sendable, Equatable {
    /// The first node of each run, increasing.
    @usableFromInline var starts: [Int32] = []
    /// Each run's value.
    @usableFromInline var values: [Int32] = []

    /// Sets the value of `node`, the next node in order.
    @inlinable @inline(__always)
    mutating func append(_ value: Int32, for node: Int) {
        guard values.last != value else { return }
        starts.append(Int32(truncatingIfNeeded: node))
        values.append(value)
    }

    /// The value of `node` (0 before the first run).
    @usableFromInline
    subscript(node: Int) -> Int32 {
        // The last run starting at or before `node`.
        var low = 0, high = starts.count
        let target = Int32(truncatingIfNeeded: node)
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : values[low - 1]
    }
}
