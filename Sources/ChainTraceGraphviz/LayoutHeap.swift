import CGraphvizShim

/// The heap of a layout, on the thread that lays it out: grown up front, and for a large graph
/// backed by huge pages (see the shim's heap.c).
///
/// dot's layout of a few thousand nodes touches tens of megabytes of heap; in 4 KiB pages that
/// was 10,400 page faults and TLB misses enough to put the in-process layout behind the `dot`
/// program. A small diagram's layout thread grew its heap a page at a time (480 system calls).
enum LayoutHeap {
    /// Heap a layout needs per byte of DOT text, rounded up: 38 MB for the benchmark's 2.4 MB.
    static let bytesPerDOTByte = 16
    /// The least a layout takes (plugins, fonts and a small diagram: about 2.5 MB when Graphviz starts).
    static let smallest = 4 << 20
    /// The most prepared, inside glibc's 64 MiB heap of a thread.
    static let largest = 48 << 20
    /// From this size (DOT of 512 KiB, a few hundred nodes) the heap gets huge pages: below it
    /// the layout takes milliseconds, and huge pages would only hold memory.
    static let hugePagesFrom = 8 << 20

    /// How much heap to prepare for a layout of `dotBytes` bytes of DOT.
    static func bytes(forDOT dotBytes: Int) -> Int {
        let (estimate, overflow) = dotBytes.multipliedReportingOverflow(by: bytesPerDOTByte)
        return overflow ? largest : min(max(estimate, smallest), largest)
    }

    /// Runs `body` (a layout of `dotBytes` bytes of DOT, on this thread) with this thread's heap
    /// prepared, with huge pages if it is large and `hugePages` allows, and gives the range of
    /// huge pages back to the default page size afterwards.
    static func prepared<T, E: Error>(forDOT dotBytes: Int, hugePages: Bool, _ body: () throws(E) -> T) throws(E) -> T {
        let bytes = bytes(forDOT: dotBytes)
        let range = prepare(bytes: bytes, hugePages: hugePages && bytes >= hugePagesFrom)
        defer { restore(range) }
        return try body()
    }

    /// Grows this thread's heap by about `bytes` and, with `hugePages`, backs it with huge pages;
    /// the addresses advised, empty when none were.
    static func prepare(bytes: Int, hugePages: Bool) -> Range<UInt> {
        let range = chaintrace_graphviz_prepare_heap(bytes, hugePages ? 1 : 0)
        let start = UInt(bitPattern: range.start)
        return start ..< start + UInt(range.length)
    }

    /// Gives a range from ``prepare(bytes:hugePages:)`` back to the default page size.
    static func restore(_ range: Range<UInt>) {
        chaintrace_graphviz_restore_heap(chaintrace_heap_range(start: UnsafeMutableRawPointer(bitPattern: range.lowerBound), length: range.count))
    }
}
