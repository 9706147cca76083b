import ChainTrace
import ChainTraceFormat
import ChainTraceText
import Testing

/// The version 1 writer writes its lines straight into bytes; these tests hold it to the document
/// the generic `JSONWriter` writes from the same description of the format (the oracle below, the
/// writer of earlier releases), byte for byte, on documents built to reach every branch.
struct TraceJSONBytesTests {
    /// Trace JSON version 1 through the generic writer: one call per key and value.
    static func oracle(_ document: TraceDocument) -> String {
        let tape = document.tape
        var json = JSONWriter()
        json.beginObject(.lines(indent: "  ", closing: ""))
        json.key("format")
        json.string("chaintrace-trace")
        json.key("version")
        json.integer(1)
        json.key("nodes")
        json.array(0 ..< tape.count, .lines(indent: "    ", closing: "  ")) { json, node in
            json.beginObject()
            json.key("id")
            json.integer(node)
            json.key("op")
            json.string(tape.op(of: node).rawValue)
            if tape.op(of: node) == .powConstant {
                json.key("exponent")
                json.number(tape.parameter(of: node))
            }
            json.key("name")
            json.string(tape.name(of: node))
            json.key("value")
            json.number(tape.value(of: node))
            json.key("grad")
            if let backward = document.backward { json.number(backward.gradients[node]) } else { json.null() }
            json.key("inputs")
            json.array(tape.edges(of: node)) { json, edge in
                json.beginObject()
                json.key("node")
                json.integer(tape.operand(of: edge))
                json.key("partial")
                json.number(tape.partial(of: edge))
                json.end()
            }
            json.key("scope")
            json.array(tape.scope(of: node)) { $0.string($1) }
            json.key("line")
            if tape.line(of: node) > 0 { json.integer(tape.line(of: node)) } else { json.null() }
            json.end()
        }
        json.key("outputs")
        json.array(document.outputs) { $0.integer($1) }
        if let backward = document.backward {
            json.key("backward")
            json.beginObject(.lines(indent: "    ", closing: "  "))
            json.key("output")
            json.integer(backward.output)
            json.key("steps")
            json.array(backward.steps, .lines(indent: "      ", closing: "    ")) { json, step in
                let edge = Int(step)
                json.beginObject()
                for (key, value) in [("consumer", tape.consumer(of: edge)), ("operand", tape.position(of: edge)), ("node", tape.operand(of: edge))] {
                    json.key(key)
                    json.integer(value)
                }
                for (key, value) in [("upstream", backward.upstream(of: edge, on: tape)), ("partial", tape.partial(of: edge)), ("contribution", backward.contribution(of: edge, on: tape))] {
                    json.key(key)
                    json.number(value)
                }
                json.end()
            }
            json.key("sums")
            let arrivals = backward.arrivals(on: tape).enumerated().filter { !$0.element.isEmpty }
            json.array(arrivals, .lines(indent: "      ", closing: "    ")) { json, sum in
                json.beginObject()
                json.key("node")
                json.integer(sum.offset)
                json.key("steps")
                json.array(sum.element) { json, edge in json.integer(backward.steps.firstIndex(of: Int32(edge)) ?? -1) }
                json.key("grad")
                json.number(backward.gradients[sum.offset])
                json.end()
            }
            json.end()
        }
        json.end()
        json.endLine()
        return json.text
    }

    /// A tape with every kind of attribute: hostile and repeated names, nested and re-entered scopes,
    /// known and unknown lines, `powc` exponents (−0 and NaN among them), non-finite values and partials.
    static func attributed(seed: UInt64, size: Int) -> Tape {
        var random = SplitMix64(seed: seed)
        var tape = Tape()
        let names = ["x", "q\"uote\\ \n\t\u{1}</script>", "🙂 \u{202E}rtl", "x", "w1_0_0"]
        let scopes: [[String]] = [[], ["layer \"1\""], ["layer \"1\"", "neuron\\0"], ["σ"], []]
        let exponents = [2, -0.0, .nan, 0.5, 1e300]
        let numbers = [0.1, -0.0, .infinity, -.infinity, .nan, 1e16, 5e-324, 9_007_199_254_740_993, 123.25, 1e-5]
        for node in 0 ..< size {
            let pick = { (count: Int) in Int(random.next() % UInt64(count)) }
            let arity = node < 2 ? 0 : pick(3)
            let op: Op = arity == 0 ? (pick(2) == 0 ? .input : .constant) : (arity == 1 ? [.powConstant, .sin, .neg][pick(3)] : [.add, .mul, .div][pick(3)])
            let inputs = (0 ..< arity).map { _ in (node: pick(node), partial: pick(4) == 0 ? numbers[pick(numbers.count)] : Double(bitPattern: random.next())) }
            tape.appendRecorded(
                op, value: pick(3) == 0 ? numbers[pick(numbers.count)] : Double(random.next() >> 11) / 3,
                parameter: op == .powConstant ? exponents[pick(exponents.count)] : 0, inputs: inputs,
                name: pick(3) == 0 ? names[pick(names.count)] : nil, scope: scopes[(node / 7) % scopes.count],
                line: Int32(pick(4) == 0 ? 0 : node / 3 + 1)
            )
        }
        return tape
    }

    @Test("documents with names, scopes, lines, exponents and non-finite numbers", arguments: 0 ..< 12)
    func attributedDocuments(seed: Int) {
        let tape = Self.attributed(seed: UInt64(seed), size: 40 + seed * 13)
        let differentiated = TraceDocument(tape: tape, differentiating: tape.count - 1 - seed % 3)
        let forwardOnly = TraceDocument(tape: tape, outputs: [tape.count - 1, 3, 0], backward: nil)
        for document in [differentiated, forwardOnly] {
            let expected = Self.oracle(document)
            #expect(TraceJSONWriter.json(document) == expected)
            #expect(TraceJSONWriter.utf8(document) == Array(expected.utf8))
        }
    }

    @Test("random programs, with and without a backward pass", arguments: 0 ..< 10)
    func randomPrograms(seed: Int) {
        let (tape, _) = BackwardTests.randomProgram(seed: UInt64(seed), size: 60)
        for output in [tape.count - 1, tape.count / 2, 0] {
            let document = TraceDocument(tape: tape, differentiating: output)
            #expect(TraceJSONWriter.json(document) == Self.oracle(document), "from node \(output)")
        }
    }

    @Test("the empty shapes: no nodes, a leaf alone, a backward pass with no steps")
    func emptyShapes() {
        var leaf = Tape()
        leaf.appendLeaf(.input, value: 3, name: "x")
        for document in [
            TraceDocument(tape: Tape(), outputs: [], backward: nil),
            TraceDocument(tape: leaf, outputs: [0], backward: nil),
            TraceDocument(tape: leaf, differentiating: 0),
        ] {
            #expect(TraceJSONWriter.json(document) == Self.oracle(document))
        }
        #expect(TraceJSONWriter.json(TraceDocument(tape: Tape(), outputs: [], backward: nil))
            == "{\n  \"format\": \"chaintrace-trace\",\n  \"version\": 1,\n  \"nodes\": [],\n  \"outputs\": []\n}\n")
    }

    @Test("steps in another order than the pass's own still name their consumers")
    func stepsInAnyOrder() {
        let (tape, _) = BackwardTests.randomProgram(seed: 7, size: 50)
        let pass = Backward(tape: tape, from: tape.count - 1)
        var random = SplitMix64(seed: 1)
        let document = TraceDocument(tape: tape, outputs: [pass.output], backward: Backward(output: pass.output, gradients: pass.gradients, steps: pass.steps.shuffled(using: &random)))
        #expect(TraceJSONWriter.json(document) == Self.oracle(document))
    }
}
