import ChainTrace
import ChainTraceFormat
import ChainTraceTensor
import ChainTraceText
import Testing

/// The version 2 writer writes its lines straight into bytes; these tests hold it to the document
/// the generic `JSONWriter` writes from the same description of the format (the oracle below, the
/// writer of earlier releases), byte for byte, on every shape of tensor document.
struct TensorTraceJSONBytesTests {
    /// Trace JSON version 2 through the generic writer: one call per key and value.
    static func oracle(_ document: TensorTraceDocument) -> String {
        let tape = document.tape
        var json = JSONWriter()
        json.beginObject(.lines(indent: "  ", closing: ""))
        json.key("format")
        json.string("chaintrace-trace")
        json.key("version")
        json.integer(2)
        json.key("nodes")
        json.array(0 ..< tape.count, .lines(indent: "    ", closing: "  ")) { json, node in
            writeNode(node, of: document, to: &json)
        }
        json.key("outputs")
        json.array(document.outputs) { $0.integer($1) }
        if let backward = document.backward {
            json.key("backward")
            json.beginObject(.lines(indent: "    ", closing: "  "))
            json.key("output")
            json.integer(backward.output)
            json.key("steps")
            var stepOfEdge = [Int](repeating: -1, count: tape.edgeCount)
            json.array(backward.steps.enumerated(), .lines(indent: "      ", closing: "    ")) { json, entry in
                let edge = entry.element
                stepOfEdge[edge] = entry.offset
                json.beginObject()
                for (key, value) in [("consumer", tape.consumer(of: edge)), ("operand", tape.position(of: edge)), ("node", tape.operand(of: edge))] {
                    json.key(key)
                    json.integer(value)
                }
                json.key("upstream")
                tensor(backward.upstream(of: edge, on: tape), to: &json)
                if let partial = scalarPartial(of: edge, on: tape) {
                    json.key("partial")
                    json.number(partial)
                }
                json.key("contribution")
                tensor(backward.contribution(of: edge) ?? Tensor(scalar: .nan), to: &json)
                json.end()
            }
            json.key("sums")
            let sums = backward.arrivals(on: tape).enumerated().filter { !$0.element.isEmpty }
            json.array(sums, .lines(indent: "      ", closing: "    ")) { json, sum in
                json.beginObject()
                json.key("node")
                json.integer(sum.offset)
                json.key("steps")
                json.array(sum.element) { $0.integer(stepOfEdge[$1]) }
                json.key("grad")
                tensor(backward.gradient(of: sum.offset), to: &json)
                json.end()
            }
            json.end()
        }
        json.end()
        json.endLine()
        return json.text
    }

    private static func writeNode(_ node: TensorNodeID, of document: TensorTraceDocument, to json: inout JSONWriter) {
        let tape = document.tape
        let op = tape.op(of: node)
        json.beginObject()
        json.key("id")
        json.integer(node)
        json.key("op")
        json.string(op.name)
        switch op {
        case .unary(.powConstant):
            json.key("exponent")
            json.number(tape.parameter(of: node))
        case .sum(let axis), .mean(let axis), .logsumexp(let axis):
            json.key("axis")
            if let axis { json.integer(axis) } else { json.null() }
        case .index(let index):
            json.key("index")
            json.array(index) { $0.integer($1) }
        default:
            break
        }
        json.key("name")
        json.string(tape.name(of: node))
        if tape.shape(of: node).rank > 0 {
            json.key("shape")
            json.array(tape.shape(of: node).dimensions) { $0.integer($1) }
        }
        json.key("value")
        tensor(tape.value(of: node), to: &json)
        json.key("grad")
        if let backward = document.backward { tensor(backward.gradient(of: node), to: &json) } else { json.null() }
        json.key("inputs")
        json.array(tape.edges(of: node)) { json, edge in
            json.beginObject()
            json.key("node")
            json.integer(tape.operand(of: edge))
            json.key("rule")
            json.string(tape.rule(of: edge).id)
            json.key("jacobian")
            json.string(tape.rule(of: edge).kind.rawValue)
            if let partial = scalarPartial(of: edge, on: tape) {
                json.key("partial")
                json.number(partial)
            }
            json.end()
        }
        json.key("line")
        if tape.line(of: node) > 0 { json.integer(tape.line(of: node)) } else { json.null() }
        json.end()
    }

    private static func tensor(_ tensor: Tensor, to json: inout JSONWriter) {
        if tensor.shape.rank == 0 { json.number(tensor.elements[0]) } else { json.array(tensor.elements) { $0.number($1) } }
    }

    private static func scalarPartial(of edge: Int, on tape: TensorTape) -> Double? {
        guard tape.shape(of: tape.consumer(of: edge)).rank == 0, tape.shape(of: tape.operand(of: edge)).rank == 0 else { return nil }
        return tape.localJacobian(of: edge, limit: 1)?.entries[0]
    }

    /// `document` written whole, as a string and streamed: each the oracle's bytes.
    static func expectOracleBytes(_ document: TensorTraceDocument, _ comment: Comment? = nil) throws {
        let expected = oracle(document)
        #expect(TraceJSONWriter.json(document) == expected, comment)
        #expect(TraceJSONWriter.utf8(document) == Array(expected.utf8), comment)
        let recorder = TraceJSONStreamTests.Recorder()
        try TraceJSONWriter.write(document, to: recorder)
        #expect(recorder.chunks.flatMap { $0 } == Array(expected.utf8), comment)
    }

    @Test("random tensor traces, differentiated from each node and forward only", arguments: 0 ..< 12)
    func randomTraces(seed: Int) throws {
        let (tape, output) = try TensorTraces.random(seed: UInt64(seed))
        try Self.expectOracleBytes(try TensorTraceDocument(tape: tape, differentiating: output))
        try Self.expectOracleBytes(TensorTraceDocument(tape: tape, outputs: [output, 0], backward: nil), "forward only")
    }

    @Test("every operation: exponents, axes (and none), indices, rank-0 partials, broadcasts")
    func everyOperation() throws {
        let (tape, output) = try TensorTraces.everyOperation()
        try Self.expectOracleBytes(try TensorTraceDocument(tape: tape, differentiating: output))
        try Self.expectOracleBytes(TensorTraceDocument(tape: tape, outputs: [output], backward: nil))
    }

    @Test("a network's layers, and tensors longer than a block of elements")
    func layersAndLongTensors() throws {
        let (tape, output) = try TensorTraces.layers()
        try Self.expectOracleBytes(try TensorTraceDocument(tape: tape, differentiating: output))
        // 3 × 1,500 elements: blocks of 1,024 and a remainder; non-finite and extreme numbers among them.
        var long = TensorTape()
        let numbers = [0.1, -0.0, .infinity, -.infinity, .nan, 1e16, .leastNonzeroMagnitude, 9_007_199_254_740_992, 123.25, 1e-5]
        let w = long.appendInput(Tensor(shape: Shape([3, 1_500]), elements: (0 ..< 4_500).map { $0 % 7 == 0 ? numbers[$0 % numbers.count] : Double($0) / 3 }), name: "W \"long\"", line: 1)
        let loss = try long.append(.sum(axis: nil), [long.append(.unary(.tanh), [w], line: 2)], name: "J", line: 2)
        try Self.expectOracleBytes(try TensorTraceDocument(tape: long, differentiating: loss))
    }

    @Test("the empty shapes: no nodes, a leaf alone, a backward pass with no steps")
    func emptyShapes() throws {
        var leaf = TensorTape()
        let x = leaf.appendInput(Tensor(scalar: 2), name: "x")
        try Self.expectOracleBytes(TensorTraceDocument(tape: TensorTape(), outputs: [], backward: nil))
        try Self.expectOracleBytes(TensorTraceDocument(tape: leaf, outputs: [x], backward: nil))
        try Self.expectOracleBytes(try TensorTraceDocument(tape: leaf, differentiating: x))
    }
}
