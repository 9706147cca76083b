import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat
import Foundation
import Testing

@Suite struct SectionsJSONTests {
    @Test func noSectionsLeavesTheBytesAlone() {
        let (tape, _, y) = Fixtures.diamond(x: 0.5)
        let document = TraceDocument(tape: tape, differentiating: y)
        #expect(TraceJSONWriter.json(document, sections: TraceSections()) == TraceJSONWriter.json(document))
    }

    @Test func sectionsAreWrittenAndTheDocumentStillReads() throws {
        let (tape, x, y) = Fixtures.diamond(x: 0.5)
        let document = TraceDocument(tape: tape, differentiating: y)
        let analysis = PathAnalysis(tape: tape, from: x, to: y)
        let section = PathsSection(analysis.paths(limit: 10), gradient: document.backward?.gradients[x] ?? .nan)
        let sections = TraceSections(paths: section, tangents: Tangents(tape: tape, wrt: x),
                                     formulas: [EdgeFormula(consumer: 1, operand: 0, node: 0, rule: "cos(a)", text: "cos(x)", substituted: "cos(0.5)", mathML: "<math/>")])
        let text = TraceJSONWriter.json(document, sections: sections)
        #expect(text.hasPrefix(String(TraceJSONWriter.json(document).dropLast(3))))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(object["paths"] as? [String: Any])
        #expect(paths["count"] as? Int == 2)
        #expect(paths["complete"] as? Bool == true)
        #expect((paths["paths"] as? [Any])?.count == 2)
        #expect((object["tangents"] as? [String: Any])?["input"] as? Int == 0)
        #expect((object["formulas"] as? [Any])?.count == 1)
        #expect(try TraceJSONReader.read(Data(text.utf8)) == document)
    }

    @Test func countsPast2To53AreStrings() throws {
        let small = PathsSection(PathListing(from: 0, to: 1, paths: [], count: ExactCount(1 << 53)), gradient: 1)
        let large = PathsSection(PathListing(from: 0, to: 1, paths: [], count: ExactCount((1 << 53) + 1)), gradient: 1)
        #expect(TraceJSONWriter.json(small).contains("\"count\": 9007199254740992,"))
        #expect(TraceJSONWriter.json(large).contains("\"count\": \"9007199254740993\","))
        _ = try JSONSerialization.jsonObject(with: Data(TraceJSONWriter.json(large).utf8))
    }
}
