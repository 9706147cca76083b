import ChainTrace
import ChainTraceTensor
import Testing

/// Helpers shared by the tensor tests: random tensors, finite differences, tolerant comparison.
enum TensorTesting {
    /// A tensor of `shape` with elements drawn uniformly from `range`.
    static func random(_ shape: Shape, in range: ClosedRange<Double>, using random: inout SplitMix64) -> Tensor {
        Tensor(shape: shape, elements: (0 ..< shape.count).map { _ in Double.random(in: range, using: &random) })
    }

    /// The value of `op` applied to `operands`, recorded on a fresh tape.
    static func evaluate(_ op: TensorOp, _ operands: [Tensor], parameter: Double = 0) throws -> Tensor {
        var tape = TensorTape()
        let ids = operands.enumerated().map { tape.appendInput($1, name: "x\($0)") }
        let node = try tape.append(op, ids, parameter: parameter)
        return tape.value(of: node)
    }

    /// ∂f/∂element by central differences, for every element of input `which`.
    static func centralDifferences(_ inputs: [Tensor], _ which: Int, step: Double = 1e-6, _ f: ([Tensor]) throws -> Double) rethrows -> [Double] {
        try (0 ..< inputs[which].shape.count).map { element in
            var up = inputs, down = inputs
            up[which].elements[element] += step
            down[which].elements[element] -= step
            return (try f(up) - f(down)) / (2 * step)
        }
    }

    /// Whether `a` and `b` agree to `tolerance`, relative to the larger magnitude (absolute below 1).
    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    /// Expects two arrays to agree element by element, naming the first disagreement.
    static func expectClose(_ a: [Double], _ b: [Double], _ tolerance: Double, _ what: @autoclosure () -> String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, "\(what()): \(a.count) vs \(b.count) elements", sourceLocation: sourceLocation)
        if let index = (0 ..< min(a.count, b.count)).first(where: { !close(a[$0], b[$0], tolerance) }) {
            Issue.record("\(what()): element \(index) is \(a[index]), expected \(b[index])", sourceLocation: sourceLocation)
        }
    }
}
