import ChainTrace
import ChainTraceTensor
import RealModule
import Testing

/// Forward values of every op, against numbers worked by hand.
struct ForwardTests {
    /// The issue's `samples/layers.ct`, recorded on a tensor tape.
    static func layers() throws -> (tape: TensorTape, W1: TensorNodeID, loss: TensorNodeID) {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [0.5, -1.2]), name: "x")
        let W1 = tape.appendInput(Tensor(rows: [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]]), name: "W1")
        let b1 = tape.appendInput(Tensor(vector: [0, 0.1, -0.1]), name: "b1")
        let W2 = tape.appendInput(Tensor(rows: [[0.2, -0.6, 0.3]]), name: "W2")
        let b2 = tape.appendInput(Tensor(vector: [0.05]), name: "b2")
        let y = tape.appendInput(Tensor(vector: [1]), name: "y")
        let z1 = try tape.append(.binary(.add), [tape.append(.matmul, [W1, x]), b1])
        let h = try tape.append(.unary(.sigmoid), [z1], name: "h")
        let z2 = try tape.append(.binary(.add), [tape.append(.matmul, [W2, h]), b2])
        let o = try tape.append(.unary(.sigmoid), [z2], name: "o")
        let squared = try tape.append(.unary(.powConstant), [tape.append(.binary(.sub), [o, y])], parameter: 2)
        let half = tape.appendConstant(Tensor(scalar: 0.5))
        let loss = try tape.append(.binary(.mul), [half, tape.append(.sum(axis: nil), [squared])], name: "J")
        return (tape, W1, loss)
    }

    @Test func layersForward() throws {
        let (tape, _, loss) = try Self.layers()
        let sigmoid = { (z: Double) -> Double in 1 / (1 + Double.exp(-z)) }
        let z1: [Double] = [0.05 - 0.48, -0.15 - 0.24 + 0.1, 0.35 + 0.6 - 0.1]
        let h = z1.map(sigmoid)
        let z2: Double = 0.2 * h[0] - 0.6 * h[1] + 0.3 * h[2] + 0.05
        let o = sigmoid(z2)
        #expect(tape.shape(of: loss) == .scalar)
        #expect(abs(tape.value(of: loss).elements[0] - 0.5 * (o - 1) * (o - 1)) < 1e-15)
    }

    @Test func matmulShapesAndValues() throws {
        var tape = TensorTape()
        let A = tape.appendInput(Tensor(rows: [[1, 2, 3], [4, 5, 6]]), name: "A")
        let B = tape.appendInput(Tensor(rows: [[1, 0], [0, 1], [1, 1]]), name: "B")
        let v = tape.appendInput(Tensor(vector: [1, -1, 2]), name: "v")
        let u = tape.appendInput(Tensor(vector: [2, 3]), name: "u")
        #expect(try value(&tape, .matmul, [A, B]) == Tensor(rows: [[4, 5], [10, 11]]))
        #expect(try value(&tape, .matmul, [A, v]) == Tensor(vector: [5, 11]))
        #expect(try value(&tape, .matmul, [u, A]) == Tensor(vector: [14, 19, 24]))
        #expect(try value(&tape, .matmul, [v, v]) == Tensor(scalar: 6))
    }

    @Test func reductionsSoftmaxIndexTranspose() throws {
        var tape = TensorTape()
        let A = tape.appendInput(Tensor(rows: [[1, 2, 3], [4, 5, 6]]), name: "A")
        #expect(try value(&tape, .sum(axis: nil), [A]) == Tensor(scalar: 21))
        #expect(try value(&tape, .sum(axis: 0), [A]) == Tensor(vector: [5, 7, 9]))
        #expect(try value(&tape, .sum(axis: 1), [A]) == Tensor(vector: [6, 15]))
        #expect(try value(&tape, .mean(axis: 1), [A]) == Tensor(vector: [2, 5]))
        #expect(try value(&tape, .transpose, [A]) == Tensor(rows: [[1, 4], [2, 5], [3, 6]]))
        #expect(try value(&tape, .index([1, 0]), [A]) == Tensor(scalar: 4))
        #expect(try value(&tape, .dot, [A, A]) == Tensor(scalar: 91))
        let softmax = try value(&tape, .softmax, [A])
        let row = [1.0, 2, 3].map { Double.exp($0 - 3) }, total = row.reduce(0, +)
        for column in 0 ..< 3 {
            #expect(abs(softmax[0, column] - row[column] / total) < 1e-15)
            #expect(abs(softmax[1, column] - row[column] / total) < 1e-15)
        }
        let lse = try value(&tape, .logsumexp(axis: 1), [A])
        #expect(abs(lse[0] - (3 + Double.log(total))) < 1e-14 && abs(lse[1] - (6 + Double.log(total))) < 1e-14)
        let big = tape.appendInput(Tensor(vector: [1000, 1000]), name: "big")
        #expect(try value(&tape, .logsumexp(axis: nil), [big]).elements[0] == 1000 + Double.log(2))
    }

    @Test func broadcastingBinary() throws {
        var tape = TensorTape()
        let A = tape.appendInput(Tensor(rows: [[1, 2, 3], [4, 5, 6]]), name: "A")
        let b = tape.appendInput(Tensor(vector: [10, 20, 30]), name: "b")
        let c = tape.appendInput(Tensor(rows: [[100], [200]]), name: "c")
        let s = tape.appendConstant(Tensor(scalar: 2))
        #expect(try value(&tape, .binary(.add), [A, b]) == Tensor(rows: [[11, 22, 33], [14, 25, 36]]))
        #expect(try value(&tape, .binary(.sub), [c, A]) == Tensor(rows: [[99, 98, 97], [196, 195, 194]]))
        #expect(try value(&tape, .binary(.mul), [s, A]) == Tensor(rows: [[2, 4, 6], [8, 10, 12]]))
    }

    /// Records `op` and returns its value.
    func value(_ tape: inout TensorTape, _ op: TensorOp, _ operands: [TensorNodeID]) throws -> Tensor {
        let node = try tape.append(op, operands)
        return tape.value(of: node)
    }
}
