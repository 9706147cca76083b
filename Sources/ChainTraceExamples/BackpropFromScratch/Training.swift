/// One neuron's delta two ways: the article's formula and the engine's chain-rule product.
public struct NeuronDelta: Sendable, Equatable {
    /// The neuron's name (`h0`, `o1`).
    public let name: String
    /// The delta by the article's formula.
    public let articleDelta: Double
    /// ∂loss/∂output, the gradient at the output node (for a hidden neuron, the sum over its
    /// consumers, which is the article's Σ weight · delta).
    public let error: Double
    /// The local partial of the sigmoid edge, σ′(activation) = output · (1 − output).
    public let activationSlope: Double
    /// ∂loss/∂activation, the gradient at the activation node: error × activation slope.
    public let gradientAtActivation: Double
}

/// One weight's update step: weight −= rate · gradient, where gradient = delta × input.
public struct WeightChange: Sendable, Equatable {
    /// The weight's node name (`h0.w1`, `o0.bias`).
    public let name: String
    /// The consuming neuron's delta, ∂loss/∂activation.
    public let delta: Double
    /// The value on the weight's edge (1 for a bias).
    public let input: Double
    /// ∂loss/∂weight as the engine found it.
    public let gradient: Double
    /// The weight before the step.
    public let before: Double
    /// The weight after the step.
    public let after: Double
}

/// The result of training: the error per epoch, the trained network, and the first row's
/// pass, deltas and update kept for showing.
public struct Training: Sendable {
    /// Each epoch's error, Σ over rows of Σ (expected − output)², measured before each row's update.
    public let epochErrors: [Double]
    /// The learning rate used.
    public let rate: Double
    /// The trained network.
    public let network: Network
    /// Epoch 0's first row: forward pass and backward pass from the loss, before its update.
    public let firstRow: RowPass
    /// That row's deltas, the article's beside the engine's.
    public let firstDeltas: [[NeuronDelta]]
    /// That row's weight update step.
    public let firstUpdate: [WeightChange]
    /// The trained network's forward and backward pass on the first row.
    public let finalPass: RowPass
}
