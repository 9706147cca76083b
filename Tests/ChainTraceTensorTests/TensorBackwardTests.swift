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
        #expect(tape.inputs(of: loss) == [x, x])
        #expect(tape.consumers(of: x) == [loss, loss] && tape.consumers(of: unused).isEmpty)
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

/// Rebuilding a record read from elsewhere: values kept as given, shapes checked.
struct RecordedTapeTests {
    @Test func recordedTapeEqualsTheOriginalAndRejectsWrongShapes() throws {
        let (tape, _, loss) = try ForwardTests.layers()
        var copy = TensorTape()
        for node in 0 ..< tape.count {
            try copy.appendRecorded(tape.op(of: node), value: tape.value(of: node), operands: tape.inputs(of: node),
                                    parameter: tape.parameter(of: node), name: tape.name(of: node), line: tape.line(of: node))
        }
        #expect(copy == tape)
        let record = try TensorBackward(tape: tape, from: loss)
        let rebuilt = TensorBackward(output: loss, gradients: record.gradients, steps: record.steps,
                                     contributions: (0 ..< tape.edgeCount).map { record.contribution(of: $0) })
        #expect(rebuilt == record)
        let W1 = 1, x = 0
        let error = #expect(throws: ShapeError.self) {
            try copy.appendRecorded(.matmul, value: Tensor(vector: [1, 2]), operands: [W1, x])
        }
        #expect(error?.description == "matmul: shapes [3×2] and [2] give [3], not the recorded [2]")
        #expect(throws: ShapeError.self) { try copy.appendRecorded(.matmul, value: Tensor(vector: [1, 2, 3]), operands: [x, W1]) }
    }
}
