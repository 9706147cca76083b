import ChainTrace
import ChainTraceTensor
import RealModule
import Testing

/// The fused softmax cross-entropy: its value is −Σ y·log softmax(z), and ∂loss/∂z = softmax(z) − y
/// is the contribution of one edge; the scalar expansion computes the same numbers from exp, log and sums.
struct CrossEntropyTests {
    /// Logits of a batch of two rows and a target distribution per row (one-hot and soft).
    static func record() throws -> (tape: TensorTape, z: TensorNodeID, y: TensorNodeID, loss: TensorNodeID) {
        var tape = TensorTape()
        let z = tape.appendInput(Tensor(shape: Shape([2, 3]), elements: [2.0, 1.0, 0.1, -0.5, 0.3, 1.2]), name: "z")
        let y = tape.appendInput(Tensor(shape: Shape([2, 3]), elements: [1, 0, 0, 0.2, 0.3, 0.5]), name: "y")
        let loss = try tape.append(.crossEntropy, [z, y], name: "loss")
        return (tape, z, y, loss)
    }

    @Test func valueIsMinusTargetTimesLogSoftmax() throws {
        let (tape, z, y, loss) = try Self.record()
        let p = try TensorTesting.evaluate(.softmax, [tape.value(of: z)])
        let expected = -zip(tape.value(of: y).elements, p.elements).reduce(0) { $0 + $1.0 * Double.log($1.1) }
        #expect(tape.shape(of: loss) == .scalar)
        TensorTesting.expectClose(tape.value(of: loss).elements, [expected], 1e-14, "loss")
    }

    /// The logits' edge contributes p − y: the whole of ∂loss/∂z, in one step of the backward pass.
    @Test func logitsEdgeContributesSoftmaxMinusTarget() throws {
        let (tape, z, y, loss) = try Self.record()
        let record = try TensorBackward(tape: tape, from: loss)
        let p = try TensorTesting.evaluate(.softmax, [tape.value(of: z)])
        let edge = tape.edges(of: loss).lowerBound
        #expect(tape.operand(of: edge) == z && tape.rule(of: edge).id == "cross_entropy.left")
        let expected = zip(p.elements, tape.value(of: y).elements).map { $0 - $1 }
        TensorTesting.expectClose(try #require(record.contribution(of: edge)).elements, expected, 1e-15, "p − y")
        #expect(record.gradient(of: z) == record.contribution(of: edge))
        #expect(tape.rule(of: edge).text == "cross_entropy, left operand: Ḡ · (softmax(a) − b), b a constant target distribution")
        #expect(tape.jacobianSymbol(of: edge) == "(softmax(z) − y)ᵀ")
        #expect(tape.rule(of: edge + 1).text == "cross_entropy, right operand: −Ḡ · log softmax(a)")
    }

    /// Every value and gradient of the expansion (exp, log, sums, one product per element) equals the tensor trace's.
    @Test func scalarExpansionAgrees() throws {
        let (tape, z, y, loss) = try Self.record()
        let record = try TensorBackward(tape: tape, from: loss)
        let expansion = TensorExpansion(expanding: tape)
        let scalar = Backward(tape: expansion.tape, from: expansion.scalarOutput(of: loss))
        #expect(expansion.tape.value(of: expansion.scalarOutput(of: loss)) == tape.value(of: loss).elements[0])
        for node in [z, y] {
            TensorTesting.expectClose(expansion.elements[node].map { scalar.gradients[$0] }, record.gradient(of: node).elements, 1e-14, "node \(node)")
        }
    }

    @Test func shapesMustMatch() throws {
        var tape = TensorTape()
        let z = tape.appendInput(Tensor(repeating: 0, shape: Shape([3])), name: "z")
        let y = tape.appendInput(Tensor(repeating: 0, shape: Shape([2])), name: "y")
        #expect(throws: ShapeError.self) { try tape.append(.crossEntropy, [z, y]) }
    }
}
