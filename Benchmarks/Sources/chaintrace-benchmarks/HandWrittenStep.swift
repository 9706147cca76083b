extension Network {
    /// The same loss and gradient with nothing recorded: a plain forward pass that keeps each
    /// layer's pre-activations, then the backward pass written out by hand.
    func handWrittenStep(on moons: Moons) -> (loss: Double, gradients: [Double]) {
        var gradients = [Double](repeating: 0, count: parameters.count)
        let layers = sizes.count - 1
        let scale = 1 / Double(moons.points.count)
        // Per layer: its pre-activations z and activations a for the current point.
        var z = (0 ... layers).map { [Double](repeating: 0, count: sizes[$0]) }
        var a = z
        var delta = z
        var offsets = [0]
        for layer in 1 ... layers { offsets.append(offsets[layer - 1] + sizes[layer] * (sizes[layer - 1] + 1)) }
        var total = 0.0
        for (point, label) in zip(moons.points, moons.labels) {
            a[0][0] = point.0
            a[0][1] = point.1
            for layer in 1 ... layers {
                let fanIn = sizes[layer - 1]
                for neuron in 0 ..< sizes[layer] {
                    let base = offsets[layer - 1] + neuron * (fanIn + 1)
                    var sum = parameters[base + fanIn]
                    for i in 0 ..< fanIn { sum += parameters[base + i] * a[layer - 1][i] }
                    z[layer][neuron] = sum
                    a[layer][neuron] = isHidden(layer) ? max(sum, 0) : sum
                }
            }
            let margin = a[layers][0] * -label + 1
            total += max(margin, 0)
            // ∂loss/∂score = scale · relu′(margin) · (−y).
            delta[layers][0] = margin > 0 ? scale * -label : 0
            for layer in stride(from: layers, through: 1, by: -1) {
                let fanIn = sizes[layer - 1]
                for i in 0 ..< fanIn { delta[layer - 1][i] = 0 }
                for neuron in 0 ..< sizes[layer] {
                    let base = offsets[layer - 1] + neuron * (fanIn + 1)
                    let d = delta[layer][neuron]
                    gradients[base + fanIn] += d
                    for i in 0 ..< fanIn {
                        gradients[base + i] += d * a[layer - 1][i]
                        delta[layer - 1][i] += d * parameters[base + i]
                    }
                }
                if layer > 1 {
                    for i in 0 ..< fanIn where z[layer - 1][i] <= 0 { delta[layer - 1][i] = 0 }
                }
            }
        }
        var squares = 0.0
        for (index, parameter) in parameters.enumerated() {
            squares += parameter * parameter
            gradients[index] += 2 * Self.alpha * parameter
        }
        return (total * scale + squares * Self.alpha, gradients)
    }
}
