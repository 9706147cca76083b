import ChainTrace
import ChainTraceAnalysis
import ChainTraceLanguage
import Foundation
import RealModule
import Testing

/// The seed tutorial's layered chain, `samples/layered-chain.ct`: Loss ← Output ← Hidden 2 ← Hidden 1 ← Input,
/// one sigmoid neuron per layer, so ∂J/∂w1 is one product of four factors.
@Suite struct LayeredChainTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/layered-chain.ct")

    static func run(at inputs: [String: Double] = [:]) throws -> ProgramRun {
        let source = try String(contentsOf: file, encoding: .utf8)
        return try Program(source: source, file: "layered-chain.ct").run(inputs: inputs)
    }

    @Test func explanationIsTheLayerByLayerProduct() throws {
        let run = try Self.run()
        let w1 = try #require(run.bindings["w1"])
        let explanation = Explanation(tape: run.tape, backward: Backward(tape: run.tape, from: run.output), wrt: w1)
        let names = explanation.stations.map { run.tape.name(of: $0) }
        #expect(Set(names) == ["w1", "h1", "h2", "out", "J"])
        #expect(explanation.text().hasPrefix("dJ/dw1 = dJ/dout · dout/dh2 · dh2/dh1 · dh1/dw1\n"))

        // Each factor against the textbook formulas, evaluated independently of the engine.
        let value = { (name: String) throws -> Double in run.tape.value(of: try #require(run.bindings[name])) }
        let (x, w2, w3, target) = (try value("x"), try value("w2"), try value("w3"), try value("target"))
        let (h1, h2, out) = (try value("h1"), try value("h2"), try value("out"))
        let expected: [String: Double] = [
            "J": out - target,                     // ∂J/∂out of ½(out − target)²
            "out": out * (1 - out) * w3,           // σ′ · w3
            "h2": h2 * (1 - h2) * w2,              // σ′ · w2
            "h1": h1 * (1 - h1) * x,               // σ′ · x
        ]
        #expect(explanation.steps.count == 4)
        for step in explanation.steps {
            let later = max(step.from, step.to)
            let factor = try #require(expected[run.tape.name(of: later) ?? ""])
            #expect(factor.isApproximatelyEqual(to: step.value, relativeTolerance: 1e-12))
        }
        let product = expected.values.reduce(1, *)
        #expect(product.isApproximatelyEqual(to: explanation.backward.gradients[w1], relativeTolerance: 1e-12))

        // And the gradient against central finite differences of the program itself.
        let h = 1e-6, at = try value("w1")
        let up = try Self.run(at: ["w1": at + h]), down = try Self.run(at: ["w1": at - h])
        let numeric = (up.tape.value(of: up.output) - down.tape.value(of: down.output)) / (2 * h)
        #expect(numeric.isApproximatelyEqual(to: product, relativeTolerance: 1e-7))
    }
}
