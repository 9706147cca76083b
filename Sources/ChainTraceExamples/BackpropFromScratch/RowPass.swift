import ChainTrace

/// Where one neuron's quantities sit on a row's tape.
public struct NeuronNodes: Sendable, Equatable {
    /// The neuron's display name: `h0`, `h1` in the hidden layer, `o0`, `o1` in the output layer.
    public let name: String
    /// The input nodes of its weights, the bias last.
    public let weights: [NodeID]
    /// For each weight but the bias, the node it multiplies (a feature or a previous neuron's output).
    public let inputs: [NodeID]
    /// The activation, bias + Σ weightᵢ · inputᵢ.
    public let activation: NodeID
    /// The output σ(activation).
    public let output: NodeID
}

/// One row through the engine: the traced forward pass, the loss ½Σ(expected − output)², and
/// the backward pass from the loss.
public struct RowPass: Sendable {
    /// The tape and the backward pass from the loss.
    public let document: TraceDocument
    /// The feature input nodes, `x0`, `x1`.
    public let features: [NodeID]
    /// Per layer, per neuron, where its quantities are.
    public let neurons: [[NeuronNodes]]
    /// The loss node.
    public let loss: NodeID
    /// The one-hot expected outputs.
    public let expected: [Double]

    /// The output layer's values.
    public var outputs: [Double] {
        neurons[neurons.count - 1].map { document.tape.value(of: $0.output) }
    }

    /// The article's error term for the row, Σ(expected − output)² (twice the loss).
    public var squaredError: Double {
        zip(expected, outputs).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// The gradient of a node: ∂loss/∂node.
    public func gradient(_ node: NodeID) -> Double {
        document.backward?.gradients[node] ?? 0
    }

    /// A neuron's delta as the engine finds it: the gradient at its activation node, ∂loss/∂activation.
    public func delta(layer: Int, neuron: Int) -> Double {
        gradient(neurons[layer][neuron].activation)
    }

    /// A weight's gradient ∂loss/∂weight as the engine finds it (index `weights.count − 1` is the bias).
    public func weightGradient(layer: Int, neuron: Int, weight: Int) -> Double {
        gradient(neurons[layer][neuron].weights[weight])
    }

    /// The value on the edge a weight multiplies (1 for the bias, which multiplies nothing).
    public func inputValue(layer: Int, neuron: Int, weight: Int) -> Double {
        let nodes = neurons[layer][neuron]
        return weight < nodes.inputs.count ? document.tape.value(of: nodes.inputs[weight]) : 1
    }
}
