import ChainTrace
import ChainTraceAudit
import ChainTraceLanguage
import Testing

/// The scalar audit's diagnoses at tensor level, in its words: σ′ taken at the pre-activation, an upstream
/// written as the sum of a branch point's contributions, and a term that is one consumer's several
/// contributions (`decay · W` for `W ⊙ W`).
@Suite struct TensorDiagnosisTests {
    /// h = σ(W1 · x) feeds two heads z2 = W2 · h and z3 = W3 · h: a branch point with two contributions.
    static let twoHeads = """
        x = [[1.3], [0.2]]
        W1 = [[0.7, -0.3], [0.1, 0.5]]
        W2 = [[0.4, 0.9], [-0.6, 0.2]]
        W3 = [[0.3, -0.2], [0.8, 0.5]]
        z1 = W1 @ x
        h = sigmoid(z1)
        z2 = W2 @ h
        z3 = W3 @ h
        loss = 0.5 * sum(z2 * z2) + 0.5 * sum(z3 * z3)

        """

    @Test func sigmaPrimeTakenAtThePreActivationNamesTheGradientItWouldBe() throws {
        let audit = try TensorAuditTests.audit(Self.twoHeads + "dz1_pre = (transpose(W2) @ z2 + transpose(W3) @ z3) * z1 * (1 - z1)\n")
        let candidate = try TensorAuditTests.candidate(audit, "dz1_pre")
        #expect(candidate.verdict == .none && candidate.withOutputSigmoidPartial?.name == "z1")
        let sigma = try #require(candidate.terms.first?.factors.last)
        #expect(candidate.terms.count == 1 && sigma.role == .preActivation && sigma.text == "z1 ⊙ (1 − z1)")
        #expect(sigma.node?.name == "h" && sigma.edge?.operand.name == "z1" && sigma.edge?.consumer.name == "h")
        // The scalar audit's words, the local partial written elementwise; the report highlights the σ′ edge.
        let text = audit.text()
        #expect(text.contains("σ′ taken at the pre-activation: with σ′ at the output it would be ∂loss/∂z1"))
        #expect(text.contains("σ′ at the pre-activation z1, where the local partial ∂h/∂z1 is h ⊙ (1 − h)"))
        #expect(try candidate.multipliedEdges.contains(#require(sigma.edge?.index)))
        #expect(audit.json().contains(#""withOutputSigmoidPartial":{"id":\#(candidate.withOutputSigmoidPartial?.id ?? -1),"name":"z1"}"#))
    }

    @Test func aFactorWrittenAsASumThatMatchesNothingReadsInBrackets() throws {
        let audit = try TensorAuditTests.audit(Self.twoHeads + "odd = (transpose(W2) @ z2 + transpose(W3) @ z3) * h * (2 - h)\n")
        let factors = try #require(TensorAuditTests.candidate(audit, "odd").terms.first?.factors)
        #expect(factors.map(\.role) == [.upstream, .value, .unmatched] && factors[2].text == "2 − h")
        #expect(audit.text().contains("⊙ h ⊙ (2 − h) (matches nothing)"))
    }

    @Test func anUpstreamWrittenAsASumAtABranchPointIsItsContributions() throws {
        let audit = try TensorAuditTests.audit(Self.twoHeads + "dz1 = (transpose(W2) @ z2 + transpose(W3) @ z3) * h * (1 - h)\n")
        let candidate = try TensorAuditTests.candidate(audit, "dz1")
        #expect(candidate.verdict == .equal && candidate.match?.name == "z1")
        let upstream = try #require(candidate.terms.first?.factors.first)
        #expect(upstream.role == .upstream && upstream.node?.name == "h")
        #expect(upstream.branchSum.map(\.operand.name) == ["h", "h"] && upstream.branchSum.map(\.consumer.name) == ["z2", "z3"])
        #expect(upstream.branchSum.allSatisfy { $0.rule == "matmul, right operand: Aᵀ · Ḡ" })
        #expect(audit.text().contains("upstream ∂loss/∂h = Σ of the 2 contributions at the branch point h ⊙ local partial ∂h/∂z1 (σ′, elementwise)"))
        #expect(Set(upstream.branchSum.map(\.index)).isSubset(of: candidate.multipliedEdges))
    }

    /// v feeds M · v and v ⊙ v: its three contributions, two of them from the square.
    static let decay = """
        M = [[1.0, 2.0], [0.5, -1.0]]
        v = [[0.3], [-0.6]]
        decay = 0.01
        loss = sum(M @ v) + 0.5 * decay * sum(v * v)

        """

    @Test func aTermThatIsOneConsumersSeveralContributionsSaysSo() throws {
        let audit = try TensorAuditTests.audit(Self.decay + "gv = transpose(M) @ [[1], [1]] + decay * v\nv_new = v - 0.1 * (transpose(M) @ [[1], [1]] + decay * v)\n")
        let gv = try TensorAuditTests.candidate(audit, "gv")
        #expect(gv.verdict == .equal && gv.match?.name == "v" && gv.terms.count == 2)
        let square = try #require(gv.terms.last?.factors)
        #expect(square.count == 1 && square[0].role == .contribution && square[0].text == "decay·v")
        #expect(square[0].branchSum.count == 2 && square[0].branchSum.allSatisfy { $0.consumer.name == "v ⊙ v" && $0.operand.name == "v" })
        #expect(audit.text().contains("+ the 2 contributions through (v ⊙ v) to the branch point v"))
        // In a step, v written as a term is the value stepped from, and the bracket is the upstream at the
        // branch point as the sum of all three contributions.
        let step = try TensorAuditTests.candidate(audit, "v_new")
        #expect(step.verdict == .step && step.match?.name == "v")
        let first = try #require(step.terms.first?.factors), second = try #require(step.terms.last?.factors)
        #expect(first.map(\.role) == [.value] && second.map(\.role) == [.constant, .upstream])
        #expect(second[1].branchSum.count == 3 && Set(second[1].branchSum.map(\.index)).count == 3)
        #expect(audit.text().contains("v − 0.1 · upstream ∂loss/∂v = Σ of the 3 contributions at the branch point v"))
    }

    @Test func theScalarAuditReadsOneConsumersSeveralContributionsTheSameWay() throws {
        let source = """
            x = 1.3
            w = 0.7
            decay = 0.01
            h = sigmoid(w * x)
            loss = 0.5 * (h - 1)^2 + 0.5 * decay * (w * w)
            dw = (h - 1) * h * (1 - h) * x + decay * w
            w_new = w - 0.5 * ((h - 1) * h * (1 - h) * x + decay * w)

            """
        let audit = try VerdictTests.audit(source)
        let dw = try VerdictTests.candidate(audit, "dw")
        #expect(dw.verdict == .equal && dw.match?.name == "w")
        let square = try #require(dw.terms.last?.factors)
        #expect(square.count == 1 && square[0].role == .contribution && square[0].branchSum.count == 2)
        #expect(audit.text().contains("+ the 2 contributions through (w·w) to the branch point w"))
        let step = try VerdictTests.candidate(audit, "w_new")
        #expect(step.verdict == .step && step.terms.first?.factors.map(\.role) == [.value])
        #expect(step.terms.last?.factors.last?.branchSum.count == 3)
    }
}
