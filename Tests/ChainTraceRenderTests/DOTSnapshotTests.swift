import ChainTrace
import ChainTraceLanguage
import ChainTraceRender
import Foundation
import Testing

@Suite("DOT structure snapshots")
struct DOTSnapshotTests {
    @Test("samples/chain.ct: y = (x² + 1)³ at x = 2")
    func chainSample() throws {
        let source = try String(contentsOf: samplesDirectory.appendingPathComponent("chain.ct"), encoding: .utf8)
        let diagram = try Diagram(document(source))
        var options = DiagramOptions()
        options.showsLegend = false
        #expect(structure(try Diagram(document(source), options: options).dot) == """
        graph ct (chaintrace backward) | Backward pass from y: each edge multiplies upstream × local partial
        n0 ct-n0 (input) | x value 2 ∂y/∂x 300
        n1 ct-n1 (intermediate) | #1 = x² value 4 ∂y/∂(#1) 75
        n2 ct-n2 (constant) | 1
        n3 ct-n3 (intermediate) | u = #1 + 1 value 5 ∂y/∂u 75
        n4 ct-n4 (output) | y = u³ value 125 ∂y/∂y 1
        n0 -> n1 ct-e0 (positive) | 75 × 4 = 300
        n1 -> n3 ct-e1 (positive) | 75 × 1 = 75
        n2 -> n3 ct-e2 (positive) | 75 × 1 = 75
        n3 -> n4 ct-e3 (positive) | 1 × 75 = 75
        """)
        #expect(diagram.notes.isEmpty)
        #expect(diagram.drawnNodes == [0, 1, 2, 3, 4])
        #expect(diagram.drawnEdges == [0, 1, 2, 3])
    }

    @Test("total derivative: z = x·y + x with x = t², y = sin t")
    func totalDerivative() throws {
        var options = DiagramOptions()
        options.showsLegend = false
        #expect(structure(try Diagram(document(totalDerivativeProgram), options: options).dot) == """
        graph ct (chaintrace backward) | Backward pass from z: each edge multiplies upstream × local partial
        n0 ct-n0 (input branch) | t value 0.5 ∂z/∂t 0.2194 + 1.479 = 1.699
        n1 ct-n1 (intermediate branch) | x = t² value 0.25 ∂z/∂x 1 + 0.4794 = 1.479
        n2 ct-n2 (intermediate) | y = sin(t) value 0.4794 ∂z/∂y 0.25
        n3 ct-n3 (intermediate) | #3 = x · y value 0.1199 ∂z/∂(#3) 1
        n4 ct-n4 (output) | z = #3 + x value 0.3699 ∂z/∂z 1
        n0 -> n1 ct-e0 (positive branch) | 1.479 × 1 = 1.479
        n0 -> n2 ct-e1 (positive branch) | 0.25 × 0.8776 = 0.2194
        n1 -> n3 ct-e2 (positive branch) | 1 × 0.4794 = 0.4794
        n2 -> n3 ct-e3 (positive) | 1 × 0.25 = 0.25
        n3 -> n4 ct-e4 (positive) | 1 × 1 = 1
        n1 -> n4 ct-e5 (positive branch) | 1 × 1 = 1
        """)
    }

    @Test("the same trace and options give byte-identical DOT")
    func deterministic() throws {
        var options = DiagramOptions()
        options.highlight = ["x"]
        let first = try Diagram(document(totalDerivativeProgram), options: options).dot
        let second = try Diagram(document(totalDerivativeProgram), options: options).dot
        #expect(first == second)
    }
}
