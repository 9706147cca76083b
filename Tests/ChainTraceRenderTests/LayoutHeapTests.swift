@testable import ChainTraceGraphviz
import ChainTraceRender
import Foundation
import Synchronization
import Testing

/// The mapping of `/proc/self/smaps` that holds `address`: its lines, header first.
private func smapsEntry(holding address: UInt) throws -> [Substring] {
    // Read to the end: files under /proc report a size of 0.
    let bytes = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps")).readToEnd() ?? Data()
    let text = String(decoding: bytes, as: UTF8.self)
    var entry: [Substring] = []
    var holds = false
    for line in text.split(separator: "\n") {
        let head = line.split(separator: " ", maxSplits: 1).first ?? ""
        let bounds = head.split(separator: "-")
        if bounds.count == 2, let low = UInt(bounds[0], radix: 16), let high = UInt(bounds[1], radix: 16) {
            if holds { break }
            holds = low <= address && address < high
        }
        if holds { entry.append(line) }
    }
    return entry
}

/// The addresses an smaps header line (`start-end perms …`) covers.
private func bounds(_ header: Substring) -> (start: UInt, end: UInt)? {
    let parts = (header.split(separator: " ").first ?? "").split(separator: "-")
    guard parts.count == 2, let start = UInt(parts[0], radix: 16), let end = UInt(parts[1], radix: 16) else { return nil }
    return (start, end)
}

private func vmFlags(_ entry: [Substring]) -> [Substring] {
    entry.first { $0.hasPrefix("VmFlags:") }?.split(separator: " ").dropFirst().map { $0 } ?? []
}

private let hugePagesOnRequest = ((try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? "").contains("[madvise]")

@Suite("the heap of a layout: grown up front, huge pages for a large graph")
struct LayoutHeapTests {
    @Test("the heap prepared is sized from the DOT text, at least 4 MiB and at most 48 MiB")
    func sizes() {
        #expect(LayoutHeap.bytes(forDOT: 10_000) == 4 << 20)
        #expect(LayoutHeap.bytes(forDOT: 511 << 10) == 16 * (511 << 10))
        #expect(LayoutHeap.bytes(forDOT: 2_375_430) == 16 * 2_375_430)
        #expect(LayoutHeap.bytes(forDOT: 100 << 20) == 48 << 20)
        #expect(LayoutHeap.bytes(forDOT: Int.max) == 48 << 20)
        #expect(LayoutHeap.bytes(forDOT: 511 << 10) < LayoutHeap.hugePagesFrom && LayoutHeap.bytes(forDOT: 512 << 10) >= LayoutHeap.hugePagesFrom)
    }

    @Test("a small layout's heap is grown up front, and gets no huge pages")
    func growsSmallHeap() throws {
        // On a thread of its own: the heap grown is that thread's (glibc's arena of the thread).
        let seen = Mutex<(advised: Range<UInt>, heap: (start: UInt, end: UInt)?)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let advised = LayoutHeap.prepare(bytes: LayoutHeap.smallest, hugePages: false)
            let probe = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
            let heap = try? smapsEntry(holding: UInt(bitPattern: probe)).first.flatMap(bounds)
            probe.deallocate()
            seen.withLock { $0 = (advised, heap) }
            done.signal()
        }
        thread.start()
        done.wait()
        let result = try #require(seen.withLock { $0 })
        #expect(result.advised.isEmpty)
        let heap = try #require(result.heap)
        #expect(heap.end - heap.start >= UInt(LayoutHeap.smallest - (256 << 10)))
    }

    @Test("the prepared range is this thread's writable heap, advised for huge pages, and given back afterwards",
          .enabled(if: hugePagesOnRequest, "the system gives huge pages on request (madvise mode) only"))
    func advisesAndRestores() throws {
        let range = LayoutHeap.prepare(bytes: 16 << 20, hugePages: true)
        #expect(range.count >= 4 << 20 && range.count <= 16 << 20)
        #expect(range.lowerBound % (2 << 20) == 0 && range.count % (2 << 20) == 0)
        let advised = try smapsEntry(holding: range.lowerBound)
        #expect(advised.first?.contains(" rw-p ") == true)
        #expect(vmFlags(advised).contains("hg"))
        LayoutHeap.restore(range)
        let restored = try smapsEntry(holding: range.lowerBound)
        #expect(!vmFlags(restored).contains("hg") && vmFlags(restored).contains("nh"))
    }

    @Test("a large graph renders to the same SVG bytes with and without huge pages")
    func sameBytes() throws {
        var options = DiagramOptions()
        options.maxNodes = 100_000
        let diagram = try Diagram(layeredDocument(layers: 10, width: 20, scoped: true), options: options)
        #expect(LayoutHeap.bytes(forDOT: diagram.dot.utf8.count) > 0)
        let prepared = try Graphviz.render(diagram.dot, format: .svg, scale: 1, hugePages: true)
        let plain = try Graphviz.render(diagram.dot, format: .svg, scale: 1, hugePages: false)
        #expect(prepared.count > 100_000)
        #expect(prepared == plain)
    }
}
