import Foundation

/// The backprop-from-scratch article's algorithm in plain Double arithmetic, written independently of
/// the engine (Foundation's exp, the article's own update rule weight −= rate · delta · input).
struct ArticleReference {
    var layers: [[(weights: [Double], output: Double, delta: Double)]]

    init(weights: [[[Double]]]) {
        layers = weights.map { $0.map { (weights: $0, output: 0, delta: 0) } }
    }

    mutating func forward(_ row: [Double]) -> [Double] {
        var inputs = Array(row.dropLast())
        for l in layers.indices {
            var next: [Double] = []
            for n in layers[l].indices {
                let w = layers[l][n].weights
                var activation = w[w.count - 1]
                for i in 0 ..< w.count - 1 { activation += w[i] * inputs[i] }
                let output = 1 / (1 + exp(-activation))
                layers[l][n].output = output
                next.append(output)
            }
            inputs = next
        }
        return inputs
    }

    mutating func backward(expected: [Double]) {
        for l in layers.indices.reversed() {
            for j in layers[l].indices {
                let output = layers[l][j].output
                let error = l == layers.count - 1
                    ? output - expected[j]
                    : layers[l + 1].reduce(0) { $0 + $1.weights[j] * $1.delta }
                layers[l][j].delta = error * output * (1 - output)
            }
        }
    }

    mutating func update(_ row: [Double], rate: Double) {
        for l in layers.indices {
            let inputs = l == 0 ? Array(row.dropLast()) : layers[l - 1].map(\.output)
            for n in layers[l].indices {
                let delta = layers[l][n].delta
                for j in inputs.indices { layers[l][n].weights[j] -= rate * delta * inputs[j] }
                layers[l][n].weights[inputs.count] -= rate * delta
            }
        }
    }

    /// Trains as the article does and returns each epoch's error.
    mutating func train(_ rows: [[Double]], rate: Double, epochs: Int, outputs: Int) -> [Double] {
        (0 ..< epochs).map { _ in
            var sum = 0.0
            for row in rows {
                let out = forward(row)
                let expected = (0 ..< outputs).map { $0 == Int(row[row.count - 1]) ? 1.0 : 0.0 }
                sum += zip(expected, out).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                backward(expected: expected)
                update(row, rate: rate)
            }
            return sum
        }
    }
}
