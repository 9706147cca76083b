import ChainTraceGraphviz
import ChainTraceRender
import Foundation
import Testing

/// Every `<text …>content</text>` of an SVG: its attributes and its content.
private func textRuns(_ svg: [UInt8]) -> [(attributes: String, content: String)] {
    String(decoding: svg, as: UTF8.self).matches(of: /<text([^>]*)>([^<]*)<\/text>/).map { (String($0.1), String($0.2)) }
}

@Suite("SVG, PDF and PNG files read the same everywhere")
struct OutputFileTests {
    @Test("SVG text keeps the spaces between runs: every edge space is marked preserved and leads its run")
    func svgKeepsSpaces() throws {
        for view in DiagramView.allCases {
            var options = DiagramOptions()
            options.view = view
            let runs = textRuns(try Graphviz.render(Diagram(document("x = 2\nu = x^2 + 1\ny = u^3 + u\n"), options: options).dot, format: .svg))
            // `<b>u</b> = x² + 1`: the space that separates the name from the formula is drawn.
            let headers = runs.filter { $0.content.hasPrefix(" = ") }
            #expect(!headers.isEmpty)
            for run in runs where run.content.hasPrefix(" ") || run.content.hasSuffix(" ") || run.content.contains("  ") {
                #expect(run.attributes.contains("xml:space=\"preserve\""), "\(run.content)")
            }
            // A run's end depends on the viewer's font metrics, its start does not: a space between
            // two runs belongs to the second (`75 × 4 =` then ` 300`), so it always shows.
            let trailing = runs.filter { $0.content.hasSuffix(" ") && $0.content.contains { $0 != " " } }
            #expect(trailing.isEmpty, "\(trailing.map(\.content))")
        }
        #expect(textRuns(Array("<svg><text x=\"1\">a b</text></svg>".utf8)).count == 1)
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
