import ChainTrace
import ChainTraceTensor
import Testing

/// The backward record's contract: one-element outputs only, unreached nodes, two edges for a repeated operand.
struct TensorBackwardTests {
    @Test func outputMustHaveOneElement() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [1, 2, 3]), name: "x")
        let h = try tape.append(.unary(.sigmoid), [x], name: "h")
        let error = #expect(throws: TensorBackwardError.self) { try TensorBackward(tape: tape, from: h) }
        #expect(error?.description == "a gradient is taken of one number, but h has shape [3] (3 elements); reduce it first, e.g. sum(h)")
        let one = try tape.append(.index([1]), [h])
        let record = try TensorBackward(tape: tape, from: one)
        #expect(record.gradient(of: one) == Tensor(scalar: 1))
        // A [1×1] output is one number too.
        let m = tape.appendInput(Tensor(rows: [[2]]), name: "m")
        #expect(try TensorBackward(tape: tape, from: m).gradient(of: m) == Tensor(rows: [[1]]))
    }

    @Test func repeatedOperandHasTwoEdgesAndUnreachedNodesHaveZeros() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [1, 2]), name: "x")
        let unused = tape.appendInput(Tensor(vector: [5, 6]), name: "u")
        let loss = try tape.append(.dot, [x, x], name: "L")
        #expect(tape.operands(of: loss) == [x, x])
        let record = try TensorBackward(tape: tape, from: loss)
        #expect(record.steps.count == 2)
        #expect(record.steps.map { record.contribution(of: $0) } == [Tensor(vector: [1, 2]), Tensor(vector: [1, 2])])
        #expect(record.gradient(of: x) == Tensor(vector: [2, 4]))
        #expect(record.branchSum(of: x, on: tape) == Tensor(vector: [2, 4]))
        #expect(record.gradient(of: unused) == Tensor(vector: [0, 0]))
        #expect(record.reachedNodes(on: tape) == [true, false, true])
        #expect(try TensorBackward(tape: tape, from: loss) == record)
    }
}
