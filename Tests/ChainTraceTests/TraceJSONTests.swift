import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import Foundation
import Testing

/// Trace JSON version 1: deterministic bytes, exact round trips, and errors located by JSON path.
struct TraceJSONTests {
    static func document(_ source: String) throws -> TraceDocument {
        let run = try Program(source: source, file: "t.ct").run()
        return TraceDocument(tape: run.tape, differentiating: run.output)
    }

    static func read(_ json: String) throws(TraceJSONError) -> TraceDocument {
        try TraceJSONReader.read(Data(json.utf8))
    }

    @Test(arguments: 0 ..< 25)
    func randomTracesRoundTripExactly(seed: Int) throws {
        let (tape, _) = BackwardTests.randomProgram(seed: UInt64(seed), size: 30)
        let document = TraceDocument(tape: tape, differentiating: tape.count - 1)
        let json = TraceJSONWriter.json(document)
        let back = try Self.read(json)
        #expect(back == document)
        #expect(TraceJSONWriter.json(back) == json, "byte-identical when written again")
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let source = "x = 0.1\ny = 0.2\nz = x + y\nw = z * z / 3"
        #expect(TraceJSONWriter.json(try Self.document(source)) == TraceJSONWriter.json(try Self.document(source)))
    }

    @Test func nonFiniteNumbersAndHostileNamesSurvive() throws {
        let trace = Trace()
        let x = trace.input("q\"uote\\ \n\t\u{1}</script> ]; x [ \u{202E}rtl 🙂", 0)
        let y = trace.scope("layer \"1\"") { log(x) * x }   // log 0 = −∞, −∞·0 = NaN
        let document = TraceDocument(tape: trace.tape, differentiating: y.id ?? -1)
        let json = TraceJSONWriter.json(document)
        #expect(json.contains("\"-Infinity\"") && json.contains("\"NaN\""))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        let back = try Self.read(json)
        #expect(back == document)
        #expect(back.tape.name(of: 0) == x.trace?.tape.name(of: 0))
        #expect(back.tape.scope(of: y.id ?? -1) == ["layer \"1\""])
    }

    @Test func theChainExampleHasTheDocumentedShape() throws {
        let json = TraceJSONWriter.json(try Self.document("x = 2\nu = x^2 + 1\ny = u^3"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "chaintrace-trace")
        #expect(object["version"] as? Int == 1)
        #expect(object["outputs"] as? [Int] == [4])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["op"] as? String } == ["input", "powc", "const", "add", "powc"])
        #expect(nodes[0]["grad"] as? Double == 300)
        let backward = try #require(object["backward"] as? [String: Any])
        let steps = try #require(backward["steps"] as? [[String: Any]])
        #expect(steps.count == 4)
        #expect(steps.last?["contribution"] as? Double == 300)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let edit: @Sendable (String) -> String
        let path: String
        let message: String
        var testDescription: String { path }
    }

    static let broken: [Broken] = [
        .init(edit: { _ in "{\"format\": " }, path: "$", message: "not valid JSON"),
        .init(edit: { $0.replacingOccurrences(of: "chaintrace-trace", with: "other") }, path: "$.format", message: "not a chaintrace trace"),
        .init(edit: { $0.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2") }, path: "$.version", message: "reads version 1; the file is version 2"),
        .init(edit: { $0.replacingOccurrences(of: "\"op\": \"add\"", with: "\"op\": \"plus\"") }, path: "$.nodes[3].op", message: "unknown operation 'plus'"),
        .init(edit: { $0.replacingOccurrences(of: "\"op\": \"add\"", with: "\"op\": \"add\", \"exponent\": 2") }, path: "$.nodes[3].exponent", message: "only a 'powc' node has an exponent"),
        .init(edit: { $0.replacingOccurrences(of: "{\"id\": 2,", with: "{\"id\": 7,") }, path: "$.nodes[2].id", message: "expected 2"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 1, \"partial\": 1}", with: "{\"node\": 9, \"partial\": 1}") }, path: "$.nodes[3].inputs[0]", message: "not a node id"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 1, \"partial\": 1}", with: "{\"node\": 4294967297, \"partial\": 1}") }, path: "$.nodes[3].inputs[0]", message: "not a node id"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 1, \"partial\": 1}", with: "{\"node\": 3, \"partial\": 1}") }, path: "$.nodes[3].inputs[0]", message: "inputs must precede use"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 1, \"partial\": 1}, ", with: "") }, path: "$.nodes[3]", message: "takes 2 operands, found 1"),
        .init(edit: { $0.replacingOccurrences(of: "\"value\": 125", with: "\"value\": \"lots\"") }, path: "$.nodes[4].value", message: "found the string \"lots\""),
        .init(edit: { $0.replacingOccurrences(of: "\"value\": 125", with: "\"value\": true") }, path: "$.nodes[4].value", message: "expected a number"),
        .init(edit: { $0.replacingOccurrences(of: ", \"scope\": [], \"line\": 1}", with: ", \"line\": 1}") }, path: "$.nodes[0]", message: "missing key \"scope\""),
        .init(edit: { $0.replacingOccurrences(of: "\"scope\": [], \"line\": 2", with: "\"scope\": [" + Array(repeating: "\"s\"", count: 65).joined(separator: ", ") + "], \"line\": 2") },
              path: "$.nodes[1].scope", message: "scope nested 65 levels deep; at most 64 are allowed"),
        .init(edit: { $0.replacingOccurrences(of: "\"outputs\": [4]", with: "\"outputs\": [12]") }, path: "$.outputs[0]", message: "12 is not a node id"),
        .init(edit: { $0.replacingOccurrences(of: "\"contribution\": 300", with: "\"contribution\": 301") }, path: "$.backward.steps[3].contribution", message: "disagrees with upstream × partial"),
        .init(edit: { $0.replacingOccurrences(of: "\"operand\": 1, \"node\": 2", with: "\"operand\": 1, \"node\": 1") }, path: "$.backward.steps[2].node", message: "expected 2, found 1"),
        .init(edit: { $0.replacingOccurrences(of: "\"value\": 2, \"grad\": 300", with: "\"value\": 2, \"grad\": null") }, path: "$.nodes[0].grad", message: "expected a gradient"),
        // A leaf's gradient (and its sum, so that only the contributions can tell) disagreeing with what it received.
        .init(edit: { $0.replacingOccurrences(of: "\"grad\": 300", with: "\"grad\": 301") }, path: "$.nodes[0].grad",
              message: "301 disagrees with the sum of the contributions it received, 300"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 0, \"steps\": [3], \"grad\": 300}", with: "{\"node\": 0, \"steps\": [3], \"grad\": 299}") },
              path: "$.backward.sums[0].grad", message: "299 disagrees with the node's gradient, 300"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 0, \"steps\": [3]", with: "{\"node\": 0, \"steps\": [2]") },
              path: "$.backward.sums[0].steps", message: "expected [3], the steps that sent node 0 its contributions"),
        .init(edit: { $0.replacingOccurrences(of: "{\"node\": 0, \"steps\": [3], \"grad\": 300},", with: "") },
              path: "$.backward.sums[0].node", message: "expected 0, found 1"),
        .init(edit: { $0.replacingOccurrences(of: ",\n      {\"node\": 3, \"steps\": [0], \"grad\": 75}", with: "") },
              path: "$.backward.sums", message: "expected 4 sums, one per node that received contributions; found 3"),
        // A key given twice, plainly or spelled with an escape: the decoder would keep one silently.
        .init(edit: { $0.replacingOccurrences(of: "\"value\": 125", with: "\"value\": 125, \"value\": 126") }, path: "$.nodes[4].value",
              message: "this key appears twice in its object (again at line 9, column 71); each key may appear once"),
        .init(edit: { $0.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 1, \"version\": 1") }, path: "$.version", message: "appears twice"),
        .init(edit: { $0.replacingOccurrences(of: "\"name\": \"y\"", with: "\"name\": \"y\", \"n\\u0061me\": \"z\"") }, path: "$.nodes[4].name", message: "appears twice"),
        .init(edit: { $0.replacingOccurrences(of: "\"output\": 4", with: "\"output\": 4, \"output\": 4") }, path: "$.backward.output", message: "appears twice"),
    ]

    @Test(arguments: broken)
    func brokenDocumentsNameTheJSONPath(_ case: Broken) throws {
        let json = TraceJSONWriter.json(try Self.document("x = 2\nu = x^2 + 1\ny = u^3"))
        let edited = `case`.edit(json)
        #expect(edited != json || `case`.path == "$", "the edit applies")
        do {
            _ = try Self.read(edited)
            Issue.record("read a broken document")
        } catch {
            #expect(error.path == `case`.path, "\(error)")
            #expect(error.message.contains(`case`.message), "\(error)")
        }
    }

    @Test("a node the backward pass never reached must have gradient 0, and a key outside the format is quoted in the path")
    func unreachedGradientAndQuotedKeys() throws {
        let json = TraceJSONWriter.json(try Self.document("x = 2\nc = 3\ny = x * 2"))
        #expect(json.contains("\"name\": \"c\", \"value\": 3, \"grad\": 0"))
        do {
            _ = try Self.read(json.replacingOccurrences(of: "\"name\": \"c\", \"value\": 3, \"grad\": 0", with: "\"name\": \"c\", \"value\": 3, \"grad\": 5"))
            Issue.record("read a gradient no contribution made")
        } catch {
            #expect(error.description == "$.nodes[1].grad: 5 disagrees with 0: no step sends it a contribution")
        }
        do {
            _ = try Self.read(json.replacingOccurrences(of: "\"outputs\"", with: "\"odd key\\\"\": 1, \"odd key\\\"\": 2, \"outputs\""))
            Issue.record("read a duplicate key")
        } catch {
            #expect(error.path == "$[\"odd key\\\"\"]", "\(error)")
        }
    }
}
