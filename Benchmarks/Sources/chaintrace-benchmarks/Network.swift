import ChainTrace

/// micrograd's demo network, `MLP(2, [16, 16, 1])`: ReLU hidden layers, a linear output, and its
/// loss, the max-margin mean(relu(1 − yᵢ·scoreᵢ)) plus alpha·Σp² with alpha = 1e-4.
struct Network {
    /// The layer widths, input first.
    let sizes: [Int]
    /// Every parameter, in micrograd's `model.parameters()` order: per layer, per neuron, its
    /// weights then its bias.
    var parameters: [Double]

    /// The L2 weight of the loss.
    static let alpha = 1e-4

    /// Weights uniform in [−1, 1) from a fixed seed and biases 0, as micrograd's `Neuron` starts.
    init(sizes: [Int] = [2, 16, 16, 1], seed: UInt64 = 1) {
        self.sizes = sizes
        var generator = SplitMix64(seed: seed)
        parameters = []
        for layer in 1 ..< sizes.count {
            for _ in 0 ..< sizes[layer] {
                for _ in 0 ..< sizes[layer - 1] { parameters.append(generator.nextSigned()) }
                parameters.append(0)
            }
        }
    }

    /// Names for the parameters, `w1_3_0` (layer 1, neuron 3, weight 0) and `b1_3`, in ``parameters`` order.
    var parameterNames: [String] {
        var names: [String] = []
        for layer in 1 ..< sizes.count {
            for neuron in 0 ..< sizes[layer] {
                for i in 0 ..< sizes[layer - 1] { names.append("w\(layer)_\(neuron)_\(i)") }
                names.append("b\(layer)_\(neuron)")
            }
        }
        return names
    }

    /// Whether `layer` (1-based, as in ``sizes``) applies ReLU: every layer but the last.
    func isHidden(_ layer: Int) -> Bool { layer < sizes.count - 1 }
}
