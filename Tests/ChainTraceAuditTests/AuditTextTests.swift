import ChainTraceAudit
import ChainTraceLanguage
import Testing

/// What `chaintrace audit` prints and writes, through the library the command calls.
@Suite struct AuditTextTests {
    static let source = """
    w = 0.3
    x = 2
    loss = (w * x - 1)^2
    err = 2 * (w * x - 1)
    g = err * x
    w_new = w - 0.1 * g
    flipped = -g

    """

    @Test func textIsAlignedWithVerdictsAndFactors() throws {
        let audit = try Audit(program: Program(source: Self.source, file: "small.ct"))
        #expect(audit.text() == """
        audit of loss: 4 hand-written values compared with ∂loss/∂node at 8 points (inputs moved by up to ±5 %)
        err      ✓ equal    ∂loss/∂(w·x − 1)    at 8 points (max rel. error 0)
                 = 2 · (w·x − 1)
        g        ✓ equal    ∂loss/∂w            at 8 points (max rel. error 0)
                 = err · x
                   upstream ∂loss/∂(w·x − 1) (err) × local partial ∂(w·x)/∂w
        w_new    ✓ step     w − 0.1 · ∂loss/∂w  a gradient-descent step, rate 0.1
                 = w − 0.1 · g
                   w − 0.1 × upstream ∂loss/∂w (g)
        flipped  ✗ scaled   −∂loss/∂w           a sign error
                 = −g
                   −upstream ∂loss/∂w (g)

        """)
    }

    @Test func jsonCarriesEveryCandidatesVerdictMatchAndFactors() throws {
        let json = try Audit(program: Program(source: Self.source, file: "small.ct"), points: 3).json()
        #expect(json.hasPrefix(#"{"version":1,"output":{"id":"#))
        #expect(json.contains(#""points":3,"#))
        #expect(json.contains(#""name":"w_new","node":"#))
        #expect(json.contains(#""verdict":"step","match":{"id":0,"name":"w"},"sameGradient":[],"c":0.1,"#))
        #expect(json.contains(#""verdict":"scaled","match":{"id":0,"name":"w"},"sameGradient":[],"c":-1,"#))
        #expect(json.contains(#""role":"upstream","node":{"id":0,"name":"w"},"edge":null,"branchSum":[],"reuses":"g""#))
        #expect(json.hasSuffix("}\n"))
    }

    @Test func anAuditedValueNamedLikeAnotherNodeIsToldApart() throws {
        // `w -= …` rebinds w: the step is the last node named w, the input keeps its own id.
        let audit = try Audit(program: Program(source: "w = 0.3\nx = 2\nloss = (w * x - 1)^2\nw -= 0.1 * 2 * (w * x - 1) * x\n", file: "t.ct"))
        let step = try #require(audit.candidates.first)
        #expect(step.verdict == .step)
        #expect(step.node.name == "w#\(step.node.id)" && step.match?.name == "w#0")
    }
}
