import ChainTrace
import ChainTraceExamples
import ChainTraceFormat
import ChainTraceLanguage
import Foundation
import RealModule
import Testing

/// The gradient of the input named `name` in an example's backward pass.
func gradient(of name: String, in document: TraceDocument) throws -> Double {
    let node = try #require((0 ..< document.tape.count).first { document.tape.name(of: $0) == name })
    return try #require(document.backward).gradients[node]
}

@Suite struct SampleTests {
    @Test func compositeChainIsSixXTimesUSquared() throws {
        let document = CompositeChain.example(x: 2).document
        #expect(try gradient(of: "x", in: document) == 300)
        #expect(try gradient(of: "u", in: document) == 75)
    }

    @Test func totalDerivativeIsTheSumOfItsTwoPaths() throws {
        let document = TotalDerivative.example(t: 1.5).document
        let backward = try #require(document.backward)
        let t = try #require((0 ..< document.tape.count).first { document.tape.name(of: $0) == "t" })
        let contributions = backward.arrivals(on: document.tape)[t].map { backward.contribution(of: $0, on: document.tape) }
        let paths = TotalDerivative.pathProducts(t: 1.5)
        #expect(contributions.count == 2)
        #expect(contributions.sorted()[0].isApproximatelyEqual(to: min(paths.throughX, paths.throughY), absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
        #expect(contributions.sorted()[1].isApproximatelyEqual(to: max(paths.throughX, paths.throughY), absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
        #expect(backward.gradients[t].isApproximatelyEqual(to: paths.throughX + paths.throughY, absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
    }

    @Test func colahBranchSumsTwoPaths() throws {
        let document = ColahBranch.example().document
        #expect(try gradient(of: "b", in: document) == 5)
        #expect(try gradient(of: "a", in: document) == 2)
    }

    @Test func microgradNeuronHasTheWalkthroughGradients() throws {
        let document = Micrograd.neuronExample().document
        #expect((try gradient(of: "w1", in: document)).isApproximatelyEqual(to: 1, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect((try gradient(of: "x1", in: document)).isApproximatelyEqual(to: -1.5, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect((try gradient(of: "x2", in: document)).isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(try gradient(of: "w2", in: document) == 0)
    }

    @Test func microgradMLPLossDecreasesAndGradientsMatchFiniteDifferences() throws {
        let losses = Micrograd.train(steps: 10, rate: 0.05)
        #expect(losses.count == 11)
        #expect(losses[10] < losses[0] / 2)
        var parameters = Micrograd.initialParameters()
        let pass = Micrograd.loss(parameters: parameters)
        let analytic = try #require(pass.document.backward).gradients[pass.parameterNodes[1][2][3]]
        let h = 1e-6
        parameters[1][2][3] += h
        let up = Micrograd.loss(parameters: parameters).document
        parameters[1][2][3] -= 2 * h
        let down = Micrograd.loss(parameters: parameters).document
        let numeric = (up.tape.value(of: up.outputs[0]) - down.tape.value(of: down.outputs[0])) / (2 * h)
        #expect(analytic.isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }

    @Test func softmaxGradientIsProbabilityMinusTarget() throws {
        let logits = [2.0, 1, 0.1], target = [0.7, 0.2, 0.1]
        let document = SoftmaxCrossEntropy.example(logits: logits, target: target).document
        let expected = SoftmaxCrossEntropy.closedForm(logits: logits, target: target).gradient
        for i in 0 ..< 3 {
            #expect((try gradient(of: "z\(i)", in: document)).isApproximatelyEqual(to: expected[i], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        }
        let backward = try #require(document.backward)
        let sum = try #require((0 ..< document.tape.count).first { document.tape.name(of: $0) == "sum" })
        #expect(backward.arrivals(on: document.tape)[sum].count == 3)
    }

    @Test func sharedWeightGradientIsTheSumOverItsUses() throws {
        let document = SharedWeights.example().document
        let backward = try #require(document.backward)
        let w = try #require((0 ..< document.tape.count).first { document.tape.name(of: $0) == "w" })
        let uses = backward.arrivals(on: document.tape)[w]
        #expect(uses.count == 3)
        let contributions = uses.map { backward.contribution(of: $0, on: document.tape) }
        #expect(Set(contributions).count == 3)
        #expect(backward.gradients[w].isApproximatelyEqual(to: contributions.reduce(0, +), absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
        let h = 1e-6
        let numeric = (SharedWeights.loss(w: 0.8 + h, u: 0.6, h0: 0.5, inputs: [1, -0.5, 0.8], target: 0.3)
            - SharedWeights.loss(w: 0.8 - h, u: 0.6, h0: 0.5, inputs: [1, -0.5, 0.8], target: 0.3)) / (2 * h)
        #expect(backward.gradients[w].isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-7, relativeTolerance: 1e-7))
    }

    @Test func vanishingGradientShrinksByAtMostAQuarterPerLink() throws {
        let document = VanishingGradient.example(x: 0.5, depth: 10).document
        let gradients = try (0 ... 10).map { try gradient(of: "a\($0)", in: document) }
        for k in 0 ..< 10 {
            #expect(gradients[k] > 0 && gradients[k] <= gradients[k + 1] / 4)
        }
        #expect(gradients[0] < 1e-6)
    }

    @Test func galleryTracesAreValidDeterministicAndUniquelyNamed() {
        let first = ExampleGallery.all(), second = ExampleGallery.all()
        #expect(Set(first.map(\.slug)).count == first.count)
        for (a, b) in zip(first, second) {
            #expect(a.document.tape.validate().isEmpty)
            #expect(TraceJSONWriter.json(a.document) == TraceJSONWriter.json(b.document))
            #expect(a.explanation == b.explanation)
        }
    }

    @Test func everyProgramSampleRuns() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".ct") }.sorted()
        #expect(files.count >= 8)
        for file in files {
            let source = try String(contentsOf: samples.appendingPathComponent(file), encoding: .utf8)
            let run = try Program(source: source, file: file).run()
            let backward = Backward(tape: run.tape, from: run.output)
            #expect(run.tape.validate().isEmpty, "\(file)")
            #expect(backward.gradients.allSatisfy { $0.isFinite }, "\(file)")
        }
    }

    @Test func programSamplesAgreeWithTheSwiftSamples() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples")
        let source = try String(contentsOf: samples.appendingPathComponent("article-first-row.ct"), encoding: .utf8)
        let run = try Program(source: source, file: "article-first-row.ct").run()
        let backward = Backward(tape: run.tape, from: run.output)
        var network = BackpropFromScratch.initializeNetwork()
        let pass = BackpropFromScratch.traceRow(&network, row: ArticleSetup.dataset[0])
        for (name, layer, neuron) in [("h0act", 0, 0), ("h1act", 0, 1), ("o0act", 1, 0), ("o1act", 1, 1)] {
            let node = try #require(run.bindings[name])
            #expect(backward.gradients[node].isApproximatelyEqual(to: pass.delta(layer: layer, neuron: neuron), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        }
    }
}
