import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceTestSupport
import Testing

/// The TikZ writer: Graphviz's layout read back as xdot operations and written as one TikZ picture.
@Suite("TikZ from Graphviz's layout")
struct TikZTests {
    @Test("xdot strings are byte-counted: spaces, dashes and multi-byte text read back whole")
    func xdotStrings() throws {
        let drawing = try Graphviz.drawing(#"digraph g { a [id="a", shape=box, label="− 1 -x × y"] }"#)
        let node = try #require(drawing.items.first { $0.kind == .node })
        let texts = node.operations.compactMap { if case .text(_, _, _, let text) = $0 { text } else { nil } }
        #expect(texts == ["− 1 -x × y"])
        #expect(node.id == "a")
        #expect(node.operations.contains { if case .polygon(false, let points) = $0 { points.count == 4 } else { false } })
    }

    @Test("the picture has every node and edge, their colours, line widths and numbers in math mode")
    func diagram() throws {
        let doc = try document("x = 2\nu = x^2 + 1\ny = u^3\n")
        let diagram = try Diagram(doc)
        let drawing = try Graphviz.drawing(diagram.dot)
        let tex = TikZ.document(drawing)
        for index in 0 ..< doc.tape.count { #expect(tex.contains("% node ct-n\(index)\n")) }
        for index in 0 ..< doc.tape.edgeCount { #expect(tex.contains("% edge ct-e\(index)\n")) }
        #expect(tex.hasPrefix("% A chaintrace diagram"))
        #expect(tex.contains("\\begin{tikzpicture}[x=1bp, y=1bp") && tex.hasSuffix("\\end{tikzpicture}\n\\end{document}\n"))
        // Edge colour and width as in the DOT (and so the SVG): the largest contribution is 4.5 points wide.
        #expect(tex.contains("\\definecolor{ct") && tex.contains("}{HTML}{2B6CB0}\n"))
        #expect(tex.contains("line width=4.5bp"))
        // One TikZ text node per xdot text; the edge label "75 × 4 = 300" with its numbers in math mode.
        let textCount = drawing.items.flatMap(\.operations).filter { if case .text = $0 { true } else { false } }.count
        #expect(tex.components(separatedBy: "\\node[").count - 1 == textCount)
        #expect(tex.contains("{$75$ \\ensuremath{\\times} $4$ =}"))
        #expect(tex.contains("{\\ $300$}"))
        // Splines as Bézier curves, arrowheads as filled polygons.
        #expect(tex.contains(".. controls ("))
        #expect(tex.components(separatedBy: "\n").filter { $0.hasPrefix("\\path[fill=") && $0.hasSuffix("-- cycle;") }.count >= doc.tape.edgeCount)
        var depth = 0
        for character in tex where character == "{" || character == "}" {
            depth += character == "{" ? 1 : -1
            #expect(depth >= 0)
        }
        #expect(depth == 0)
    }

    @Test("same diagram, same bytes")
    func deterministic() throws {
        let dot = try Diagram(document(totalDerivativeProgram)).dot
        #expect(TikZ.document(try Graphviz.drawing(dot)) == TikZ.document(try Graphviz.drawing(dot)))
    }

    @Test("hostile names reach the picture escaped, numbers inside names stay text", arguments: HostileText.names)
    func hostileName(_ name: String) throws {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 2, name: name)
        let y = tape.appendBinary(.mul, x, x, name: "y")
        let tex = TikZ.document(try Graphviz.drawing(Diagram(TraceDocument(tape: tape, differentiating: y)).dot))
        let body = tex.split(separator: "\n").filter { !$0.hasPrefix("%") }.joined(separator: "\n")
        #expect(!body.contains("\\end{document}\n\\") && body.components(separatedBy: "\\end{document}").count == 2)
        #expect(!body.contains(#/(^|[^\\])%/#), "an unescaped comment character")
        #expect(body.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\n") || (0xC0 ... 0xFF).contains($0.value) })
    }

    @Test("numbers standing alone go into math mode; digits in names do not", arguments: [
        ("75 × 4 =", "$75$ \\ensuremath{\\times} $4$ ="), ("−0.5", "${-}0.5$"), ("1.2e−5", "$1.2\\mathrm{e}{-}5$"),
        ("x0 #3 2x", "x0 \\#3 2x"), (" 300", "\\ $300$"), ("3 − 6 =", "$3$ \\ensuremath{-} $6$ ="), ("a_1", "a\\_1"),
    ])
    func mathNumbers(_ text: String, _ expected: String) {
        #expect(TikZ.labelText(text) == expected)
    }
}
