import ChainTrace
import ChainTraceGraphviz
import ChainTraceRender
import Foundation
import Testing

@Suite("SVG, PNG and PDF rendered in-process")
struct SVGRenderTests {
    @Test("one SVG element per node and per edge, printing the trace's numbers", arguments: [totalDerivativeProgram, "x = 3\ny = x * x - 2 * x\n"])
    func elementsMatchTrace(_ program: String) throws {
        let doc = try document(program)
        let tape = doc.tape
        let backward = try #require(doc.backward)
        let svg = try Graphviz.render(Diagram(doc).dot, format: .svg)
        let items = try svgItems(svg)
        let nodes = items.filter { $0.classes.first == "node" && !$0.classes.contains("legend") }
        let edges = items.filter { $0.classes.first == "edge" }
        #expect(nodes.map(\.id).sorted() == (0 ..< tape.count).map { "ct-n\($0)" }.sorted())
        #expect(edges.map(\.id).sorted() == (0 ..< tape.edgeCount).map { "ct-e\($0)" }.sorted())
        for edge in edges {
            let index = try #require(Int(edge.id.dropFirst("ct-e".count)))
            // The label reads "upstream × local =" then, in a bold tspan, " contribution".
            let words = edge.text.joined(separator: " ").split(separator: " ").map(String.init)
            try #require(words.count == 5, "edge \(index): \(words)")
            let upstream = try #require(printedNumber(words[0]))
            let local = try #require(printedNumber(words[2]))
            let contribution = try #require(printedNumber(words[4]))
            #expect(agrees(upstream, backward.upstream(of: index, on: tape)))
            #expect(agrees(local, tape.partial(of: index)))
            #expect(agrees(contribution, backward.contribution(of: index, on: tape)))
        }
        for node in nodes {
            let index = try #require(Int(node.id.dropFirst("ct-n".count)))
            guard tape.op(of: index) != .constant else { continue }
            let text = node.text
            let gradientRow = try #require(text.firstIndex { $0.hasPrefix("∂") })
            // The last row ends with the gradient; at a branch point it reads "sum = gradient" (one text, the gradient a tspan).
            let total = try #require(printedNumber(String(text[text.count - 1].split(separator: " ").last ?? "")))
            #expect(agrees(total, backward.gradients[index]), "node \(index): \(text)")
            let arrivals = backward.arrivals(on: tape)[index]
            if arrivals.count > 1 {
                // A branch point prints each contribution, then the sum.
                let terms = text[gradientRow + 1].components(separatedBy: " = ")[0]
                let sum = terms.split(separator: "+").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: " ()=")) }
                #expect(sum.count == arrivals.count)
                for (printed, edge) in zip(sum, arrivals) {
                    #expect(agrees(try #require(printedNumber(printed)), backward.contribution(of: edge, on: tape)))
                }
            }
        }
    }

    @Test("a repeated operand (x * x) is two edges, each with its own contribution")
    func repeatedOperand() throws {
        let doc = try document("x = 3\ny = x * x\n")
        let diagram = try Diagram(doc)
        #expect(structure(diagram.dot).contains("n0 -> n1 ct-e0 (positive branch) | 1 × 3 = 3\nn0 -> n1 ct-e1 (positive branch) | 1 × 3 = 3"))
        #expect(structure(diagram.dot).contains("∂y/∂x 3 + 3 = 6"))
        let items = try svgItems(Graphviz.render(diagram.dot, format: .svg))
        #expect(items.filter { $0.classes.first == "edge" }.map(\.id) == ["ct-e0", "ct-e1"])
    }

    @Test("PNG and PDF are real files of their format")
    func rasterAndDocument() throws {
        let dot = try Diagram(document(totalDerivativeProgram)).dot
        let png = try Graphviz.render(dot, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(Array(png.suffix(8)) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // the IEND chunk
        let width = png[16 ..< 20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 200)
        let pdf = try Graphviz.render(dot, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: pdf.suffix(16), as: UTF8.self).contains("%%EOF"))
    }

    @Test("ids carry the prefix, so two diagrams can share a page")
    func prefixedIDs() throws {
        var options = DiagramOptions()
        options.idPrefix = "fig2"
        let items = try svgItems(Graphviz.render(Diagram(document(totalDerivativeProgram), options: options).dot, format: .svg))
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0.id.hasPrefix("fig2-") })
    }

    @Test("the dot program lays out the same nodes and edges as the library", .enabled(if: dotProgram != nil))
    func sameAsDotProgram() throws {
        var options = DiagramOptions()
        options.highlight = ["y"]
        let dot = try Diagram(document(totalDerivativeProgram), options: options).dot
        let ours = try svgItems(Graphviz.render(dot, format: .svg))
        let theirs = try svgItems(runDot(dot))
        #expect(ours.count == 12)  // 5 nodes, 6 edges, the legend
        #expect(ours.map { [$0.id, $0.title] + $0.classes } == theirs.map { [$0.id, $0.title] + $0.classes })
    }
}

/// The `dot` program, if installed.
let dotProgram = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }

private func runDot(_ dot: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(dotProgram))
    process.arguments = ["-Tsvg"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(dot.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return Array(data)
}
