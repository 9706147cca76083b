import ChainTraceAudit
import ChainTraceLanguage
@testable import ChainTraceReport
import ChainTraceTensor
import Foundation
import Testing

/// The tensor report's Audit section: each hand-written line with its verdict, matched tensor node,
/// transposed and c when they apply, and the page data naming the tensor node and the edges whose
/// local Jacobians each line multiplies.
struct TensorAuditSectionTests {
    /// A 2-2-1 network with its backward pass by hand: `dW2t` is the weight gradient written the other
    /// way round, `twice` is off by a factor of 2.
    static let program = """
        x  = [[0.5], [-1.2]]
        y  = [[1]]
        W1 = [[0.1, 0.4], [-0.3, 0.2]]
        W2 = [[0.2, -0.6]]
        h  = sigmoid(W1 @ x)
        z2 = W2 @ h
        o  = sigmoid(z2)
        delta2 = (o - y) * o * (1 - o)
        dW2 = delta2 @ transpose(h)
        dW2t = h @ transpose(delta2)
        twice = 2 * dW2
        loss = 0.5 * sum((o - y)^2)

        """

    static func content() throws -> TensorReportContent {
        let parsed = try Program(source: program, file: "net.ct")
        let audit = try Audit(tensorProgram: parsed, output: "loss")
        let run = try parsed.runTensors(output: "loss")
        return try TensorReportContent(rendering: run.tape, backward: try run.backward(), title: "net.ct", audit: audit)
    }

    static func node(_ name: String, _ tape: TensorTape) throws -> TensorNodeID {
        try #require((0 ..< tape.count).last { tape.name(of: $0) == name })
    }

    /// The page's Audit section item for `name`.
    static func item(_ name: String, in html: String) throws -> String {
        let section = try #require(ReportPageTests.between(html, "<section class=\"card audit\"", "</section>"))
        return try #require(section.components(separatedBy: "<li>").first { $0.contains("<span class=\"name\">\(name)</span>") })
    }

    @Test func eachLineShowsItsVerdictTensorNodeTransposedAndFactors() throws {
        let content = try Self.content()
        let html = TensorReportPage.html(content)
        let tape = content.tape
        #expect(html.contains("4 hand-written values compared with ∂loss/∂node at 8 points (inputs moved by up to ±5 %): 3 right, 1 wrong."))
        let delta2 = try Self.item("delta2", in: html)
        #expect(delta2.contains("data-verdict=\"equal\""))
        #expect(delta2.contains("node z2 [1×1] #\(try Self.node("z2", tape))"))
        #expect(delta2.contains("upstream ∂loss/∂o ⊙ local partial ∂o/∂z2 (σ′, elementwise)"))
        let dW2 = try Self.item("dW2", in: html)
        #expect(dW2.contains("= delta2 · hᵀ") && dW2.contains("(matmul, left operand: Ḡ · Bᵀ): the contribution to W2 through z2"))
        let transposed = try Self.item("dW2t", in: html)
        #expect(transposed.contains("(∂loss/∂W2)ᵀ") && transposed.contains(" · transposed · "))
        #expect(!dW2.contains("transposed"))
        let twice = try Self.item("twice", in: html)
        #expect(twice.contains("data-verdict=\"scaled\"") && twice.contains("c = 2"))
        #expect(html.contains("its own node is dashed") && html.contains("the edges whose local Jacobians it multiplies"))
    }

    @Test func theDataNamesEachLinesTensorNodeAndTheEdgesItMultiplies() throws {
        let content = try Self.content()
        let tape = content.tape
        let data = try TensorReportTests.data(content)
        let lines = try #require(data["audit"] as? [[String: Any]])
        #expect(lines.count == 4)
        let (z2, o, w2) = (try Self.node("z2", tape), try Self.node("o", tape), try Self.node("W2", tape))
        // delta2 = ∂loss/∂z2: the σ′ edge z2 → o.
        #expect(lines[0]["node"] as? Int == (try Self.node("delta2", tape)))
        #expect(lines[0]["match"] as? Int == z2)
        let sigmoid = (0 ..< tape.edgeCount).filter { tape.operand(of: $0) == z2 && tape.consumer(of: $0) == o }
        #expect(lines[0]["edges"] as? [Int] == sigmoid)
        // dW2 = ∂loss/∂W2: the matmul's edge W2 → z2.
        #expect(lines[1]["match"] as? Int == w2)
        let matmul = (0 ..< tape.edgeCount).filter { tape.operand(of: $0) == w2 && tape.consumer(of: $0) == z2 }
        #expect(lines[1]["edges"] as? [Int] == matmul)
        // The transposed line still highlights W2.
        #expect(lines[2]["match"] as? Int == w2)
    }

    @Test func anAuditOfAnotherOutputIsRefused() throws {
        let parsed = try Program(source: Self.program, file: "net.ct")
        let audit = try Audit(tensorProgram: parsed, output: "loss")
        let run = try parsed.runTensors(output: "o")
        #expect(throws: ReportError.self) {
            try TensorReportContent(rendering: run.tape, backward: try run.backward(), title: "net.ct", audit: audit)
        }
    }

    @Test func withoutAnAuditThePageHasNoAuditSection() throws {
        let run = try Program(source: Self.program, file: "net.ct").runTensors(output: "loss")
        let content = try TensorReportContent(rendering: run.tape, backward: try run.backward(), title: "net.ct")
        let html = TensorReportPage.html(content)
        #expect(!html.contains("class=\"card audit\"") && !html.contains("swatch audit"))
        #expect(try TensorReportTests.data(content)["audit"] == nil)
    }
}
