import ChainTrace
import ChainTraceAudit
import ChainTraceLanguage
import ChainTraceTensor
import Testing

/// The audit at tensor level: every verdict on small tensor programs, a matrix written transposed, no
/// match for values that equal a gradient at one point only.
@Suite struct TensorAuditTests {
    static func audit(_ source: String, output: String? = nil, points: Int = 8) throws -> Audit {
        try Audit(tensorProgram: Program(source: source, file: "test.ct"), output: output, points: points)
    }

    static func candidate(_ audit: Audit, _ name: String) throws -> CandidateAudit {
        try #require(audit.candidates.first { $0.node.name == name }, "no candidate \(name)")
    }

    /// A 3×2 layer: ∂loss/∂W = (tanh′ ⊙ tanh(z)) · xᵀ is 3×2, its transpose 2×3.
    static let layer = """
        W = [[0.2, -0.4], [0.7, 0.1], [-0.3, 0.5]]
        x = [[1.5], [-0.8]]
        z = W @ x
        a = tanh(z)
        loss = 0.5 * sum(a * a)
        delta = a * (1 - a * a)

        """

    @Test func aGradientMatchesEveryElementAtEveryPoint() throws {
        let audit = try Self.audit(Self.layer + "dW = delta @ transpose(x)\n")
        let delta = try Self.candidate(audit, "delta"), dW = try Self.candidate(audit, "dW")
        #expect(delta.verdict == .equal && delta.match?.name == "z" && delta.shape == [3, 1] && !delta.transposed)
        #expect(dW.verdict == .equal && dW.match?.name == "W" && dW.shape == [3, 2])
        #expect(dW.maxRelativeError <= 1e-12)
        // The value's elements at the program's inputs: δᵢ · xⱼ.
        let a = [0.2 * 1.5 + 0.4 * 0.8, 0.7 * 1.5 - 0.1 * 0.8, -0.3 * 1.5 - 0.5 * 0.8].map(Double.tanh)
        let expected = a.flatMap { value in [1.5, -0.8].map { value * (1 - value * value) * $0 } }
        #expect(zip(dW.elements, expected).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) })
        // Its factors: the upstream Ḡ = ∂loss/∂z (delta reused) and xᵀ, the matmul rule's local partial.
        let term = try #require(dW.terms.first)
        #expect(dW.terms.count == 1 && term.factors.map(\.role) == [.upstream, .localPartial])
        #expect(term.factors[0].node?.name == "z" && term.factors[0].reuses == "delta")
        #expect(term.factors[1].text == "xᵀ" && term.factors[1].edge?.rule == "matmul, left operand: Ḡ · Bᵀ")
        #expect(term.contribution?.operand.name == "W")
    }

    @Test func aMatrixWrittenTheOtherWayRoundMatchesTransposed() throws {
        let audit = try Self.audit(Self.layer + "dW_T = x @ transpose(delta)\n")
        let transposed = try Self.candidate(audit, "dW_T")
        #expect(transposed.verdict == .equal && transposed.match?.name == "W" && transposed.transposed)
        #expect(transposed.shape == [2, 3])
        #expect(audit.text().contains("(∂loss/∂W)ᵀ"))
        #expect(audit.json().contains(#""transposed":true"#))
    }

    @Test func stepScaledAndSignErrorsAtTensorLevel() throws {
        let audit = try Self.audit(Self.layer + "dW = delta @ transpose(x)\nW_new = W - 0.1 * dW\ntwice = 2 * delta\nflipped = (a * a - 1) * a\n")
        let step = try Self.candidate(audit, "W_new")
        #expect(step.verdict == .step && step.match?.name == "W" && abs((step.factor ?? 0) - 0.1) < 1e-12)
        let twice = try Self.candidate(audit, "twice")
        #expect(twice.verdict == .scaled && twice.match?.name == "z" && twice.factor == 2)
        let flipped = try Self.candidate(audit, "flipped")
        #expect(flipped.verdict == .scaled && flipped.match?.name == "z" && flipped.factor == -1)
    }

    @Test func partialNamesTheBranchPointAndTheContributionsSummed() throws {
        // v feeds the product with M and its own square: ∂loss/∂v = Mᵀ·1 + 2v, written with the product's path only.
        let source = """
            M = [[1.0, 2.0], [0.5, -1.0]]
            v = [0.3, -0.6]
            loss = sum(M @ v) + sum(v * v)
            gv = transpose(M) @ [1, 1]
            gv_full = transpose(M) @ [1, 1] + 2 * v

            """
        let audit = try Self.audit(source)
        let partial = try Self.candidate(audit, "gv")
        #expect(partial.verdict == .partial && partial.match?.name == "v")
        let branch = try #require(partial.branch)
        #expect(branch.branchPoint.name == "v" && branch.total == 3 && branch.included.count == 1)
        #expect(branch.included[0].rule == "matmul, right operand: Aᵀ · Ḡ")
        #expect(try Self.candidate(audit, "gv_full").verdict == .equal)
    }

    @Test func noneReportsTheClosestGradientAndHowFar() throws {
        let audit = try Self.audit(Self.layer + "off = delta + [[0.25], [0.25], [0.25]]\n")
        let off = try Self.candidate(audit, "off")
        #expect(off.verdict == .none && off.match?.name == "z")
        #expect(abs((off.difference ?? 0) - 0.25) < 1e-12)
        #expect(off.maxRelativeError > 1e-3)
    }

    @Test func aCoincidenceAtTheProgramsInputsIsNoMatch() throws {
        // At w = [2, 3], w + [2, 3] and 3w − [2, 3] both equal ∂loss/∂w = 2w; only the perturbed points tell them apart.
        let source = "w = [2, 3]\nloss = sum(w * w)\ng = w + [2, 3]\nh = 3 * w - [2, 3]\ndouble = 4 * w\n"
        let onePoint = try Self.audit(source, points: 1)
        #expect(try Self.candidate(onePoint, "g").verdict == .equal)
        let audit = try Self.audit(source)
        #expect(try Self.candidate(audit, "g").verdict == .none)
        #expect(try Self.candidate(audit, "h").verdict == .none)
        let double = try Self.candidate(audit, "double")
        #expect(double.verdict == .scaled && double.factor == 2)
    }

    @Test func aMatrixEqualToTheGradientAtOnePointOnlyIsReportedTransposed() throws {
        // ∂loss/∂W = y·xᵀ; at x = y it is symmetric, so x·yᵀ equals it there, but only its transpose elsewhere.
        let source = "W = [[1.0, 0.5], [-0.2, 2.0]]\nx = [[0.4], [0.9]]\ny = [[0.4], [0.9]]\nloss = sum((W @ x) * y)\ng = x @ transpose(y)\n"
        let onePoint = try Self.candidate(Self.audit(source, points: 1), "g")
        #expect(onePoint.verdict == .equal && !onePoint.transposed)
        let g = try Self.candidate(Self.audit(source), "g")
        #expect(g.verdict == .equal && g.match?.name == "W" && g.transposed)
    }

    @Test func aNumberInATensorProgramIsAuditedAsANumber() throws {
        let audit = try Self.audit("w = [0.3, 0.6]\ns = 2.0\nloss = sum(w * w) * s\nds = sum(w * w)\n")
        let ds = try Self.candidate(audit, "ds")
        #expect(ds.verdict == .equal && ds.match?.name == "s" && ds.shape == [])
        #expect(audit.text().contains("∂loss/∂s  at 8 points") && !audit.text().contains("every element"))
    }

    @Test func runsOfDifferentLayoutsAreRefused() throws {
        let first = try Program(source: "x = [1, 2]\ny = sum(x * x)\n", file: "a.ct").runTensors()
        let second = try Program(source: "x = [1, 2]\ny = sum(x)\n", file: "b.ct").runTensors()
        #expect(throws: AuditError.self) { try Audit(tensorRuns: [first.tape, second.tape], output: first.output) }
    }
}
