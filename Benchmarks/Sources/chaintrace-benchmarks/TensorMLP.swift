import ChainTrace
import ChainTraceTensor
import Foundation

/// The tensor workload's network: `X @ W1 + b1 → activation → @ W2 + b2 → softmax cross-entropy`,
/// the loss `mean(logsumexp(Z2, axis 1) − sum(Y ⊙ Z2, axis 1))` over the batch.
struct TensorMLP {
    let widths: (inputs: Int, hidden: Int, classes: Int)
    let batch: Int
    let activation: UnaryOp
    /// The examples (`batch × inputs`, uniform in [0, 1)) and one-hot labels (`batch × classes`).
    let x: Tensor, y: Tensor
    /// W1, b1, W2, b2, uniform(−1, 1)/√fan-in.
    let parameters: [Tensor]
    /// The parameters' node ids on every recorded tape (recorded first, in this order).
    let parameterIDs = [0, 1, 2, 3]

    init(widths: (inputs: Int, hidden: Int, classes: Int), batch: Int, activation: UnaryOp, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        self.widths = widths
        self.batch = batch
        self.activation = activation
        let uniform = { (shape: [Int], scale: Double, random: inout SplitMix64) in
            Tensor(shape: Shape(shape), elements: (0 ..< shape.reduce(1, *)).map { _ in random.nextSigned() * scale })
        }
        parameters = [uniform([widths.inputs, widths.hidden], 1 / Double(widths.inputs).squareRoot(), &random),
                      uniform([widths.hidden], 0.1, &random),
                      uniform([widths.hidden, widths.classes], 1 / Double(widths.hidden).squareRoot(), &random),
                      uniform([widths.classes], 0.1, &random)]
        x = Tensor(shape: Shape([batch, widths.inputs]), elements: (0 ..< batch * widths.inputs).map { _ in (random.nextSigned() + 1) / 2 })
        var labels = [Double](repeating: 0, count: batch * widths.classes)
        for example in 0 ..< batch { labels[example * widths.classes + Int(random.next() % UInt64(widths.classes))] = 1 }
        y = Tensor(shape: Shape([batch, widths.classes]), elements: labels)
    }

    /// Records the forward pass with `parameters`; returns the tape and the loss node.
    func record(_ parameters: [Tensor]) throws -> (TensorTape, TensorNodeID) {
        var tape = TensorTape()
        let ids = zip(["W1", "b1", "W2", "b2"], parameters).map { tape.appendInput($1, name: $0) }
        let X = tape.appendConstant(x, name: "X"), Y = tape.appendConstant(y, name: "Y")
        let z1 = try tape.append(.binary(.add), [tape.append(.matmul, [X, ids[0]]), ids[1]], name: "Z1")
        let h = try tape.append(.unary(activation), [z1], name: "H")
        let z2 = try tape.append(.binary(.add), [tape.append(.matmul, [h, ids[2]]), ids[3]], name: "Z2")
        let lse = try tape.append(.logsumexp(axis: 1), [z2])
        let picked = try tape.append(.sum(axis: 1), [tape.append(.binary(.mul), [Y, z2])])
        let loss = try tape.append(.mean(axis: nil), [tape.append(.binary(.sub), [lse, picked])], name: "loss")
        return (tape, loss)
    }

    /// The same loss and its parameter gradients (W1, b1, W2, b2 flattened) by hand on flat arrays.
    func handWritten() -> (loss: Double, gradients: [Double]) {
        let (n, d, k) = (widths.inputs, widths.hidden, widths.classes)
        let w1 = parameters[0].elements, b1 = parameters[1].elements, w2 = parameters[2].elements, b2 = parameters[3].elements
        let xs = x.elements, ys = y.elements
        let rule = activation.rule.evaluate
        var z1 = [Double](repeating: 0, count: batch * d), h = z1, dh = z1
        for b in 0 ..< batch {
            for i in 0 ..< n {
                let xi = xs[b * n + i]
                for j in 0 ..< d { z1[b * d + j] += xi * w1[i * d + j] }
            }
            for j in 0 ..< d {
                let (value, partial) = rule(z1[b * d + j] + b1[j], 0)
                h[b * d + j] = value
                dh[b * d + j] = partial
            }
        }
        var loss = 0.0
        var dz2 = [Double](repeating: 0, count: batch * k)
        for b in 0 ..< batch {
            var z2 = b2
            for j in 0 ..< d { for c in 0 ..< k { z2[c] += h[b * d + j] * w2[j * k + c] } }
            let m = z2.max() ?? 0
            let total = z2.reduce(0) { $0 + exp($1 - m) }
            for c in 0 ..< k {
                loss += (ys[b * k + c] == 1 ? m + log(total) - z2[c] : 0) / Double(batch)
                dz2[b * k + c] = (exp(z2[c] - m) / total - ys[b * k + c]) / Double(batch)
            }
        }
        var gw1 = [Double](repeating: 0, count: n * d), gb1 = [Double](repeating: 0, count: d)
        var gw2 = [Double](repeating: 0, count: d * k), gb2 = [Double](repeating: 0, count: k)
        for b in 0 ..< batch {
            var dz1 = [Double](repeating: 0, count: d)
            for j in 0 ..< d {
                for c in 0 ..< k {
                    gw2[j * k + c] += h[b * d + j] * dz2[b * k + c]
                    dz1[j] += dz2[b * k + c] * w2[j * k + c]
                }
                dz1[j] *= dh[b * d + j]
                gb1[j] += dz1[j]
            }
            for c in 0 ..< k { gb2[c] += dz2[b * k + c] }
            for i in 0 ..< n {
                let xi = xs[b * n + i]
                for j in 0 ..< d { gw1[i * d + j] += xi * dz1[j] }
            }
        }
        return (loss, gw1 + gb1 + gw2 + gb2)
    }
}
