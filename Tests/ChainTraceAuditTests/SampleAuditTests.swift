import ChainTrace
import ChainTraceAudit
import ChainTraceExamples
import ChainTraceLanguage
import Foundation
import Testing

/// The audit samples: the article's backward pass matched on every row of an epoch, its buggy variant
/// diagnosed mistake by mistake, softmax's `p − y`.
@Suite struct SampleAuditTests {
    static func program(_ file: String) throws -> Program {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples")
        return try Program(source: String(contentsOf: samples.appendingPathComponent(file), encoding: .utf8), file: file)
    }

    static func byName(_ audit: Audit) -> [String: CandidateAudit] {
        Dictionary(uniqueKeysWithValues: audit.candidates.map { ($0.node.name, $0) })
    }

    static let neurons = [("h0", 0, 0), ("h1", 0, 1), ("o0", 1, 0), ("o1", 1, 1)]

    @Test func theArticlesDeltasAreGradientsOnEveryRowOfAnEpoch() throws {
        let program = try Self.program("article-backprop.ct")
        var network = BackpropFromScratch.initializeNetwork()
        for row in ArticleSetup.dataset {
            // The article's own pass on this row: its deltas, then its update, as the network trains.
            let pass = BackpropFromScratch.traceRow(&network, row: row)
            var inputs = ["x0": row[0], "x1": row[1], "y0": pass.expected[0], "y1": pass.expected[1]]
            for (name, layer, neuron) in Self.neurons {
                let weights = network[layer][neuron].weights
                inputs[name + "w0"] = weights[0]
                inputs[name + "w1"] = weights[1]
                inputs[name + "b"] = weights[2]
            }
            BackpropFromScratch.backwardPropagateError(&network, expected: pass.expected)
            let audit = try Self.byName(Audit(program: program, inputs: inputs, output: "loss"))
            for (name, layer, neuron) in Self.neurons {
                let delta = try #require(audit["delta_" + name])
                #expect(delta.verdict == .equal && delta.match?.name == name + "act", "row \(row): delta_\(name)")
                #expect(abs(delta.value - network[layer][neuron].delta) <= 1e-12 * abs(delta.value), "row \(row): delta_\(name)")
                #expect(audit["error_" + name]?.verdict == .equal && audit["error_" + name]?.match?.name == name)
                for weight in ["w0", "w1", "b"] {
                    let step = try #require(audit[name + weight + "_new"])
                    #expect(step.verdict == .step && step.match?.name == name + weight && step.factor == 0.5, "row \(row): \(name)\(weight)")
                }
            }
            _ = BackpropFromScratch.updateWeights(&network, pass: pass, rate: ArticleSetup.learningRate)
        }
    }

    @Test func theArticlesDeltasDecomposeIntoUpstreamAndLocalPartials() throws {
        let audit = try Self.byName(Audit(program: Self.program("article-backprop.ct")))
        let delta = try #require(audit["delta_o0"])
        let factors = try #require(delta.terms.first?.factors)
        #expect(delta.terms.count == 1 && factors.count == 2)
        #expect(factors[0].role == .upstream && factors[0].node?.name == "o0" && factors[0].reuses == "error_o0")
        #expect(factors[1].role == .localPartial && factors[1].text == "o0·(1 − o0)")
        #expect(factors[1].edge?.consumer.name == "o0" && factors[1].edge?.operand.name == "o0act" && factors[1].edge?.derivativeName == "σ′")
        // The hidden error is the sum at the branch point h0: one contribution per term.
        let error = try #require(audit["error_h0"])
        #expect(error.terms.count == 2)
        #expect(error.terms.allSatisfy { $0.contribution?.operand.name == "h0" })
        #expect(Set(error.terms.compactMap { $0.contribution?.index }).count == 2)
        // A step's factors: the weight, the rate, and the gradient as upstream × the input on the weight's edge.
        let step = try #require(audit["h0w0_new"])
        #expect(step.terms.map(\.sign) == [1, -1])
        #expect(step.terms[0].factors.map(\.role) == [.value])
        #expect(step.terms[1].factors.map(\.role) == [.constant, .upstream, .localPartial])
        #expect(step.terms[1].factors[1].node?.name == "h0act" && step.terms[1].factors[1].reuses == "delta_h0")
        #expect(step.terms[1].factors[2].edge?.operand.name == "h0w0" && step.terms[1].factors[2].text == "x0")
    }

    @Test func theBuggyVariantIsDiagnosedMistakeByMistake() throws {
        let audit = try Self.byName(Audit(program: Self.program("article-backprop-bugs.ct")))
        #expect(audit["delta_o0"]?.verdict == .equal)
        let half = try #require(audit["error_o0"])
        #expect(half.verdict == .scaled && half.match?.name == "o0" && half.factor == 2)
        let sign = try #require(audit["delta_o1_flipped"])
        #expect(sign.verdict == .scaled && sign.match?.name == "o1act" && sign.factor == -1)
        for (name, node) in [("error_h0", "h0"), ("delta_h0", "h0act")] {
            let partial = try #require(audit[name])
            #expect(partial.verdict == .partial && partial.match?.name == node, "\(name)")
            #expect(partial.branch?.branchPoint.name == "h0" && partial.branch?.total == 2 && partial.branch?.included.count == 1)
            #expect(partial.branch?.included.first?.consumer.name == "o0w0·h0")
        }
        let preActivation = try #require(audit["delta_h1"])
        #expect(preActivation.verdict == .none)
        let sigma = try #require(preActivation.terms.first?.factors.last)
        #expect(sigma.role == .preActivation && sigma.edge?.operand.name == "h1act" && sigma.node?.name == "h1")
        #expect(preActivation.withOutputSigmoidPartial?.name == "h1act")
        #expect(audit["error_o0"]?.withOutputSigmoidPartial == nil)
        let ascent = try #require(audit["o0b_new"])
        #expect(ascent.verdict == .step && ascent.match?.name == "o0b" && ascent.factor == -0.5)
    }

    @Test func softmaxsClosedFormIsTheGradientAtTheLogits() throws {
        let audit = try Audit(program: Self.program("softmax-audit.ct"))
        #expect(audit.candidates.map(\.node.name) == ["dz0", "dz1", "dz2"])
        #expect(audit.candidates.map(\.verdict) == [.equal, .equal, .equal])
        #expect(audit.candidates.map { $0.match?.name } == ["z0", "z1", "z2"])
    }

    @Test func theAuditIsDeterministic() throws {
        let program = try Self.program("article-backprop-bugs.ct")
        let first = try Audit(program: program), second = try Audit(program: program)
        #expect(first.json() == second.json())
        #expect(first.text() == second.text())
    }
}
