import ChainTrace
import ChainTraceTensor
import RealModule
import Testing

/// The seed tutorial's layered chain, x → W1 → σ → W2 → σ → loss, at tensor level:
/// ∂J/∂W1 = (∂J/∂o)(∂o/∂z2)(∂z2/∂h)(∂h/∂z1)(∂z1/∂W1), each factor a Jacobian written out by hand.
struct LayeredChainTests {
    typealias Matrix = [[Double]]

    static func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        a.map { row in (0 ..< b[0].count).map { j in zip(row, b).reduce(0) { $0 + $1.0 * $1.1[j] } } }
    }

    static func diagonal(_ d: [Double]) -> Matrix {
        d.indices.map { i in d.indices.map { $0 == i ? d[i] : 0 } }
    }

    /// The hand-written factors of the chain, outermost first, at the sample's numbers.
    static func handFactors() -> [Matrix] {
        let x = [0.5, -1.2], W1: Matrix = [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]], b1 = [0, 0.1, -0.1]
        let W2: Matrix = [[0.2, -0.6, 0.3]], b2 = 0.05, y = 1.0
        let sigmoid = { (z: Double) -> Double in 1 / (1 + Double.exp(-z)) }
        let h = (0 ..< 3).map { sigmoid(W1[$0][0] * x[0] + W1[$0][1] * x[1] + b1[$0]) }
        let o = sigmoid(W2[0][0] * h[0] + W2[0][1] * h[1] + W2[0][2] * h[2] + b2)
        // ∂z1/∂W1: row i, column (i′, j) is δᵢᵢ′·xⱼ.
        let dz1dW1: Matrix = (0 ..< 3).map { i in (0 ..< 6).map { column in column / 2 == i ? x[column % 2] : 0 } }
        return [[[o - y]], diagonal([o * (1 - o)]), W2, diagonal(h.map { $0 * (1 - $0) }), dz1dW1]
    }

    @Test func gradientOfW1IsTheProductOfTheJacobians() throws {
        let (tape, W1, loss) = try ForwardTests.layers()
        let record = try TensorBackward(tape: tape, from: loss)
        let chain = Self.handFactors().dropFirst().reduce(Self.handFactors()[0], Self.product)
        #expect(chain.count == 1 && chain[0].count == 6)
        TensorTesting.expectClose(record.gradient(of: W1).elements, chain[0], 1e-14, "∂J/∂W1")
        #expect(record.gradient(of: W1).shape == Shape([3, 2]))
    }

    /// The tape's explicit local Jacobians along the chain are the hand-written factors.
    @Test func explicitJacobiansAreTheHandFactors() throws {
        let (tape, W1, loss) = try ForwardTests.layers()
        // The chain's edges, from W1 up: W1 @ x (left), + b1, σ, W2 @ h (right), + b2, σ.
        var edges: [Int] = []
        var node = W1
        while node != loss, let edge = (0 ..< tape.edgeCount).first(where: { tape.operand(of: $0) == node }) {
            edges.append(edge)
            node = tape.consumer(of: edge)
        }
        let jacobians = try edges.map { edge in
            let jacobian = try #require(tape.localJacobian(of: edge))
            return (0 ..< jacobian.rows).map { row in (0 ..< jacobian.columns).map { jacobian[row, $0] } }
        }
        let names = edges.map { tape.rule(of: $0).id }
        #expect(names == ["matmul.left", "add.left", "sigmoid", "matmul.right", "add.left", "sigmoid", "sub.left", "powc", "sum", "mul.right"])
        let hand = Self.handFactors()
        let identity3 = Self.diagonal([1, 1, 1])
        #expect(jacobians[0] == hand[4])
        #expect(jacobians[1] == identity3)
        TensorTesting.expectClose(jacobians[2].flatMap { $0 }, hand[3].flatMap { $0 }, 1e-15, "∂h/∂z1")
        #expect(jacobians[3] == hand[2])
        TensorTesting.expectClose(jacobians[5].flatMap { $0 }, hand[1].flatMap { $0 }, 1e-15, "∂o/∂z2")
        let throughLoss = jacobians[6 ... 9].reversed().reduce([[1.0]]) { Self.product($0, $1) }
        TensorTesting.expectClose(throughLoss[0], hand[0][0], 1e-15, "∂J/∂o")
    }
}
