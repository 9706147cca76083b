import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("hostile names from a trace JSON")
struct HostileNameTests {
    static let names = HostileText.names

    /// A chain over every hostile name, inside hostile scopes, written to trace JSON and read back.
    static func hostileDocument() throws -> TraceDocument {
        var tape = Tape()
        var previous = tape.appendRecorded(.input, value: 1.5, parameter: 0, inputs: [], name: names[0], scope: [], line: 1)
        for (index, name) in names.enumerated().dropFirst() {
            let scope = index % 3 == 0 ? [names[index - 1]] : index % 3 == 1 ? [names[index - 1], "]\"\\"] : []
            let constant = tape.appendRecorded(.constant, value: Double(index), parameter: 0, inputs: [], name: nil, scope: scope, line: 0)
            previous = tape.appendBinary(.mul, previous, constant, name: name, scope: tape.internScope(scope))
        }
        let written = TraceJSONWriter.json(TraceDocument(tape: tape, differentiating: previous))
        return try TraceJSONReader.read(Data(written.utf8))
    }

    /// What a name must look like once drawn: controls replaced, tabs spaces, line breaks normalised.
    static func drawn(_ name: String) -> [String] {
        var text = name.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\t", with: " ")
        text = String(String.UnicodeScalarView(text.unicodeScalars.map {
            ($0.value < 0x20 && $0 != "\n") || $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : $0
        }))
        return text.split(separator: "\n").map(String.init)
    }

    @Test("cannot add or change a node, an edge or an attribute; the SVG stays well-formed")
    func hostileNamesStayText() throws {
        let doc = try Self.hostileDocument()
        let tape = doc.tape
        let diagram = try Diagram(doc)
        let svg = try Graphviz.render(diagram.dot, format: .svg)
        let items = try svgItems(svg)  // throws if the XML is not well-formed
        let nodes = items.filter { $0.classes.first == "node" && !$0.classes.contains("legend") }
        let edges = items.filter { $0.classes.first == "edge" }
        #expect(nodes.map(\.id).sorted() == (0 ..< tape.count).map { "ct-n\($0)" }.sorted())
        #expect(nodes.allSatisfy { $0.title == "n" + $0.id.dropFirst("ct-n".count) })
        #expect(edges.map(\.id).sorted() == (0 ..< tape.edgeCount).map { "ct-e\($0)" }.sorted())
        let vocabulary: Set = ["node", "edge", "input", "constant", "intermediate", "output", "branch", "positive", "negative", "zero", "legend"]
        #expect(items.allSatisfy { Set($0.classes).isSubset(of: vocabulary) })
        for node in nodes {
            let id = try #require(Int(node.id.dropFirst("ct-n".count)))
            guard let name = tape.name(of: id) else { continue }
            let text = node.text.joined()
            for line in Self.drawn(name) {
                #expect(text.contains(line.trimmingCharacters(in: .whitespaces)), "node \(id): \(line.debugDescription) not in \(text.debugDescription)")
            }
        }
        let svgText = String(decoding: svg, as: UTF8.self)
        #expect(!svgText.contains("<script"))
        #expect(!items.contains { $0.title == "n99" })
    }

    @Test("tooltips carry hostile names intact")
    func hostileTooltips() throws {
        let doc = try Self.hostileDocument()
        let svg = try Graphviz.render(Diagram(doc).dot, format: .svg)
        let xml = try XMLDocument(data: Data(svg), options: [])
        var titles: [String] = []
        func visit(_ element: XMLElement) {
            if element.localName == "a", let title = attribute("title", of: element) {
                titles.append(title)
            }
            for child in element.children ?? [] { if let child = child as? XMLElement { visit(child) } }
        }
        visit(try #require(xml.rootElement()))
        for name in Self.names {
            let expected = Self.drawn(name).joined(separator: "\n")
            #expect(titles.contains { $0.hasPrefix(expected + " (node #") }, "\(name.debugDescription)")
        }
    }

    @Test("a hostile name can be highlighted")
    func highlightHostile() throws {
        var options = DiagramOptions()
        options.highlight = [Self.names[4]]
        let structure = structure(try Diagram(Self.hostileDocument(), options: options).dot)
        #expect(structure.contains("n0 ct-n0 (input branch faded)") || structure.contains("n0 ct-n0 (input faded)"))
        #expect(structure.contains("highlighted"))
    }
}
