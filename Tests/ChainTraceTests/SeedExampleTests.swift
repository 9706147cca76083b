import ChainTrace
import ChainTraceLanguage
import Foundation
import RealModule
import Testing

/// The examples of the seed documents, by hand and through the engine.
struct SeedExampleTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples").standardized

    static func run(_ file: String, inputs: [String: Double] = [:]) throws -> ProgramRun {
        let url = samples.appendingPathComponent(file)
        return try Program(source: String(contentsOf: url, encoding: .utf8), file: file).run(inputs: inputs)
    }

    @Test func singleVariableChainRule() throws {
        let run = try Self.run("chain.ct")
        let backward = Backward(tape: run.tape, from: run.output)
        let x = try #require(run.bindings["x"]), u = try #require(run.bindings["u"])
        // d/dx (x²+1)³ = 6x(x²+1)² = 300 at x = 2; dy/du = 3u² = 75.
        #expect(backward.gradients[x].isApproximatelyEqual(to: 6 * 2 * 25, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(backward.gradients[x].isApproximatelyEqual(to: 300, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(backward.gradients[u].isApproximatelyEqual(to: 75, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(run.tape.value(of: run.output).isApproximatelyEqual(to: 125, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }

    @Test(arguments: [0.3, 0.7, 1.9])
    func multivariableTotalDerivative(t: Double) throws {
        let run = try Self.run("total-derivative.ct", inputs: ["t": t])
        let backward = Backward(tape: run.tape, from: run.output)
        // z = x·y + x², x = cos t, y = eᵗ: dz/dt = ∂z/∂x·dx/dt + ∂z/∂y·dy/dt.
        let x = cos(t), y = exp(t)
        let byHand = (y + 2 * x) * -sin(t) + x * exp(t)
        #expect(backward.gradients[try #require(run.bindings["t"])].isApproximatelyEqual(to: byHand, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(backward.gradients[try #require(run.bindings["x"])].isApproximatelyEqual(to: y + 2 * x, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(backward.gradients[try #require(run.bindings["y"])].isApproximatelyEqual(to: x, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
    }

    @Test func swiftAPIReadsLikeTheMaths() {
        let trace = Trace()
        let x = trace.input("x", 2)
        let u = (x * x + 1).named("u")
        let y = pow(u, 3).named("y")
        let result = trace.backward(from: y)
        #expect(result.gradients[x.id ?? -1].isApproximatelyEqual(to: 300, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(result.gradients[u.id ?? -1].isApproximatelyEqual(to: 75, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(trace.tape.validate().isEmpty)
    }
}
