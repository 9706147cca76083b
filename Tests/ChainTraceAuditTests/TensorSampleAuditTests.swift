import ChainTrace
import ChainTraceAudit
import ChainTraceLanguage
import Testing

/// The tensor audit samples: the article's network with matrices audited to the scalar sample's numbers,
/// its buggy variant diagnosed mistake by mistake, softmax's `softmax(z) − y` at tensor level.
@Suite struct TensorSampleAuditTests {
    static func audit(_ file: String) throws -> [String: CandidateAudit] {
        try SampleAuditTests.byName(Audit(tensorProgram: SampleAuditTests.program(file)))
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($1), 1e-300) }
    }

    @Test func theMatrixArticlesAuditHasTheScalarArticlesNumbers() throws {
        let matrix = try Self.audit("article-backprop-matrix-audit.ct")
        let scalar = try SampleAuditTests.byName(Audit(program: SampleAuditTests.program("article-backprop.ct")))
        func values(_ names: [String]) throws -> [Double] { try names.map { try #require(scalar[$0]).value } }
        let expected: [(String, [String])] = [
            ("delta2", ["delta_o0", "delta_o1"]), ("delta1", ["delta_h0", "delta_h1"]),
            ("W2_new", ["o0w0_new", "o0w1_new", "o1w0_new", "o1w1_new"]), ("b2_new", ["o0b_new", "o1b_new"]),
            ("W1_new", ["h0w0_new", "h0w1_new", "h1w0_new", "h1w1_new"]), ("b1_new", ["h0b_new", "h1b_new"]),
        ]
        for (name, scalarNames) in expected {
            let candidate = try #require(matrix[name])
            #expect(Self.close(candidate.elements, try values(scalarNames)), "\(name)")
        }
        // The verdicts agree too: deltas are gradients at the activations, updates steps of rate 0.5.
        #expect(matrix["delta2"]?.match?.name == "z2" && scalar["delta_o0"]?.match?.name == "o0act")
        #expect(matrix["delta1"]?.verdict == .equal && matrix["delta1"]?.match?.name == "z1")
        for name in ["W2_new", "b2_new", "W1_new", "b1_new"] {
            #expect(matrix[name]?.verdict == .step && matrix[name]?.factor == 0.5, "\(name)")
        }
        // The weight gradients are ∂loss/∂W, whose elements are the scalar gradients the steps used.
        let dW2 = try #require(matrix["dW2"])
        #expect(dW2.verdict == .equal && dW2.match?.name == "W2")
        let steps = try values(["o0w0_new", "o0w1_new", "o1w0_new", "o1w1_new"])
        let weights = [0.651592972722763, 0.7887233511355132, 0.02834747652200631, 0.8357651039198697]
        #expect(Self.close(dW2.elements, zip(weights, steps).map { ($0 - $1) / 0.5 }))
    }

    @Test func eachDeltaIsErrorTimesTheSigmoidsLocalPartialAndEachWeightGradientDeltaTimesInputTransposed() throws {
        let audit = try Self.audit("article-backprop-matrix-audit.ct")
        let delta2 = try #require(audit["delta2"]?.terms.first?.factors)
        #expect(delta2.map(\.role) == [.upstream, .localPartial])
        #expect(delta2[0].node?.name == "o" && delta2[0].text == "o − y")
        #expect(delta2[1].text == "o ⊙ (1 − o)" && delta2[1].edge?.derivativeName == "σ′" && delta2[1].edge?.operand.name == "z2")
        #expect(audit["delta2"]?.terms.first?.times == " ⊙ ")
        // delta1: W2ᵀ·Ḡ, the contribution through the matmul (the upstream at h), ⊙ σ′.
        let delta1 = try #require(audit["delta1"]?.terms.first?.factors)
        #expect(delta1.map(\.role) == [.upstream, .localPartial])
        #expect(delta1[0].node?.name == "h" && delta1[0].text == "(W2ᵀ · delta2)")
        #expect(delta1[0].edge?.rule == "matmul, right operand: Aᵀ · Ḡ" && delta1[0].edge?.operand.name == "h")
        #expect(delta1[1].edge?.derivativeName == "σ′" && delta1[1].edge?.operand.name == "z1")
        for (name, gradient, input) in [("dW2", "delta2", "h"), ("dW1", "delta1", "x")] {
            let term = try #require(audit[name]?.terms.first)
            #expect(term.factors.map(\.role) == [.upstream, .localPartial], "\(name)")
            #expect(term.factors[0].reuses == gradient && term.factors[1].text == input + "ᵀ")
            #expect(term.factors[1].edge?.rule == "matmul, left operand: Ḡ · Bᵀ" && term.contribution?.operand.name == String(name.dropFirst()))
        }
    }

    @Test func theBuggyMatrixVariantIsDiagnosedMistakeByMistake() throws {
        let audit = try Self.audit("article-backprop-matrix-bugs.ct")
        #expect(audit["delta2"]?.verdict == .equal)
        let missing = try #require(audit["delta2_no_slope"])
        // σ′'s factor (1 − o) missing: nothing matches; the closest is ∂loss/∂o, the upstream it multiplies.
        #expect(missing.verdict == .none && missing.match?.name == "o")
        #expect(missing.terms.first?.factors.map(\.role) == [.upstream, .value])
        let sign = try #require(audit["delta2_flipped"])
        #expect(sign.verdict == .scaled && sign.match?.name == "z2" && sign.factor == -1)
        let twice = try #require(audit["delta2_twice"])
        #expect(twice.verdict == .scaled && twice.match?.name == "z2" && twice.factor == 2)
        #expect(twice.terms.first?.factors.map(\.role) == [.constant, .upstream, .localPartial])
        let partial = try #require(audit["dW2"])
        #expect(partial.verdict == .partial && partial.match?.name == "W2")
        #expect(partial.branch?.branchPoint.name == "W2" && partial.branch?.total == 3 && partial.branch?.included.count == 1)
        #expect(partial.branch?.included.first?.rule == "matmul, left operand: Ḡ · Bᵀ")
        #expect(audit["dW2_full"]?.verdict == .equal && audit["dW2_full"]?.match?.name == "W2")
        // σ′ as z2 ⊙ (1 − z2): nothing matches, but with σ′ at the output o it would be ∂loss/∂z2.
        let preActivation = try #require(audit["delta2_pre"])
        #expect(preActivation.verdict == .none && preActivation.withOutputSigmoidPartial?.name == "z2")
        #expect(preActivation.terms.first?.factors.map(\.role) == [.upstream, .preActivation])
        // decay · W2 is the two contributions W2 ⊙ W2 sends to W2, not a local partial alone.
        let decay = try #require(audit["dW2_full"]?.terms.last?.factors)
        #expect(decay.count == 1 && decay[0].role == .contribution && decay[0].branchSum.count == 2)
        #expect(decay[0].branchSum.allSatisfy { $0.consumer.name == "W2 ⊙ W2" && $0.operand.name == "W2" })
        // The step's bracket is the upstream at the branch point W2, the sum of its three contributions.
        let step = try #require(audit["W2_new"])
        #expect(step.verdict == .step && step.factor == 0.5 && step.terms.first?.factors.map(\.role) == [.value])
        #expect(step.terms.last?.factors.last?.role == .upstream && step.terms.last?.factors.last?.branchSum.count == 3)
        let transposed = try #require(audit["dW1_T"])
        #expect(transposed.verdict == .equal && transposed.match?.name == "W1" && transposed.transposed)
    }

    @Test func softmaxsClosedFormIsTheGradientAtTheLogitsAtTensorLevel() throws {
        let audit = try Self.audit("softmax-audit-tensor.ct")
        let dz = try #require(audit["dz"])
        #expect(audit.count == 1 && dz.verdict == .equal && dz.match?.name == "z" && dz.shape == [3])
        #expect(dz.terms.first?.factors.map(\.text) == ["softmax(z)"] && dz.terms.count == 2 && dz.terms[1].factors[0].text == "[0.7, 0.2, 0.1]")
        // The same numbers as the scalar sample's dz0, dz1, dz2.
        let scalar = try SampleAuditTests.byName(Audit(program: SampleAuditTests.program("softmax-audit.ct")))
        #expect(Self.close(dz.elements, try ["dz0", "dz1", "dz2"].map { try #require(scalar[$0]).value }))
    }

    @Test func theTensorAuditIsDeterministic() throws {
        let program = try SampleAuditTests.program("article-backprop-matrix-bugs.ct")
        let first = try Audit(tensorProgram: program), second = try Audit(tensorProgram: program)
        #expect(first.json() == second.json() && first.text() == second.text())
    }
}
