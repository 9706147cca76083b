/// A neuron as the article keeps it: its weights (the bias last) and, after a row, its output and delta.
public struct Neuron: Sendable, Equatable {
    /// The input weights followed by the bias.
    public var weights: [Double]
    /// The output of the latest forward pass: σ(activation).
    public var output: Double = 0
    /// The latest delta, ∂loss/∂activation, by the article's formula.
    public var delta: Double = 0

    /// A neuron with the given weights (bias last).
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "a neuron needs at least its bias weight")
        self.weights = weights
    }

    /// The bias: the last weight.
    public var bias: Double { weights[weights.count - 1] }
}

/// The article's network: layers of neurons, the first layer reading the row's features.
public typealias Network = [[Neuron]]
