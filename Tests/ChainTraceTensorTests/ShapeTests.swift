import ChainTrace
import ChainTraceTensor
import Testing

/// Shapes, NumPy broadcasting, and the shape errors of every op: each names the op and both shapes.
struct ShapeTests {
    @Test func printsDimensionsWithTimesSign() {
        #expect(Shape([3, 2]).description == "[3×2]")
        #expect(Shape([3]).description == "[3]")
        #expect(Shape.scalar.description == "[]")
        #expect(Shape([3, 2]).count == 6 && Shape.scalar.count == 1)
        #expect(Shape([2, 3, 4]).strides == [12, 4, 1])
    }

    @Test func offsetsAndIndicesAreRowMajor() {
        let shape = Shape([2, 3, 4])
        for offset in 0 ..< shape.count {
            #expect(shape.offset(of: shape.index(of: offset)) == offset)
        }
        #expect(shape.offset(of: [1, 2, 3]) == 23)
    }

    @Test(arguments: [
        ([3, 2], [2], [3, 2]), ([3, 2], [], [3, 2]), ([3, 1], [1, 4], [3, 4]), ([1], [5], [5]),
        ([4, 1, 3], [2, 1], [4, 2, 3]), ([], [], []),
    ])
    func broadcastsLikeNumPy(a: [Int], b: [Int], expected: [Int]) {
        #expect(Shape.broadcast(Shape(a), Shape(b)) == Shape(expected))
        #expect(Shape.broadcast(Shape(b), Shape(a)) == Shape(expected))
    }

    @Test func broadcastAxesAreTheExpandedOnes() {
        #expect(Shape([3]).broadcastAxes(to: Shape([64, 3])) == [0])
        #expect(Shape([3, 1]).broadcastAxes(to: Shape([3, 4])) == [1])
        #expect(Shape.scalar.broadcastAxes(to: Shape([2, 2])) == [0, 1])
        #expect(Shape([2, 2]).broadcastAxes(to: Shape([2, 2])) == [])
    }

    /// Each refused op throws a ShapeError naming the op and every operand's shape, and records nothing.
    @Test func shapeErrorsNameTheOpAndBothShapes() throws {
        var tape = TensorTape()
        let m32 = tape.appendInput(Tensor(repeating: 1, shape: Shape([3, 2])), name: "W")
        let v3 = tape.appendInput(Tensor(repeating: 1, shape: Shape([3])), name: "x")
        let v2 = tape.appendInput(Tensor(repeating: 1, shape: Shape([2])), name: "y")
        let s = tape.appendInput(Tensor(scalar: 1), name: "s")
        let t3 = tape.appendInput(Tensor(repeating: 1, shape: Shape([2, 3, 2])), name: "t")
        let cases: [(TensorOp, [TensorNodeID], String)] = [
            (.matmul, [m32, v3], "matmul: shapes [3×2] and [3] do not match for a matrix product"),
            (.matmul, [s, v3], "matmul: shapes [] and [3] cannot be multiplied: a matrix product takes vectors and matrices"),
            (.binary(.add), [m32, v3], "add: shapes [3×2] and [3] do not broadcast (trailing dimensions must be equal or 1)"),
            (.dot, [v3, v2], "dot: shapes [3] and [2] do not match for a dot product (they must be equal)"),
            (.sum(axis: 2), [m32], "sum: shape [3×2] has no axis 2 (its rank is 2)"),
            (.logsumexp(axis: 0), [s], "logsumexp: shape [] has no axis 0 (its rank is 0)"),
            (.index([3]), [v3], "index: index [3] is out of bounds for shape [3]"),
            (.index([1]), [m32], "index: index [1] has 1 position(s) but shape [3×2] has rank 2"),
            (.transpose, [t3], "transpose: shape [2×3×2] has rank 3; transpose takes a scalar, a vector or a matrix"),
        ]
        for (op, operands, message) in cases {
            let before = tape.count
            let error = #expect(throws: ShapeError.self) { try tape.append(op, operands) }
            #expect(error?.description == message)
            #expect(error?.shapes == operands.map { tape.shape(of: $0) })
            #expect(tape.count == before)
        }
    }

    @Test func opNamesRoundTrip() {
        let ops: [TensorOp] = [.input, .constant, .unary(.sigmoid), .unary(.powConstant), .binary(.add), .matmul,
                               .sum(axis: nil), .sum(axis: 1), .mean(axis: 0), .transpose, .softmax,
                               .logsumexp(axis: nil), .dot, .index([1, 0])]
        for op in ops {
            #expect(TensorOp(name: op.name, axis: op.axis, index: op.selectedIndex) == op)
        }
        #expect(TensorOp(name: "matmul", axis: 0) == nil)
        #expect(TensorOp(name: "index") == nil)
        #expect(TensorOp(name: "conv") == nil)
    }
}
