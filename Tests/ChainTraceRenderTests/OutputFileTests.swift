import ChainTraceGraphviz
import ChainTraceRender
import Foundation
import Testing

/// Every `<text …>content</text>` of an SVG: its attributes and its content (tspans included).
private func textRuns(_ svg: [UInt8]) -> [(attributes: String, content: String)] {
    String(decoding: svg, as: UTF8.self).matches(of: /<text([^>]*)>(.*?)<\/text>/).map { (String($0.1), String($0.2)) }
}

@Suite("SVG, PDF and PNG files read the same everywhere")
struct OutputFileTests {
    @Test("SVG text runs that continue a line are tspans of it, and their spaces are preserved")
    func svgKeepsSpaces() throws {
        for view in DiagramView.allCases {
            var options = DiagramOptions()
            options.view = view
            let runs = textRuns(try Graphviz.render(Diagram(document("x = 2\nu = x^2 + 1\ny = u^3 + u\n"), options: options).dot, format: .svg))
            // `<b>u</b> = x² + 1`: the viewer places ` = #1 + 1` after the name, in normal weight.
            let header = try #require(runs.first { $0.content.hasPrefix("u<tspan") })
            #expect(header.attributes.contains("xml:space=\"preserve\"") && header.attributes.contains("font-weight=\"bold\""))
            #expect(header.content.contains("font-weight=\"normal\"> = #1 + 1</tspan>"))
            // A run starting with a space never stands alone: Graphviz's position for it assumes
            // narrower glyphs than browsers draw, and the space would vanish under the text before it.
            #expect(!runs.contains { $0.content.hasPrefix(" ") }, "\(runs.map(\.content))")
            for run in runs where run.content.hasPrefix(" ") || run.content.hasSuffix(" ") || run.content.contains("  ") {
                #expect(run.attributes.contains("xml:space=\"preserve\""), "\(run.content)")
            }
            // Separate table cells on one row stay separate elements.
            #expect(runs.contains { $0.content == "value" })
        }
    }

    @Test("an edge label's contribution is a bold tspan after `upstream × local =`")
    func svgEdgeLabel() throws {
        let runs = textRuns(try Graphviz.render(Diagram(document("x = 2\ny = x^2\n")).dot, format: .svg))
        #expect(runs.contains { $0.content.hasPrefix("1 × 4 =<tspan") && $0.content.contains("font-weight=\"bold\"") && $0.content.hasSuffix("> 4</tspan>") })
        #expect(runs.contains { $0.content.hasPrefix("Backward pass from<tspan") && $0.content.hasSuffix("> each edge multiplies upstream × local partial</tspan>") })
    }

    @Test("PDF carries no creation date, so two renders a second apart are byte-identical")
    func pdfIsDeterministic() throws {
        let dot = try Diagram(document(totalDerivativeProgram)).dot
        let first = try Graphviz.render(dot, format: .pdf)
        #expect(!String(decoding: first, as: UTF8.self).contains("/CreationDate"))
        #expect(String(decoding: first, as: UTF8.self).contains("/Producer"))
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try Graphviz.render(dot, format: .pdf) == first)
    }

    @Test("PNG scale multiplies the pixel size", arguments: [2.0, 3.0])
    func pngScale(scale: Double) throws {
        let dot = try Diagram(document(totalDerivativeProgram)).dot
        func size(_ png: [UInt8]) -> (Int, Int) {
            (png[16 ..< 20].reduce(0) { $0 << 8 | Int($1) }, png[20 ..< 24].reduce(0) { $0 << 8 | Int($1) })
        }
        let plain = size(try Graphviz.render(dot, format: .png))
        let scaled = size(try Graphviz.render(dot, format: .png, scale: scale))
        #expect(abs(Double(scaled.0) - scale * Double(plain.0)) <= scale + 1)
        #expect(abs(Double(scaled.1) - scale * Double(plain.1)) <= scale + 1)
        #expect(try Graphviz.render(dot, format: .svg, scale: scale) == Graphviz.render(dot, format: .svg))
    }
}
