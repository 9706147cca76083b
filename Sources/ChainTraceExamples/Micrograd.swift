import ChainTrace

/// micrograd-style models with tanh: the single neuron of its walkthrough, and a small MLP.
public enum Micrograd {
    /// The walkthrough's neuron: o = tanh(x1·w1 + x2·w2 + b) with x1 = 2, x2 = 0, w1 = −3, w2 = 1,
    /// b = 6.8813735870195432; ∂o/∂n = 1 − o² = 0.5, so ∂o/∂w1 = 0.5·x1 = 1 and ∂o/∂x1 = 0.5·w1 = −1.5.
    public static func neuronExample() -> ExampleTrace {
        let trace = Trace()
        let x1 = trace.input("x1", 2), x2 = trace.input("x2", 0)
        let w1 = trace.input("w1", -3), w2 = trace.input("w2", 1)
        let b = trace.input("b", 6.8813735870195432)
        let x1w1 = (x1 * w1).named("x1w1"), x2w2 = (x2 * w2).named("x2w2")
        let n = (x1w1 + x2w2 + b).named("n")
        let o = tanh(n).named("o")
        let text = { (v: Double) in NumberText.significant(v, digits: 4) }
        let explanation = """
            One neuron: n = x1·w1 + x2·w2 + b, o = tanh(n). The local partial of tanh is 1 − o² = \
            \(text(1 - o.value * o.value)); the additions pass that gradient unchanged to x1w1, x2w2 and b; \
            each product sends its other factor: ∂o/∂w1 = 0.5 · x1 = 1, ∂o/∂x1 = 0.5 · w1 = −1.5, \
            and ∂o/∂w2 = 0.5 · x2 = 0, so w2 gets no gradient because its input is 0.
            """
        return ExampleTrace(slug: "micrograd-neuron", title: "A micrograd neuron: o = tanh(x·w + b)",
                            explanation: explanation, document: TraceDocument(trace, differentiating: o))
    }

    /// micrograd's four training examples (three features) and their targets.
    public static let examples: [[Double]] = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]]
    /// The targets of ``examples``.
    public static let targets: [Double] = [1, -1, -1, 1]
    /// The layer sizes of the MLP: 3 inputs, two hidden layers of 4, one output.
    public static let sizes = [3, 4, 4, 1]

    /// The MLP's starting parameters, per layer, per neuron: weights then bias, uniform in [−1, 1).
    public static func initialParameters(seed: UInt64 = 1) -> [[[Double]]] {
        var generator = SplitMix64(seed: seed)
        return (1 ..< sizes.count).map { layer in
            (0 ..< sizes[layer]).map { _ in (0 ... sizes[layer - 1]).map { _ in generator.nextSigned() } }
        }
    }

    /// Traces the loss Σ (prediction − target)² of the MLP over the four examples; every neuron is
    /// tanh(b + Σ wᵢ·xᵢ) in the scope `layerL/neuronN`, every parameter a named input.
    public static func loss(parameters: [[[Double]]]) -> (document: TraceDocument, parameterNodes: [[[NodeID]]], predictions: [Double]) {
        let trace = Trace()
        let nodes = parameters.enumerated().map { layer, neurons in
            neurons.enumerated().map { index, weights in
                trace.scope("layer\(layer)") {
                    trace.scope("neuron\(index)") {
                        weights.indices.map { i in
                            trace.input(i == weights.count - 1 ? "L\(layer).N\(index).b" : "L\(layer).N\(index).w\(i)", weights[i])
                        }
                    }
                }
            }
        }
        var total: Traced?
        var predictions: [Double] = []
        for (row, features) in examples.enumerated() {
            var activations = features.enumerated().map { trace.constant($0.element, name: "x\(row).\($0.offset)") }
            for (layer, neurons) in nodes.enumerated() {
                activations = neurons.enumerated().map { index, parameters in
                    trace.scope("layer\(layer)") {
                        trace.scope("neuron\(index)") {
                            // b + w₀·x₀ + w₁·x₁ + …: the last parameter is the bias.
                            tanh(weightedSum(parameters.dropLast(), activations, bias: parameters[parameters.count - 1]))
                        }
                    }
                }
            }
            let prediction = activations[0].named("ypred\(row)")
            predictions.append(prediction.value)
            let term = trace.scope("loss") { pow(prediction - trace.constant(targets[row], name: "y\(row)"), 2) }
            total = total.map { $0 + term } ?? term
        }
        let loss = (total ?? 0).named("loss")
        return (TraceDocument(trace, differentiating: loss), nodes.map { $0.map { $0.compactMap(\.id) } }, predictions)
    }

    /// Gradient descent on the MLP: `steps` full-batch steps of parameter −= rate · gradient.
    /// Returns the loss before each step and after the last.
    public static func train(steps: Int = 20, rate: Double = 0.05, seed: UInt64 = 1) -> [Double] {
        var parameters = initialParameters(seed: seed)
        var losses: [Double] = []
        for _ in 0 ..< steps {
            let pass = loss(parameters: parameters)
            guard let backward = pass.document.backward else { break }
            losses.append(pass.document.tape.value(of: backward.output))
            for layer in parameters.indices {
                for neuron in parameters[layer].indices {
                    for i in parameters[layer][neuron].indices {
                        parameters[layer][neuron][i] -= rate * backward.gradients[pass.parameterNodes[layer][neuron][i]]
                    }
                }
            }
        }
        let last = loss(parameters: parameters).document
        losses.append(last.tape.value(of: last.outputs[0]))
        return losses
    }

    /// The MLP's loss over micrograd's four examples, traced with its starting parameters.
    public static func mlpExample(seed: UInt64 = 1) -> ExampleTrace {
        let pass = loss(parameters: initialParameters(seed: seed))
        let explanation = """
            A 3-4-4-1 tanh MLP on micrograd's four examples, loss = Σ (ypred − y)². Every parameter is used \
            once per example, so each is a branch point with four contributions, one per example; its \
            gradient is their sum. A hidden neuron's output feeds every neuron of the next layer, so its \
            gradient too is a sum of contributions, one per consumer.
            """
        return ExampleTrace(slug: "micrograd-mlp", title: "A small tanh MLP, micrograd style",
                            explanation: explanation, document: pass.document)
    }
}
