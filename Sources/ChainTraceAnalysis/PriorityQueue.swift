/// A max-heap of partial paths by priority; equal priorities leave in the order they arrived.
struct PriorityQueue {
    private var heap: [(priority: Double, order: Int, link: Int)] = []
    private var arrivals = 0

    mutating func push(priority: Double, link: Int) {
        heap.append((priority, arrivals, link))
        arrivals += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (priority: Double, link: Int)? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var first = parent
                if left < heap.count && before(left, first) { first = left }
                if right < heap.count && before(right, first) { first = right }
                if first == parent { break }
                heap.swapAt(parent, first)
                parent = first
            }
        }
        return (top.priority, top.link)
    }

    /// Drops all but the `count` entries that would leave first, once the rest outgrow them well
    /// (so trimming costs amortised O(log n) per push).
    mutating func trim(keeping count: Int) {
        guard count < (heap.count - 64) / 2 else { return }
        // An array sorted in leaving order is itself a valid heap.
        heap.sort(by: Self.before)
        heap.removeLast(heap.count - count)
    }

    private func before(_ i: Int, _ j: Int) -> Bool { Self.before(heap[i], heap[j]) }

    private static func before(_ a: (priority: Double, order: Int, link: Int), _ b: (priority: Double, order: Int, link: Int)) -> Bool {
        a.priority != b.priority ? a.priority > b.priority : a.order < b.order
    }
}
