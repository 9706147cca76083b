import _Differentiation

/// ReLU for the compiler's autodiff: the branch is differentiated as written (1 above 0, else 0).
@differentiable(reverse)
private func relu(_ x: Double) -> Double { x > 0 ? x : 0 }

/// The demo loss as a differentiable function of the flat parameter array; the data and the
/// layer widths are not differentiated.
@differentiable(reverse, wrt: parameters)
private func autodiffLoss(_ parameters: [Double], points: [Double], labels: [Double], sizes: [Int]) -> Double {
    var total = 0.0
    for point in 0 ..< labels.count {
        var activations = [points[2 * point], points[2 * point + 1]]
        var offset = 0
        for layer in 1 ..< sizes.count {
            let fanIn = sizes[layer - 1]
            var next: [Double] = []
            for _ in 0 ..< sizes[layer] {
                var sum = parameters[offset + fanIn]
                for i in 0 ..< fanIn { sum = sum + parameters[offset + i] * activations[i] }
                next.append(layer < sizes.count - 1 ? relu(sum) : sum)
                offset += fanIn + 1
            }
            activations = next
        }
        total = total + relu(activations[0] * -labels[point] + 1)
    }
    var squares = 0.0
    for i in 0 ..< withoutDerivative(at: parameters.count) { squares = squares + parameters[i] * parameters[i] }
    return total * (1 / Double(labels.count)) + squares * Network.alpha
}

extension Network {
    /// The same loss and gradient from Swift's compiler autodiff (`gradient(at:of:)`).
    func autodiffStep(on moons: Moons) -> (loss: Double, gradients: [Double]) {
        let points = moons.points.flatMap { [$0.0, $0.1] }
        let (loss, gradient) = valueWithGradient(at: parameters) { parameters in
            autodiffLoss(parameters, points: points, labels: moons.labels, sizes: sizes)
        }
        return (loss, gradient.base)
    }
}
