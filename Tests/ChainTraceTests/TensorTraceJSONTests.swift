import ChainTrace
import ChainTraceFormat
import ChainTraceTensor
import Foundation
import Testing

/// Trace JSON version 2: tensor traces written deterministically, read back exactly, version 1 kept
/// for scalar traces, and the schema's names in step with the engine's.
struct TensorTraceJSONTests {
    static func document(_ recorded: (tape: TensorTape, output: TensorNodeID)) throws -> TensorTraceDocument {
        try TensorTraceDocument(tape: recorded.tape, differentiating: recorded.output)
    }

    static func readTensor(_ json: String) throws -> TensorTraceDocument {
        guard case .tensor(let document) = try TraceJSONReader.readAny(Data(json.utf8)) else {
            Issue.record("expected a tensor trace")
            throw TraceJSONError(path: "$.version", message: "not a tensor trace")
        }
        return document
    }

    static func schema() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ChainTraceFormat/trace-v2.schema.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(arguments: 0 ..< 30)
    func randomTensorTracesRoundTripExactly(seed: Int) throws {
        let document = try Self.document(TensorTraces.random(seed: UInt64(seed)))
        let json = TraceJSONWriter.json(document)
        let back = try Self.readTensor(json)
        #expect(back == document)
        #expect(TraceJSONWriter.json(back) == json, "byte-identical when written again")
    }

    @Test func everyOperationRoundTrips() throws {
        let document = try Self.document(TensorTraces.everyOperation())
        let json = TraceJSONWriter.json(document)
        #expect(try Self.readTensor(json) == document)
        #expect(TraceJSONWriter.json(try Self.readTensor(json)) == json)
    }

    @Test func aForwardPassAloneRoundTripsAndIsDifferentiatedOnRequest() throws {
        let (tape, output) = try TensorTraces.layers()
        let forward = TensorTraceDocument(tape: tape, outputs: [output], backward: nil)
        let json = TraceJSONWriter.json(forward)
        #expect(json.contains("\"grad\": null") && !json.contains("\"backward\""))
        var back = try Self.readTensor(json)
        #expect(back == forward)
        try back.differentiate()
        #expect(back == (try Self.document((tape, output))))
    }

    @Test func theLayersTraceHasTheDocumentedShape() throws {
        let json = TraceJSONWriter.json(try Self.document(TensorTraces.layers()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let w1 = nodes[1]
        #expect(w1["name"] as? String == "W1" && w1["shape"] as? [Int] == [3, 2])
        #expect((w1["value"] as? [Double])?.count == 6 && (w1["grad"] as? [Double])?.count == 6)
        // The loss is rank 0: numbers and no shape, as in version 1.
        let loss = try #require(nodes.last)
        #expect(loss["shape"] == nil && loss["grad"] as? Double == 1 && loss["value"] is Double)
        let matmul = try #require(nodes.first { $0["op"] as? String == "matmul" })
        let edges = try #require(matmul["inputs"] as? [[String: Any]])
        #expect(edges.map { $0["rule"] as? String } == ["matmul.left", "matmul.right"])
        #expect(edges.allSatisfy { $0["jacobian"] as? String == "dense" && $0["partial"] == nil })
        let lossEdges = try #require(loss["inputs"] as? [[String: Any]])
        #expect(lossEdges.map { $0["partial"] as? Double } == [Optional(try #require(nodes[nodes.count - 2]["value"] as? Double)), 0.5])
        let backward = try #require(object["backward"] as? [String: Any])
        let steps = try #require(backward["steps"] as? [[String: Any]])
        #expect(steps.first?["upstream"] as? Double == 1)
        #expect(steps.contains { ($0["contribution"] as? [Double])?.count == 6 }, "W1's contribution is its 6 elements")
    }

    @Test func scalarTracesStayVersionOne() throws {
        // A version-1 document reads through readAny as the scalar document read gives.
        let json = TraceJSONWriter.json(try TraceJSONTests.document("x = 2\nu = x^2 + 1\ny = u^3"))
        #expect(json.contains("\"version\": 1,"))
        #expect(try TraceJSONReader.readAny(Data(json.utf8)) == .scalar(try TraceJSONReader.read(Data(json.utf8))))
    }

    @Test func theVersionOneReaderPointsAtReadAnyForATensorTrace() throws {
        let json = TraceJSONWriter.json(try Self.document(TensorTraces.layers()))
        #expect(throws: TraceJSONError(path: "$.version", message: "TraceJSONReader.read reads version 1; the file is version 2 (a tensor trace: readAny reads both versions)")) {
            try TraceJSONReader.read(Data(json.utf8))
        }
    }

    @Test func theSchemaNamesEveryRuleKindAndOperationOfTheEngine() throws {
        let (tape, _) = try TensorTraces.everyOperation()
        let definitions = try #require(try Self.schema()["$defs"] as? [String: Any])
        func enumeration(_ path: String...) throws -> Set<String> {
            var object: Any = definitions
            for key in path { object = try #require((object as? [String: Any])?[key]) }
            return Set(try #require((object as? [String: Any])?["enum"] as? [String]))
        }
        let rules = Set((0 ..< tape.edgeCount).map { tape.rule(of: $0).id })
        #expect(try enumeration("rule") == rules)
        #expect(try enumeration("jacobian") == Set(JacobianKind.allCases.map(\.rawValue)))
        let ops = Set(Op.allCases.map(\.rawValue) + (0 ..< tape.count).map { tape.op(of: $0).name })
        #expect(try enumeration("node", "properties", "op") == ops)
    }
}
