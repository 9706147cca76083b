import ChainTrace
import ChainTraceAudit
import ChainTraceFormat
import ChainTraceLanguage
import Foundation
@testable import ChainTraceReport
import Testing

/// The report's Audit section: every hand-written line with its verdict, matched node, c, error and
/// factors, and the page data naming the node and the edges each line highlights.
struct AuditSectionTests {
    /// A neuron and its hand-written backward pass; `dw` forgets that the loss has a ½ (c = 2), `wrong`
    /// matches nothing, and `o2` is a hostile name.
    static let program = """
        x = 0.5
        w = 0.8
        a = w * x
        o = sigmoid(a)
        loss = 0.5 * (o - 1)^2
        d_o = o - 1
        da = d_o * o * (1 - o)
        dw = 2 * da * x
        wrong = da + x
        """

    static func page(_ source: String = program) throws -> (html: String, audit: Audit, tape: Tape) {
        let parsed = try Program(source: source, file: "neuron.ct")
        let audit = try Audit(program: parsed, output: "loss")
        let run = try parsed.run()
        let document = TraceDocument(tape: run.tape, differentiating: audit.output.id)
        let content = ReportContent(title: "neuron.ct", document: document, diagrams: [], annotations: ReportAnnotations(audit: audit))
        return (ReportPage.html(content), audit, run.tape)
    }

    static func node(_ name: String, _ tape: Tape) throws -> NodeID { try tape.node(named: name) }

    /// The edge operand → consumer, found on the tape.
    static func edge(_ operand: NodeID, _ consumer: NodeID, _ tape: Tape) throws -> Int {
        try #require((0 ..< tape.edgeCount).first { tape.operand(of: $0) == operand && tape.consumer(of: $0) == consumer })
    }

    @Test func eachLineShowsItsVerdictMatchFactorAndError() throws {
        let (html, _, tape) = try Self.page()
        let section = try #require(ReportPageTests.between(html, "<section class=\"card audit\"", "</section>"))
        #expect(section.contains("4 hand-written values compared with ∂loss/∂node at 8 points (inputs moved by up to ±5 %): 2 right, 2 wrong."))
        let items = section.components(separatedBy: "<li>").dropFirst()
        #expect(items.count == 4)
        let byName = Dictionary(uniqueKeysWithValues: items.compactMap { item in
            ReportPageTests.between(item, "<span class=\"name\">", "</span>").map { ($0, item) }
        })
        let da = try #require(byName["da"])
        #expect(da.contains("<span class=\"where\">line 7</span>"))
        #expect(da.contains("✓ equal") && da.contains("data-verdict=\"equal\""))
        #expect(da.contains("<span class=\"statement\">∂loss/∂a</span>"))
        #expect(da.contains("node \(TapePrinter.label(try Self.node("a", tape), on: tape)) · max rel. error"))
        #expect(da.contains("= d_o · o·(1 − o)"))
        #expect(da.contains("upstream ∂loss/∂o (d_o) × local partial ∂o/∂a (σ′)"))
        let dw = try #require(byName["dw"])
        #expect(dw.contains("✗ scaled") && dw.contains("c = 2 · max rel. error"))
        #expect(dw.contains("<span class=\"detail\">off by a factor of 2</span>"))
        let wrong = try #require(byName["wrong"])
        #expect(wrong.contains("✗ none") && wrong.contains("closest node") && wrong.contains("rel. error"))
        #expect(!wrong.contains("max rel. error"))
        #expect(html.contains("<span class=\"swatch audit\"></span>"))
    }

    @Test func pageDataNamesTheNodeAndTheEdgesEachLineHighlights() throws {
        let (html, audit, tape) = try Self.page()
        let lines = try #require(try AnnotationTests.reportData(html)["audit"] as? [[String: Any]])
        #expect(lines.count == audit.candidates.count)
        let a = try Self.node("a", tape), o = try Self.node("o", tape), w = try Self.node("w", tape)
        let byNode = Dictionary(uniqueKeysWithValues: lines.compactMap { line in (line["node"] as? Int).map { ($0, line) } })
        let da = try #require(byNode[try Self.node("da", tape)])
        #expect(da["match"] as? Int == a)
        #expect(da["edges"] as? [Int] == [try Self.edge(a, o, tape)])
        let dw = try #require(byNode[try Self.node("dw", tape)])
        #expect(dw["match"] as? Int == w)
        #expect(dw["edges"] as? [Int] == [try Self.edge(w, a, tape)])
        let d_o = try #require(byNode[try Self.node("d_o", tape)])
        #expect(d_o["edges"] as? [Int] == [])
    }

    @Test func aReportWithoutAnAuditHasNoSection() throws {
        let html = ReportPage.html(try Fixtures.content(Self.program, svg: false))
        #expect(!html.contains("class=\"card audit\"") && !html.contains("swatch audit"))
        #expect(try AnnotationTests.reportData(html)["audit"] == nil)
    }

    @Test func anAuditOfAnotherOutputIsRefused() throws {
        let parsed = try Program(source: Self.program, file: "neuron.ct")
        let audit = try Audit(program: parsed, output: "loss")
        let run = try parsed.run()
        // The program's last statement, not the loss the audit differentiates.
        let document = TraceDocument(tape: run.tape, differentiating: run.output)
        #expect(ReportContent.mismatch(audit, document)?.contains("the audit differentiates loss") == true)
        #expect(throws: ReportError.self) {
            try ReportContent(rendering: document, title: "neuron.ct", annotations: ReportAnnotations(audit: audit))
        }
        // The same layout with another name for a hand-written value: the audit belongs to another program.
        let renamed = try Program(source: Self.program.replacingOccurrences(of: "d_o", with: "e_o"), file: "other.ct").run()
        let problem = ReportContent.mismatch(audit, TraceDocument(tape: renamed.tape, differentiating: audit.output.id))
        #expect(problem?.contains("the audit's d_o is node") == true)
    }
}
