import ChainTrace
import ChainTraceFormat
import ChainTraceText
import Testing

/// Trace JSON version 1 formatted in chunks on several threads: the bytes of the one-thread
/// writer (and of the generic writer's oracle) wherever the chunks are cut, a sink given the
/// chunks in order a flush size at most at a time, and small documents left on the calling thread.
struct TraceJSONThreadsTests {
    /// A tape of every operation in turn, with names, scopes, lines, `powc` exponents and
    /// non-finite values and partials spread over it, so that chunk cuts fall next to each kind.
    static func everyOperation(size: Int, seed: UInt64) -> Tape {
        var random = SplitMix64(seed: seed)
        var tape = Tape()
        let numbers = [0.1, -0.0, .infinity, -.infinity, .nan, 1e16, .leastNonzeroMagnitude, 123.25]
        let scopes: [[String]] = [[], ["layer \"1\""], ["layer \"1\"", "n\\0"], ["σ"]]
        for node in 0 ..< size {
            let op = Op.allCases[node % Op.allCases.count]
            let arity = switch op.kind {
            case .leaf: 0
            case .unary: 1
            case .binary: 2
            }
            let operand = { node == 0 ? 0 : Int(random.next() % UInt64(node)) }
            let inputs = node == 0 ? [] : (0 ..< arity).map { _ in
                (node: operand(), partial: random.next() % 5 == 0 ? numbers[Int(random.next() % 8)] : Double(random.next() >> 11) / 7)
            }
            tape.appendRecorded(
                node == 0 ? .input : op, value: node % 11 == 0 ? numbers[node % numbers.count] : Double(node) / 3,
                parameter: op == .powConstant ? [2, -0.0, .nan][node % 3] : 0, inputs: inputs,
                name: node % 3 == 0 ? "v\(node % 5) \"q\"" : nil, scope: scopes[(node / 5) % scopes.count], line: Int32(node % 4 == 0 ? 0 : node / 2 + 1)
            )
        }
        return tape
    }

    /// Several threads, with chunks of `chunkBytes` and no lower limit on the chunks of a section.
    static func split(chunkBytes: Int, threads: Int = 4) -> TraceJSONThreads {
        TraceJSONThreads(threads: threads, chunkBytes: chunkBytes, minimumChunks: 2)
    }

    @Test("cut anywhere, even before every node, step and sum, the lines are the one-thread bytes", arguments: [1, 97, 400, 2_000, 16_384])
    func chunkedDocumentsHaveTheSameBytes(chunkBytes: Int) {
        let tape = Self.everyOperation(size: 700, seed: UInt64(chunkBytes))
        for document in [
            TraceDocument(tape: tape, differentiating: tape.count - 1),
            TraceDocument(tape: tape, differentiating: tape.count / 2),
            TraceDocument(tape: tape, outputs: [tape.count - 1, 0], backward: nil),
        ] {
            let one = TraceJSONWriter.utf8(document, threads: .one)
            #expect(one == Array(TraceJSONBytesTests.oracle(document).utf8))
            #expect(TraceJSONWriter.utf8(document, threads: Self.split(chunkBytes: chunkBytes)) == one)
            #expect(TraceJSONWriter.utf8(document, threads: Self.split(chunkBytes: chunkBytes, threads: 2)) == one)
        }
    }

    @Test("attributed documents and random programs cut into chunks", arguments: 0 ..< 6)
    func attributedDocumentsInChunks(seed: Int) {
        let attributed = TraceJSONBytesTests.attributed(seed: UInt64(seed), size: 300 + seed * 41)
        let (random, _) = BackwardTests.randomProgram(seed: UInt64(seed), size: 400)
        for tape in [attributed, random] {
            let document = TraceDocument(tape: tape, differentiating: tape.count - 1 - seed)
            let one = TraceJSONWriter.utf8(document, threads: .one)
            for chunkBytes in [150, 3_000] {
                #expect(TraceJSONWriter.utf8(document, threads: Self.split(chunkBytes: chunkBytes, threads: 1 + seed % 3)) == one)
            }
        }
    }

    @Test("steps in another order than the pass's own, cut into chunks")
    func shuffledStepsInChunks() {
        let (tape, _) = BackwardTests.randomProgram(seed: 11, size: 300)
        let pass = Backward(tape: tape, from: tape.count - 1)
        var random = SplitMix64(seed: 2)
        let document = TraceDocument(tape: tape, outputs: [pass.output], backward: Backward(output: pass.output, gradients: pass.gradients, steps: pass.steps.shuffled(using: &random)))
        #expect(TraceJSONWriter.utf8(document, threads: Self.split(chunkBytes: 500)) == Array(TraceJSONBytesTests.oracle(document).utf8))
    }

    @Test("streamed in chunks: the same bytes, in order, a flush size at most at a time")
    func streamedChunks() throws {
        let document = TraceJSONStreamTests.large
        let whole = TraceJSONWriter.utf8(document, threads: .one)
        // Chunks larger than the flush size are handed on in pieces; small ones as they are.
        for chunkBytes in [3_000, 3 * JSONWriter.flushSize] {
            let recorder = TraceJSONStreamTests.Recorder()
            try TraceJSONWriter.write(document, to: recorder, threads: Self.split(chunkBytes: chunkBytes))
            #expect(recorder.chunks.flatMap { $0 } == whole)
            #expect(recorder.chunks.allSatisfy { $0.count <= JSONWriter.flushSize })
        }
    }

    @Test("a sink's error stops the chunks: it is thrown, and nothing more is written", arguments: [1, 2, 5])
    func failingSinkStopsTheChunks(failAt: Int) {
        let recorder = TraceJSONStreamTests.Recorder(failAt: failAt)
        #expect(throws: TraceJSONStreamTests.Recorder.Full.self) {
            try TraceJSONWriter.write(TraceJSONStreamTests.large, to: recorder, threads: Self.split(chunkBytes: 2_000))
        }
        #expect(recorder.chunks.count == failAt)
    }

    @Test("the cuts: contiguous, in order, covering every item, each about the chunk size")
    func cuts() {
        let threads = Self.split(chunkBytes: 100)
        let sizes = [30, 30, 30, 30, 500, 1, 1, 99, 1, 100]
        let chunks = threads.chunks(of: sizes.count) { sizes[$0] }
        #expect(chunks == [0 ..< 4, 4 ..< 5, 5 ..< 8, 8 ..< 10])
        #expect(threads.chunks(of: 0) { _ in 1 }.isEmpty)
        #expect(TraceJSONThreads.one.chunks(of: 5) { _ in 1_000 } == [0 ..< 5])
    }

    @Test("a small document stays on the calling thread: too few chunks to hand out")
    func smallDocumentsAreNotSplit() {
        let tape = Self.everyOperation(size: 40, seed: 1)
        let automatic = TraceJSONThreads.automatic
        #expect(automatic.chunks(of: tape.count) { _ in 200 }.count < automatic.minimumChunks)
        let document = TraceDocument(tape: tape, differentiating: tape.count - 1)
        #expect(TraceJSONWriter.utf8(document) == TraceJSONWriter.utf8(document, threads: .one))
        #expect(TraceJSONWriter.json(document) == TraceJSONBytesTests.oracle(document))
    }
}
