import ChainTrace
import ChainTraceExamples
import RealModule
import Testing

@Suite struct BackpropFromScratchTests {
    @Test func deltasEqualTheArticleFormulasComputedIndependently() {
        var network = BackpropFromScratch.initializeNetwork()
        var reference = ArticleReference(weights: ArticleSetup.initialWeights)
        for row in ArticleSetup.dataset.prefix(3) {
            let pass = BackpropFromScratch.traceRow(&network, row: row)
            let outputs = reference.forward(row)
            reference.backward(expected: pass.expected)
            for (a, b) in zip(pass.outputs, outputs) { #expect(a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-12, relativeTolerance: 1e-12)) }
            for layer in network.indices {
                for index in network[layer].indices {
                    #expect(pass.delta(layer: layer, neuron: index).isApproximatelyEqual(to: reference.layers[layer][index].delta, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
                }
            }
            BackpropFromScratch.updateWeights(&network, pass: pass, rate: ArticleSetup.learningRate)
            reference.update(row, rate: ArticleSetup.learningRate)
        }
    }

    @Test func deltaIsErrorTimesSlopeAndWeightGradientIsDeltaTimesInput() {
        var network = BackpropFromScratch.initializeNetwork()
        let pass = BackpropFromScratch.traceRow(&network, row: ArticleSetup.dataset[0])
        BackpropFromScratch.backwardPropagateError(&network, expected: pass.expected)
        for delta in BackpropFromScratch.neuronDeltas(network, pass: pass).joined() {
            #expect(delta.gradientAtActivation.isApproximatelyEqual(to: delta.error * delta.activationSlope, absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
            #expect(delta.gradientAtActivation.isApproximatelyEqual(to: delta.articleDelta, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        }
        let changes = BackpropFromScratch.updateWeights(&network, pass: pass, rate: 0.5)
        #expect(changes.count == 12)
        for change in changes {
            #expect(change.gradient.isApproximatelyEqual(to: change.delta * change.input, absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
            #expect(change.after.isApproximatelyEqual(to: change.before - 0.5 * change.delta * change.input, absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
        }
    }

    @Test func hiddenErrorIsTheBranchSumOfWeightTimesDelta() {
        var network = BackpropFromScratch.initializeNetwork()
        let pass = BackpropFromScratch.traceRow(&network, row: ArticleSetup.dataset[5])
        BackpropFromScratch.backwardPropagateError(&network, expected: pass.expected)
        guard let backward = pass.document.backward else { Issue.record("no backward pass"); return }
        let arrivals = backward.arrivals(on: pass.document.tape)
        for (j, hidden) in pass.neurons[0].enumerated() {
            #expect(arrivals[hidden.output].count == 2)
            let articleError = network[1].reduce(0) { $0 + $1.weights[j] * $1.delta }
            #expect(pass.gradient(hidden.output).isApproximatelyEqual(to: articleError, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        }
    }

    @Test func epochErrorsMatchAnIndependentReimplementationAndTheArticle() {
        var network = BackpropFromScratch.initializeNetwork()
        var printed: [Int] = []
        let training = BackpropFromScratch.trainNetwork(&network) { epoch, _ in printed.append(epoch) }
        var reference = ArticleReference(weights: ArticleSetup.initialWeights)
        let expected = reference.train(ArticleSetup.dataset, rate: 0.5, epochs: 20, outputs: 2)
        #expect(printed == Array(0 ..< 20))
        #expect(training.epochErrors.count == 20)
        for (a, b) in zip(training.epochErrors, expected) { #expect(a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-9, relativeTolerance: 1e-9)) }
        // The article prints error=6.350 for epoch 0.
        #expect(Swift.abs(training.epochErrors[0] - 6.350) < 0.0005)
        for (previous, next) in zip(training.epochErrors, training.epochErrors.dropFirst()) { #expect(next < previous) }
        for (layer, neurons) in network.enumerated() {
            for (index, neuron) in neurons.enumerated() {
                for (a, b) in zip(neuron.weights, reference.layers[layer][index].weights) { #expect(a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-9, relativeTolerance: 1e-9)) }
            }
        }
    }

    @Test func tracesAreValidAndScopedPerNeuron() {
        var network = BackpropFromScratch.initializeNetwork()
        let pass = BackpropFromScratch.traceRow(&network, row: ArticleSetup.dataset[0])
        let tape = pass.document.tape
        #expect(tape.validate().isEmpty)
        #expect(tape.scope(of: pass.neurons[0][1].activation) == ["hidden", "neuron1"])
        #expect(tape.scope(of: pass.neurons[1][0].weights[2]) == ["output", "neuron0"])
        #expect(tape.name(of: pass.neurons[1][0].weights[2]) == "o0.bias")
        #expect(tape.value(of: pass.loss).isApproximatelyEqual(to: pass.squaredError / 2, absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
    }

    @Test func csvTablesHaveOneLinePerItem() {
        var network = BackpropFromScratch.initializeNetwork()
        let training = BackpropFromScratch.trainNetwork(&network, epochs: 2)
        let errors = TrainingTables.errors(training).split(separator: "\n")
        #expect(errors.count == 3)
        #expect(errors[0] == "epoch,lrate,error")
        #expect(errors[1].hasPrefix("0,0.5,6.35"))
        #expect(TrainingTables.deltas(training.firstDeltas).split(separator: "\n").count == 5)
        #expect(TrainingTables.update(training.firstUpdate).split(separator: "\n").count == 13)
    }
}
