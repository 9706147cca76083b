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

    /// A document with sections ends as one without: its last section's closing line, then the
    /// top-level object's `}` on a line of its own, once.
    @Test func sectionsEndTheDocumentAsThePlainWriterDoes() {
        let (tape, x, y) = Fixtures.diamond(x: 0.5)
        let document = TraceDocument(tape: tape, differentiating: y)
        let withFormulas = TraceJSONWriter.json(document, explaining: x)
        #expect(withFormulas.hasSuffix("</math>\"}\n  ]\n}\n"))
        #expect(withFormulas.components(separatedBy: "\n}").count == 2)
        let withTangents = TraceJSONWriter.json(document, sections: TraceSections(tangents: Tangents(tape: tape, wrt: x)))
        #expect(withTangents.hasSuffix("]}\n}\n") && withTangents.components(separatedBy: "\n}").count == 2)
    }

    /// Every edge's formula, made walking each consumer's edges, equals the one built edge by edge
    /// through the public accessors (consumer and position searched for), on a random program with
    /// leaves between the operations, named and unnamed constants and inlined intermediates.
    @Test func formulasWalkingTheConsumersEqualThoseBuiltEdgeByEdge() {
        var random = SplitMix64(seed: 15)
        var tape = Tape()
        var pool = [tape.appendLeaf(.input, value: 0.7, name: "x"), tape.appendLeaf(.input, value: -1.3, name: "w")]
        for step in 0 ..< 300 {
            let a = pool[Int.random(in: 0 ..< pool.count, using: &random)], b = pool[Int.random(in: 0 ..< pool.count, using: &random)]
            let name = step.isMultiple(of: 4) ? "v\(step)" : nil
            let node: NodeID
            switch Int.random(in: 0 ..< 9, using: &random) {
            case 0: node = tape.appendBinary(.add, a, tape.appendLeaf(.constant, value: 0.25), name: name)
            case 1: node = tape.appendBinary(.sub, a, b, name: name)
            case 2: node = tape.appendBinary(.mul, a, b, name: name)
            case 3: node = tape.appendBinary(.mul, a, a, name: name)
            case 4: node = tape.appendUnary(.sigmoid, a, name: name)
            case 5: node = tape.appendUnary(.tanh, a, name: name)
            case 6: node = tape.appendUnary(.powConstant, a, parameter: 3, name: name)
            case 7: node = tape.appendBinary(.div, a, tape.appendLeaf(.constant, value: 2, name: "c\(step)"), name: name)
            default: node = tape.appendUnary(.sin, a, name: name)
            }
            pool.append(node)
        }
        let names = NodeNames(tape: tape, digits: 4)
        let expected = (0 ..< tape.edgeCount).map { edge in
            EdgeFormula(
                consumer: tape.consumer(of: edge), operand: tape.position(of: edge), node: tape.operand(of: edge),
                rule: names.genericPartial(of: edge).text(digits: 4), text: names.partialFormula(of: edge).text(digits: 4),
                substituted: names.substitutedPartial(of: edge).text(digits: 4), mathML: names.partialFormula(of: edge).mathML(digits: 4)
            )
        }
        let formulas = EdgeFormula.all(on: tape, digits: 4)
        #expect(formulas.count == tape.edgeCount && formulas == expected)
        #expect(formulas.contains { $0.text.contains("(1 − ") } && formulas.contains { $0.substituted.contains("(") })
    }

    @Test func countsPast2To53AreStrings() throws {
        let small = PathsSection(PathListing(from: 0, to: 1, paths: [], count: ExactCount(1 << 53)), gradient: 1)
        let large = PathsSection(PathListing(from: 0, to: 1, paths: [], count: ExactCount((1 << 53) + 1)), gradient: 1)
        #expect(TraceJSONWriter.json(small).contains("\"count\": 9007199254740992,"))
        #expect(TraceJSONWriter.json(large).contains("\"count\": \"9007199254740993\","))
        _ = try JSONSerialization.jsonObject(with: Data(TraceJSONWriter.json(large).utf8))
    }
}
