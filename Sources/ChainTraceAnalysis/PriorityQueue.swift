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

    private func before(_ i: Int, _ j: Int) -> Bool {
        heap[i].priority != heap[j].priority ? heap[i].priority > heap[j].priority : heap[i].order < heap[j].order
    }
}
