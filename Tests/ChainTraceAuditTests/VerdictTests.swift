import ChainTrace
import ChainTraceAudit
import ChainTraceLanguage
import Testing

/// Every verdict on a small program, and no match for values that equal a gradient at one point only.
@Suite struct VerdictTests {
    static func audit(_ source: String, output: String? = nil, points: Int = 8) throws -> Audit {
        try Audit(program: Program(source: source, file: "test.ct"), output: output, points: points)
    }

    static func candidate(_ audit: Audit, _ name: String) throws -> CandidateAudit {
        try #require(audit.candidates.first { $0.node.name == name }, "no candidate \(name)")
    }

    static let line = "w = 0.3\nx = 2\nloss = (w * x - 1)^2\n"

    @Test func equalNamesTheNodeWhoseGradientItIs() throws {
        let audit = try Self.audit("x = 2\ny = 3\nloss = x * y + sin(x)\ng = y + cos(x)\n")
        let g = try Self.candidate(audit, "g")
        #expect(g.verdict == .equal)
        #expect(g.match?.name == "x")
        #expect(g.line == 4)
        #expect(g.maxRelativeError <= 1e-12)
        #expect(audit.candidates.count == 1)
    }

    @Test func stepReportsItsRate() throws {
        let audit = try Self.audit(Self.line + "g = 2 * (w * x - 1) * x\nw_new = w - 0.1 * g\n")
        #expect(try Self.candidate(audit, "g").verdict == .equal)
        let step = try Self.candidate(audit, "w_new")
        #expect(step.verdict == .step)
        #expect(step.match?.name == "w")
        #expect(abs((step.factor ?? 0) - 0.1) < 1e-12)
    }

    @Test func scaledReportsTheFactorAndASignError() throws {
        let audit = try Self.audit(Self.line + "twice = 4 * (w * x - 1) * x\nflipped = -2 * (w * x - 1) * x\n")
        let twice = try Self.candidate(audit, "twice"), flipped = try Self.candidate(audit, "flipped")
        #expect(twice.verdict == .scaled && twice.match?.name == "w")
        #expect(abs((twice.factor ?? 0) - 2) < 1e-12)
        #expect(flipped.verdict == .scaled && flipped.match?.name == "w")
        #expect(flipped.factor == -1)
    }

    @Test func partialNamesTheBranchPointAndTheContributionsSummed() throws {
        // x feeds sin and the product x·x; ∂loss/∂x = cos(x)·b + 2x·a, written with the first path only.
        let audit = try Self.audit("x = 1.5\na = sin(x)\nb = x * x\nloss = a * b\ngx = cos(x) * b\n")
        let gx = try Self.candidate(audit, "gx")
        #expect(gx.verdict == .partial)
        #expect(gx.match?.name == "x")
        let branch = try #require(gx.branch)
        #expect(branch.branchPoint.name == "x")
        #expect(branch.total == 3)
        #expect(branch.included.map(\.consumer.name) == ["a"])
    }

    @Test func noneReportsTheClosestGradient() throws {
        let audit = try Self.audit(Self.line + "g = 2 * (w * x - 1) * x + 0.25\n")
        let g = try Self.candidate(audit, "g")
        #expect(g.verdict == .none)
        #expect(g.match?.name == "w")
        let gradient = 2 * (0.3 * 2 - 1) * 2.0
        #expect(abs((g.difference ?? 0) - 0.25) < 1e-12)
        #expect(abs((g.factor ?? 0) - (gradient + 0.25) / gradient) < 1e-12)
    }

    @Test func aCoincidenceAtTheProgramsInputsIsNoMatch() throws {
        // At x = 2, x + 2 = 4 = ∂loss/∂x and 3x − 2 = 4 too; only the perturbed points tell them apart.
        let source = "x = 2\nloss = x^2\ng = x + 2\nh = 3 * x - 2\ndouble = 4 * x\n"
        let onePoint = try Self.audit(source, points: 1)
        #expect(try Self.candidate(onePoint, "g").verdict == .equal)
        let audit = try Self.audit(source)
        #expect(try Self.candidate(audit, "g").verdict == .none)
        #expect(try Self.candidate(audit, "h").verdict == .none)
        #expect(try Self.candidate(audit, "double").verdict == .scaled)
    }

    @Test func aCoincidentStepOrScaleIsNoMatch() throws {
        // w − 0.5·2(w − 1) and 3·2(w − 1) agree with a step and a scale only at w = 2.
        let audit = try Self.audit("w = 2\nloss = (w - 1)^2\nlooks_like_step = w - 1 + 0 * w\nlooks_scaled = 6 * w - 6 + w * w - 4\n")
        #expect(try Self.candidate(audit, "looks_like_step").verdict != .step)
        #expect(try Self.candidate(audit, "looks_scaled").verdict == .none)
    }

    @Test func inputsOutsideTheForwardComputationStayFixed() throws {
        // The learning rate is an input the loss does not read: it keeps its value, so the rate is one number.
        let audit = try Self.audit("lr = 0.05\n" + Self.line + "g = 2 * (w * x - 1) * x\nw_new = w - lr * g\n")
        let step = try Self.candidate(audit, "w_new")
        #expect(step.verdict == .step)
        #expect(abs((step.factor ?? 0) - 0.05) < 1e-12)
    }

    @Test func aLongWrittenOutSumOrProductIsJudgedButNotDecomposed() throws {
        // ∂loss/∂x for loss = Σ sin(k·x) over 40 terms, written out term by term.
        let loss = (1 ... 40).map { "sin(\($0) * x)" }.joined(separator: " + ")
        let gradient = (1 ... 40).map { "\($0) * cos(\($0) * x)" }.joined(separator: " + ")
        let audit = try Self.audit("x = 0.3\nloss = \(loss)\ng = \(gradient)\n")
        let g = try Self.candidate(audit, "g")
        #expect(g.verdict == .equal && g.match?.name == "x")
        #expect(g.terms.isEmpty)
        // A long product too: ∂/∂x of x·x·…·x (40 factors) written as 40·x·…·x (39 factors).
        let power = Array(repeating: "x", count: 40).joined(separator: " * ")
        let derivative = (["40"] + Array(repeating: "x", count: 39)).joined(separator: " * ")
        let product = try Self.audit("x = 1.01\nloss = \(power)\ndx = \(derivative)\n")
        let dx = try Self.candidate(product, "dx")
        #expect(dx.verdict == .equal && dx.terms.isEmpty)
    }

    @Test func theDefaultOutputIsLossThenJ() throws {
        let j = try Self.audit("x = 2\nJ = x^3\ng = 3 * x^2\n")
        #expect(j.output.name == "J")
        #expect(try Self.candidate(j, "g").verdict == .equal)
        #expect(throws: AuditError.self) { try Self.audit("x = 2\ny = x^3\ng = 3 * x^2\n") }
        let named = try Self.audit("x = 2\ny = x^3\ng = 3 * x^2\n", output: "y")
        #expect(try Self.candidate(named, "g").verdict == .equal)
    }

    @Test func runsOfDifferentLayoutsAreRefused() throws {
        let first = try Program(source: "x = 2\ny = x^2\n", file: "a.ct").run()
        let second = try Program(source: "x = 2\ny = x^3 + 1\n", file: "b.ct").run()
        #expect(throws: AuditError.self) { try Audit(runs: [first.tape, second.tape], output: first.output) }
    }
}
