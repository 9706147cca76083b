import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the version 1 writer spreads a large section (node lines, backward steps, sums) over the
/// cores: the section's items are cut into contiguous chunks of about ``chunkBytes`` bytes, each
/// chunk is formatted into a buffer of its own on one of Dispatch's threads, and the buffers are
/// handed on in order. A chunk's text depends only on its items, never on where the cuts fall or
/// on which thread formats it, so the bytes are the same for every setting.
package struct TraceJSONThreads: Sendable {
    /// Chunks formatted at once: twice this many are in flight (1: the calling thread does it all).
    package var threads: Int
    /// About how many bytes a chunk holds (its items are cut by an estimate of their text).
    package var chunkBytes: Int
    /// Sections estimated at fewer chunks than this are formatted on the calling thread: below it,
    /// handing work to other threads costs more than it saves.
    package var minimumChunks: Int

    /// Any setting, for tests: `threads` of at least 1, chunks of at least one item.
    package init(threads: Int, chunkBytes: Int, minimumChunks: Int) {
        self.threads = max(threads, 1)
        self.chunkBytes = max(chunkBytes, 1)
        self.minimumChunks = minimumChunks
    }

    /// One thread per active processor, chunks of 128 KiB, and a section only in parallel from
    /// 4 chunks (512 KiB) on: on 2 cores, documents of 0.7–3 MB (sections of 0.1–1.2 MB) formatted
    /// no faster in parallel than on one thread (BENCHMARKS.md).
    package static let automatic = TraceJSONThreads(threads: activeProcessors, chunkBytes: 1 << 17, minimumChunks: 4)

    /// Everything on the calling thread, in one chunk per section.
    package static let one = TraceJSONThreads(threads: activeProcessors, chunkBytes: .max, minimumChunks: .max)

    /// The processors online, as Dispatch counts them to size its thread pool.
    private static var activeProcessors: Int {
        max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    }

    /// `count` items cut into contiguous ranges of about ``chunkBytes`` estimated bytes each
    /// (`bytes` estimates an item's text), in order; none when `count` is 0.
    package func chunks(of count: Int, bytes: (Int) -> Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, size = 0
        for item in 0 ..< count {
            if size >= chunkBytes {
                ranges.append(start ..< item)
                start = item
                size = 0
            }
            size += bytes(item)
        }
        if start < count { ranges.append(start ..< count) }
        return ranges
    }

    /// Writes the lines of each range in `chunks`, in order, into `output`: `format` writes the
    /// lines of one chunk (given by its index in `chunks`) into the output it is given. With several threads and at least
    /// ``minimumChunks`` chunks, `2 × threads` chunks at most are formatted (or waiting) at once,
    /// each into a buffer of its own that is reused for a later chunk once handed on; otherwise
    /// the calling thread writes every range straight into `output`.
    func write(_ chunks: [Range<Int>], to output: TraceJSONOutput, _ format: @escaping @Sendable (Int, TraceJSONOutput) -> Void) {
        guard threads > 1, chunks.count >= minimumChunks, chunks.count > 1 else {
            for chunk in chunks.indices { format(chunk, output) }
            return
        }
        let slots = (0 ..< min(2 * threads, chunks.count)).map { _ in ChunkSlot(capacity: min(chunkBytes, 1 << 20) + 4096) }
        var started = 0
        func start() {
            let slot = slots[started % slots.count], chunk = started
            started += 1
            DispatchQueue.global().async {
                format(chunk, slot.output)
                slot.done.signal()
            }
        }
        while started < slots.count { start() }
        var next = 0
        while next < started {
            let slot = slots[next % slots.count]
            slot.done.wait()
            output.pass(slot.output)
            next += 1
            // A sink that failed drops the rest: the chunks already started are waited for, no more begin.
            if started < chunks.count, !output.failed { start() }
        }
    }
}

/// One chunk's buffer and the signal that its lines are written. The buffer is touched by one
/// thread at a time: the formatting thread until it signals, then the writing thread, which hands
/// it on and empties it before it starts the next chunk in it.
private final class ChunkSlot: @unchecked Sendable {
    let output: TraceJSONOutput
    let done = DispatchSemaphore(value: 0)

    init(capacity: Int) { output = TraceJSONOutput(chunkCapacity: capacity) }
}
