import ChainTrace

extension Network {
    /// micrograd's `loss()` through the library: every parameter a named input, every coordinate
    /// a constant leaf (micrograd's `Value(x)`), every operation recorded with its local partials.
    /// Operations run in micrograd's order, so the values agree with micrograd's to rounding.
    /// A neuron's sum is written with the operators (`sum = sum + w * x`, as micrograd's `Neuron`
    /// does) or, with `weightedSums`, with the library's `weightedSum`, which records the same nodes.
    func tracedLoss(on moons: Moons, trace: Trace, names: [String], weightedSums: Bool = false) -> (loss: Traced, parameters: [Traced]) {
        let inputs = parameters.indices.map { trace.input(names[$0], parameters[$0]) }
        var total: Traced = 0
        for (point, label) in zip(moons.points, moons.labels) {
            var activations = [trace.constant(point.0), trace.constant(point.1)]
            var offset = 0
            for layer in 1 ..< sizes.count {
                let fanIn = sizes[layer - 1]
                var next: [Traced] = []
                next.reserveCapacity(sizes[layer])
                for _ in 0 ..< sizes[layer] {
                    let sum: Traced
                    if weightedSums {
                        sum = weightedSum(inputs[offset ..< offset + fanIn], activations, bias: inputs[offset + fanIn])
                    } else {
                        var terms = inputs[offset + fanIn]
                        for i in 0 ..< fanIn { terms = terms + inputs[offset + i] * activations[i] }
                        sum = terms
                    }
                    next.append(isHidden(layer) ? relu(sum) : sum)
                    offset += fanIn + 1
                }
                activations = next
            }
            total = total + relu(activations[0] * Traced(-label) + 1)
        }
        var squares: Traced = 0
        for parameter in inputs { squares = squares + parameter * parameter }
        let loss = total * Traced(1 / Double(moons.points.count)) + squares * Traced(Self.alpha)
        return (loss, inputs)
    }

    /// One step as the demo runs it: record the loss, then the backward pass with its full record.
    /// Returns the loss, the parameters' gradients and the number of nodes recorded.
    func tracedStep(on moons: Moons, names: [String]) -> (loss: Double, gradients: [Double], nodes: Int) {
        let trace = Trace()
        let (loss, inputs) = tracedLoss(on: moons, trace: trace, names: names)
        let backward = trace.backward(from: loss)
        return (loss.value, inputs.map { backward.gradient(of: $0) }, trace.tape.count)
    }
}
