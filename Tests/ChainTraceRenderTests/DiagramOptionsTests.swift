import ChainTrace
import ChainTraceRender
import Testing

@Suite("diagram options")
struct DiagramOptionsTests {
    @Test("the forward view shows values and local partials with their formulas, no gradients")
    func forwardView() throws {
        var options = DiagramOptions()
        options.view = .forward
        options.showsLegend = false
        let text = structure(try Diagram(document(totalDerivativeProgram), options: options).dot)
        #expect(text.contains("graph ct (chaintrace forward) | Forward pass to z"))
        // ∂y/∂t = cos(t) = 0.8776; ∂(#3)/∂x = y; a bare number (∂z/∂(#3) = 1) stays a number.
        #expect(text.contains("n0 -> n2 ct-e1 (branch) | cos(t) = 0.8776"))
        #expect(text.contains("n1 -> n3 ct-e2 (branch) | y = 0.4794"))
        #expect(text.contains("n3 -> n4 ct-e4 () | 1\n"))
        #expect(text.contains("n1 ct-n1 (intermediate branch) | x = t² value 0.25\n"))
        #expect(!text.contains("∂z/"))
    }

    @Test("highlighting y emphasises exactly the path y → #3 → z")
    func highlightPath() throws {
        var options = DiagramOptions()
        options.highlight = ["y"]
        let text = structure(try Diagram(document(totalDerivativeProgram), options: options).dot)
        let highlighted = text.split(separator: "\n").filter { $0.contains(" highlighted)") }.map { $0.split(separator: " ")[0 ..< 3].joined(separator: " ") }
        #expect(highlighted == ["n2 ct-n2 (intermediate", "n3 ct-n3 (intermediate", "n4 ct-n4 (output", "n2 -> n3", "n3 -> n4"])
        #expect(text.contains("n0 ct-n0 (input branch faded)"))
    }

    @Test("highlighting by id and an unknown name")
    func highlightLookup() throws {
        var options = DiagramOptions()
        options.highlight = ["#1", "x"]
        #expect(try Diagram(document(totalDerivativeProgram), options: options).dot.contains("class=\"intermediate branch highlighted\""))
        options.highlight = ["nope"]
        #expect(throws: DiagramError.self) { try Diagram(document(totalDerivativeProgram), options: options) }
        options.highlight = ["#99"]
        #expect(throws: DiagramError.self) { try Diagram(document(totalDerivativeProgram), options: options) }
    }

    @Test("hidden constants disappear but their values stay in the formula")
    func hiddenConstants() throws {
        var options = DiagramOptions()
        options.hidesConstants = true
        let source = "x = 2\nu = x^2 + 1\ny = u^3\n"
        let diagram = try Diagram(document(source), options: options)
        #expect(diagram.drawnNodes == [0, 1, 3, 4])
        #expect(diagram.drawnEdges == [0, 1, 3])
        #expect(structure(diagram.dot).contains("u = #1 + 1 value 5"))
        #expect(!diagram.dot.contains("class=\"constant"))
    }

    @Test("digits, font, direction and negative numbers with a true minus sign")
    func formatting() throws {
        var options = DiagramOptions()
        options.digits = 2
        // A font name with quotes is refused (DisplayNameTests); this one reaches the DOT quoted.
        options.fontName = "Times New Roman, serif"
        options.rankDirection = .topToBottom
        let dot = try Diagram(document("a = 3\nb = 0 - a * 2\n"), options: options).dot
        #expect(dot.contains("rankdir=\"TB\""))
        #expect(dot.contains("fontname=\"Times New Roman, serif\""))
        #expect(structure(dot).contains("∂b/∂a −2"))
    }

    @Test("a document without a backward record is drawn forward, with a note")
    func noBackward() throws {
        let doc = try document(totalDerivativeProgram)
        let diagram = try Diagram(TraceDocument(tape: doc.tape, outputs: doc.outputs, backward: nil))
        #expect(diagram.dot.contains("class=\"chaintrace forward\""))
        #expect(diagram.notes == ["the trace has no backward record: drew the forward view"])
    }
}
