import ChainTrace
import ChainTraceFormat
@testable import ChainTraceGraphviz
import ChainTraceRender
import Testing

/// The backward pass as an animated PNG: frames of the pass pinned to one layout, assembled as APNG.
@Suite("the backward pass as an animated PNG")
struct AnimatedPNGTests {
    static func frames(_ program: String) throws -> BackwardFrames {
        var options = DiagramOptions()
        options.detail = .full
        return try BackwardFrames(try document(program), options: options)
    }

    /// A PNG's chunks as (type, data), checking each CRC.
    static func chunks(_ png: [UInt8]) throws -> [(String, [UInt8])] {
        try #require(png.starts(with: APNG.signature))
        var chunks: [(String, [UInt8])] = []
        var at = 8
        while at + 12 <= png.count {
            let length = png[at ..< at + 4].reduce(0) { $0 << 8 | Int($1) }
            let typed = Array(png[at + 4 ..< at + 8 + length])
            let crc = png[at + 8 + length ..< at + 12 + length].reduce(0) { $0 << 8 | UInt32($1) }
            #expect(APNG.crc32(typed) == crc)
            chunks.append((String(decoding: typed.prefix(4), as: UTF8.self), Array(typed.dropFirst(4))))
            at += 12 + length
        }
        #expect(at == png.count)
        return chunks
    }

    static func integer(_ bytes: ArraySlice<UInt8>) -> Int { bytes.reduce(0) { $0 << 8 | Int($1) } }

    @Test("the CRC is PNG's: IEND's is AE426082")
    func crc() {
        #expect(APNG.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test("one frame before the pass, one per step, the last the whole record, held longest")
    func framePlan() throws {
        let frames = try Self.frames(BackwardAnimationTests.branching)
        // Six multiplications (d = b + 1 multiplies at its constant too), so seven frames.
        #expect(frames.steps == [0, 1, 2, 3, 4, 5, 6])
        #expect(frames.dots.count == 7 && frames.milliseconds.count == 7)
        #expect(frames.milliseconds.dropLast().allSatisfy { $0 == 700 } && frames.milliseconds.last! > 700)
        // Frame 0 has multiplied nothing; b (node 1) shows its running sum once one contribution arrived.
        #expect(!frames.dots[0].contains("class=\"positive"))
        #expect(frames.dots[6].contains("3 + 2 =<b> 5</b>"))
        #expect(frames.dots.prefix(6).contains { $0.contains("<b>3</b>") } && !frames.dots[0].contains("=<b> 5</b>"))
        var options = DiagramOptions()
        options.detail = .full
        #expect(frames.dots[6] == (try Diagram(document(BackwardAnimationTests.branching), options: options)).dot)
    }

    @Test("a long pass merges steps: at most frameLimit frames, ending with every step")
    func longPass() throws {
        let program = "x = 1.01\n" + (1 ... 100).map { "y\($0) = \($0 == 1 ? "x" : "y\($0 - 1)") * x\n" }.joined()
        let frames = try Self.frames(program)
        #expect(frames.steps.count == BackwardFrames.frameLimit(nodes: 101))
        #expect(frames.steps.count == 14)
        #expect(frames.steps.first == 0 && frames.steps.last == 200)
        #expect(BackwardFrames.frameLimit(nodes: 5) == BackwardFrames.maxFrames && BackwardFrames.frameLimit(nodes: 5000) == 8)
        #expect(zip(frames.steps, frames.steps.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("the APNG: acTL counts the frames and loops, fcTL and fdAT numbered in order, one size, frames differ")
    func structure() throws {
        let frames = try Self.frames(BackwardAnimationTests.branching)
        let images = try Graphviz.renderFrames(frames.dots, pinnedTo: frames.dots.last!)
        let apng = try APNG.animation(images, milliseconds: frames.milliseconds)
        #expect(try APNG.animation(Graphviz.renderFrames(frames.dots, pinnedTo: frames.dots.last!), milliseconds: frames.milliseconds) == apng)
        let chunks = try Self.chunks(apng)
        #expect(chunks.map(\.0).prefix(3) == ["IHDR", "acTL", "fcTL"] && chunks.last?.0 == "IEND")
        let header = chunks[0].1
        let control = chunks[1].1
        #expect(Self.integer(control[0 ..< 4]) == 7 && Self.integer(control[4 ..< 8]) == 0)
        var sequence = 0
        var frameData: [[UInt8]] = []
        for (type, data) in chunks where type == "fcTL" || type == "fdAT" || type == "IDAT" {
            if type == "IDAT" { frameData[frameData.count - 1] += data; continue }
            #expect(Self.integer(data[0 ..< 4]) == sequence)
            sequence += 1
            if type == "fcTL" {
                #expect(Array(data[4 ..< 12]) == Array(header[0 ..< 8]), "every frame is the whole image")
                #expect(Self.integer(data[20 ..< 22]) == frames.milliseconds[frameData.count])
                frameData.append([])
            } else {
                frameData[frameData.count - 1] += data.dropFirst(4)
            }
        }
        #expect(frameData.count == 7)
        #expect(frameData.first != frameData.last)
        #expect(Set(frameData).count == 7, "each step changes the picture")
    }

    @Test("frames of different sizes are refused")
    func sizes() throws {
        let small = try Graphviz.render("digraph { a }", format: .png), large = try Graphviz.render("digraph { a -> b }", format: .png)
        #expect(throws: APNG.Failure.self) { try APNG.animation([small, large], milliseconds: [100, 100]) }
        #expect(throws: APNG.Failure.self) { try APNG.animation([Array(small.prefix(40))], milliseconds: [100]) }
    }
}
