import ChainTrace
import ChainTraceFormat
import ChainTraceText
import Testing

/// Streaming trace JSON: the same bytes as the whole document, handed over a bounded buffer at a
/// time, and a failing sink stops the output with its error.
struct TraceJSONStreamTests {
    /// Keeps every buffer it is given, or throws at the `failAt`th.
    final class Recorder: ByteSink {
        var chunks: [[UInt8]] = []
        let failAt: Int?

        init(failAt: Int? = nil) { self.failAt = failAt }

        struct Full: Error {}

        func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            chunks.append(Array(bytes))
            if chunks.count == failAt { throw Full() }
        }
    }

    /// A scalar trace of several flush sizes.
    static let large: TraceDocument = {
        let (tape, _) = BackwardTests.randomProgram(seed: 3, size: 6_000)
        return TraceDocument(tape: tape, differentiating: tape.count - 1)
    }()

    @Test("a large scalar trace streams as the same bytes, in buffers of about the flush size")
    func scalarStreamsTheSameBytes() throws {
        let whole = TraceJSONWriter.utf8(Self.large)
        #expect(whole.count > 3 * JSONWriter.flushSize)
        #expect(whole == Array(TraceJSONWriter.json(Self.large).utf8))
        let recorder = Recorder()
        try TraceJSONWriter.write(Self.large, to: recorder)
        #expect(recorder.chunks.count >= 3)
        #expect(recorder.chunks.flatMap { $0 } == whole)
        // Each buffer ends at the first value past the flush size: no buffer holds the document.
        #expect(recorder.chunks.allSatisfy { $0.count < JSONWriter.flushSize + 1024 })
    }

    @Test("tensor traces stream as the same bytes", arguments: 0 ..< 4)
    func tensorStreamsTheSameBytes(seed: Int) throws {
        let document = try TensorTraceJSONTests.document(TensorTraces.random(seed: UInt64(seed)))
        let recorder = Recorder()
        try TraceJSONWriter.write(document, to: recorder)
        #expect(recorder.chunks.flatMap { $0 } == TraceJSONWriter.utf8(document))
        #expect(TraceJSONWriter.utf8(document) == Array(TraceJSONWriter.json(document).utf8))
    }

    @Test("a sink's error ends the output: it is thrown, and nothing more is written")
    func failingSinkStops() {
        let recorder = Recorder(failAt: 1)
        #expect(throws: Recorder.Full.self) { try TraceJSONWriter.write(Self.large, to: recorder) }
        #expect(recorder.chunks.count == 1)
    }
}
