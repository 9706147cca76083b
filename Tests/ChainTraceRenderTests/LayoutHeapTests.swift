@testable import ChainTraceGraphviz
import ChainTraceRender
import Foundation
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

private func vmFlags(_ entry: [Substring]) -> [Substring] {
    entry.first { $0.hasPrefix("VmFlags:") }?.split(separator: " ").dropFirst().map { $0 } ?? []
}

private let hugePagesOnRequest = ((try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? "").contains("[madvise]")

@Suite("huge pages for a large layout's heap")
struct LayoutHeapTests {
    @Test("only a large graph's layout is prepared, sized from its DOT text and capped")
    func sizes() {
        #expect(LayoutHeap.bytes(forDOT: 100_000) == 0)
        #expect(LayoutHeap.bytes(forDOT: 511 << 10) == 0)
        #expect(LayoutHeap.bytes(forDOT: 1 << 20) == 16 << 20)
        #expect(LayoutHeap.bytes(forDOT: 2_375_430) == 16 * 2_375_430)
        #expect(LayoutHeap.bytes(forDOT: 100 << 20) == 48 << 20)
        #expect(LayoutHeap.bytes(forDOT: Int.max) == 48 << 20)
    }

    @Test("the prepared range is this thread's writable heap, advised for huge pages, and given back afterwards",
          .enabled(if: hugePagesOnRequest, "the system gives huge pages on request (madvise mode) only"))
    func advisesAndRestores() throws {
        let range = LayoutHeap.prepare(bytes: 16 << 20)
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
