import CGraphvizShim

/// Huge pages for the heap of a large layout, on the thread that lays it out (see the shim's heap.c).
///
/// dot's layout of a few thousand nodes touches tens of megabytes of heap; in 4 KiB pages that
/// was 10,400 page faults and TLB misses enough to put the in-process layout behind the `dot` program.
enum LayoutHeap {
    /// Heap a layout needs per byte of DOT text, rounded up: 38 MB for the benchmark's 2.4 MB.
    static let bytesPerDOTByte = 16
    /// The most prepared, inside glibc's 64 MiB heap of a thread.
    static let largest = 48 << 20
    /// Below this (DOT of under 512 KiB, a few hundred nodes) the layout takes milliseconds and
    /// 4 KiB pages cost nothing worth a system call.
    static let smallest = 8 << 20

    /// How much heap to back with huge pages for a layout of `dotBytes` bytes of DOT: 0 for a small one.
    static func bytes(forDOT dotBytes: Int) -> Int {
        let (estimate, overflow) = dotBytes.multipliedReportingOverflow(by: bytesPerDOTByte)
        let bytes = overflow ? largest : min(estimate, largest)
        return bytes < smallest ? 0 : bytes
    }

    /// Runs `body` (a layout of `dotBytes` bytes of DOT, on this thread) with this thread's heap
    /// backed by huge pages, and gives the range back to the default page size afterwards.
    static func withHugePages<T, E: Error>(forDOT dotBytes: Int, _ body: () throws(E) -> T) throws(E) -> T {
        let bytes = bytes(forDOT: dotBytes)
        guard bytes > 0 else { return try body() }
        let range = prepare(bytes: bytes)
        defer { restore(range) }
        return try body()
    }

    /// Grows this thread's heap by about `bytes` and backs it with huge pages; the addresses
    /// advised, empty when the system or the heap did not allow it.
    static func prepare(bytes: Int) -> Range<UInt> {
        let range = chaintrace_graphviz_prepare_heap(bytes)
        let start = UInt(bitPattern: range.start)
        return start ..< start + UInt(range.length)
    }

    /// Gives a range from ``prepare(bytes:)`` back to the default page size.
    static func restore(_ range: Range<UInt>) {
        chaintrace_graphviz_restore_heap(chaintrace_heap_range(start: UnsafeMutableRawPointer(bitPattern: range.lowerBound), length: range.count))
    }
}
