import ChainTrace

/// The backprop-from-scratch article's algorithm, function by function, with the forward pass
/// recorded on a trace and the weight gradients taken from the engine's backward pass.
///
/// The article's deltas are still computed by its own formulas (``backwardPropagateError(_:expected:)``),
/// so they can be set beside the engine's gradients: a neuron's delta is the gradient at its
/// activation node, and a weight's gradient is that delta times the input on the weight's edge.
public enum BackpropFromScratch {
    /// `initialize_network`: one ``Neuron`` per weight list (bias last).
    public static func initializeNetwork(_ weights: [[[Double]]] = ArticleSetup.initialWeights) -> Network {
        weights.map { layer in layer.map { Neuron(weights: $0) } }
    }

    /// `forward_propagate` for one row, recorded: every weight is a named input in the scope
    /// `hidden/neuronN` or `output/neuronN`; stores each neuron's output in `network`.
    ///
    /// `row` holds the features followed by the class label, as the article's rows do.
    public static func traceRow(_ network: inout Network, row: [Double]) -> RowPass {
        let outputCount = network[network.count - 1].count
        let features = Array(row.dropLast())
        let label = Int(row[row.count - 1])
        precondition((0 ..< outputCount).contains(label), "class label \(label) needs an output neuron (there are \(outputCount))")
        let expected = (0 ..< outputCount).map { $0 == label ? 1.0 : 0.0 }

        let trace = Trace()
        var inputs = trace.scope("input") { features.enumerated().map { trace.input("x\($0.offset)", $0.element) } }
        let featureNodes = inputs.compactMap(\.id)
        var neurons: [[NeuronNodes]] = []
        for layer in network.indices {
            let isOutput = layer == network.count - 1
            let layerName = isOutput ? "output" : (network.count > 2 ? "hidden\(layer)" : "hidden")
            var outputs: [Traced] = []
            var nodes: [NeuronNodes] = []
            for index in network[layer].indices {
                let name = (isOutput ? "o" : "h") + "\(index)"
                let (output, neuronNodes) = trace.scope(layerName) {
                    trace.scope("neuron\(index)") {
                        neuron(network[layer][index], name: name, inputs: inputs, on: trace)
                    }
                }
                network[layer][index].output = output.value
                outputs.append(output)
                nodes.append(neuronNodes)
            }
            neurons.append(nodes)
            inputs = outputs
        }
        let loss = trace.scope("loss") { halfSquaredError(outputs: inputs, expected: expected, on: trace) }
        return RowPass(document: TraceDocument(trace, differentiating: loss), features: featureNodes,
                       neurons: neurons, loss: loss.id ?? 0, expected: expected)
    }

    /// The article's `activate` and `transfer`: output = σ(bias + Σ weightᵢ · inputᵢ).
    static func neuron(_ neuron: Neuron, name: String, inputs: [Traced], on trace: Trace) -> (Traced, NeuronNodes) {
        precondition(neuron.weights.count == inputs.count + 1, "neuron \(name) has \(neuron.weights.count) weights for \(inputs.count) inputs plus a bias")
        let last = neuron.weights.count - 1
        let weights = neuron.weights.indices.map { i in
            trace.input(i == last ? "\(name).bias" : "\(name).w\(i)", neuron.weights[i])
        }
        var activation = weights[last]
        for i in inputs.indices {
            activation = activation + weights[i] * inputs[i]
        }
        activation = activation.named("\(name).activation")
        let output = sigmoid(activation).named("\(name).output")
        let nodes = NeuronNodes(name: name, weights: weights.compactMap(\.id), inputs: inputs.compactMap(\.id),
                                activation: activation.id ?? 0, output: output.id ?? 0)
        return (output, nodes)
    }

    /// The loss whose gradient the article's updates follow: ½ Σ (expected − output)².
    static func halfSquaredError(outputs: [Traced], expected: [Double], on trace: Trace) -> Traced {
        var sum: Traced?
        for k in outputs.indices {
            let target = trace.constant(expected[k], name: "expected\(k)")
            let term = pow((target - outputs[k]).named("error\(k)"), 2)
            sum = sum.map { $0 + term } ?? term
        }
        return (0.5 * (sum ?? 0)).named("loss")
    }

    /// `backward_propagate_error`, by the article's formulas in plain arithmetic: for an output
    /// neuron delta = (output − expected) · output · (1 − output); for a hidden neuron
    /// delta = (Σ next-layer weight-to-it · their delta) · output · (1 − output).
    public static func backwardPropagateError(_ network: inout Network, expected: [Double]) {
        for layer in network.indices.reversed() {
            var errors: [Double] = []
            if layer != network.count - 1 {
                for j in network[layer].indices {
                    var error = 0.0
                    for next in network[layer + 1] {
                        error += next.weights[j] * next.delta
                    }
                    errors.append(error)
                }
            } else {
                for j in network[layer].indices {
                    errors.append(network[layer][j].output - expected[j])
                }
            }
            for j in network[layer].indices {
                let output = network[layer][j].output
                network[layer][j].delta = errors[j] * (output * (1 - output))
            }
        }
    }

    /// `update_weights`, with each step the engine's gradient: weight −= rate · ∂loss/∂weight
    /// (which is the article's rate · delta · input). Returns every change, in network order.
    @discardableResult
    public static func updateWeights(_ network: inout Network, pass: RowPass, rate: Double) -> [WeightChange] {
        var changes: [WeightChange] = []
        for layer in network.indices {
            for index in network[layer].indices {
                let nodes = pass.neurons[layer][index]
                for weight in network[layer][index].weights.indices {
                    let before = network[layer][index].weights[weight]
                    let gradient = pass.weightGradient(layer: layer, neuron: index, weight: weight)
                    network[layer][index].weights[weight] = before - rate * gradient
                    changes.append(WeightChange(
                        name: pass.document.tape.name(of: nodes.weights[weight]) ?? nodes.name,
                        delta: pass.delta(layer: layer, neuron: index),
                        input: pass.inputValue(layer: layer, neuron: index, weight: weight),
                        gradient: gradient, before: before, after: network[layer][index].weights[weight]))
                }
            }
        }
        return changes
    }

    /// `train_network`: online gradient descent, one traced row at a time, calling `onEpoch`
    /// with each epoch's number and error Σ over rows of Σ (expected − output)².
    public static func trainNetwork(
        _ network: inout Network, rows: [[Double]] = ArticleSetup.dataset, rate: Double = ArticleSetup.learningRate,
        epochs: Int = ArticleSetup.epochs, onEpoch: (Int, Double) -> Void = { _, _ in }
    ) -> Training {
        precondition(!rows.isEmpty && epochs > 0, "training needs at least one row and one epoch")
        var epochErrors: [Double] = []
        var first: (pass: RowPass, deltas: [[NeuronDelta]], update: [WeightChange])?
        for epoch in 0 ..< epochs {
            var sumError = 0.0
            for row in rows {
                let pass = traceRow(&network, row: row)
                sumError += pass.squaredError
                backwardPropagateError(&network, expected: pass.expected)
                let deltas = neuronDeltas(network, pass: pass)
                let update = updateWeights(&network, pass: pass, rate: rate)
                if first == nil { first = (pass, deltas, update) }
            }
            epochErrors.append(sumError)
            onEpoch(epoch, sumError)
        }
        var trained = network
        let finalPass = traceRow(&trained, row: rows[0])
        guard let first else { preconditionFailure("unreachable: at least one row was trained") }
        return Training(epochErrors: epochErrors, rate: rate, network: network, firstRow: first.pass,
                        firstDeltas: first.deltas, firstUpdate: first.update, finalPass: finalPass)
    }

    /// The article's deltas (already stored in `network`) beside the engine's numbers for the same row.
    public static func neuronDeltas(_ network: Network, pass: RowPass) -> [[NeuronDelta]] {
        let tape = pass.document.tape
        return network.indices.map { layer in
            network[layer].indices.map { index in
                let nodes = pass.neurons[layer][index]
                return NeuronDelta(
                    name: nodes.name, articleDelta: network[layer][index].delta,
                    error: pass.gradient(nodes.output),
                    activationSlope: tape.partial(of: tape.edges(of: nodes.output).lowerBound),
                    gradientAtActivation: pass.gradient(nodes.activation))
            }
        }
    }
}
