import ChainTrace
import ChainTraceTensor

/// Tensor tapes recorded through the Swift API, for the trace JSON version 2 tests.
enum TensorTraces {
    /// The two-layer network: `h = σ(W1 @ x + b1)`, `o = σ(W2 @ h + b2)`, `J = 0.5 · Σ (o − y)²`.
    static func layers() throws -> (tape: TensorTape, output: TensorNodeID) {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [0.5, -1.2]), name: "x", line: 1)
        let w1 = tape.appendInput(Tensor(rows: [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]]), name: "W1", line: 2)
        let b1 = tape.appendInput(Tensor(vector: [0, 0.1, -0.1]), name: "b1", line: 3)
        let w2 = tape.appendInput(Tensor(rows: [[0.2, -0.6, 0.3]]), name: "W2", line: 4)
        let b2 = tape.appendInput(Tensor(vector: [0.05]), name: "b2", line: 5)
        let y = tape.appendInput(Tensor(vector: [1]), name: "y", line: 6)
        let h = try tape.append(.unary(.sigmoid), [tape.append(.binary(.add), [tape.append(.matmul, [w1, x], line: 7), b1], line: 7)], name: "h", line: 7)
        let o = try tape.append(.unary(.sigmoid), [tape.append(.binary(.add), [tape.append(.matmul, [w2, h], line: 8), b2], line: 8)], name: "o", line: 8)
        let squared = try tape.append(.unary(.powConstant), [tape.append(.binary(.sub), [o, y], line: 9)], parameter: 2, line: 9)
        let half = tape.appendConstant(Tensor(scalar: 0.5), line: 9)
        let loss = try tape.append(.binary(.mul), [half, tape.append(.sum(axis: nil), [squared], line: 9)], name: "J", line: 9)
        return (tape, loss)
    }

    /// Every operation of the engine, so every rule id and Jacobian kind, summed into one scalar:
    /// each unary primitive, each binary one broadcast three ways, the four matrix products, the
    /// reductions over everything and along each axis, softmax, transpose, dot, indexing, and an
    /// edge between two rank-0 nodes.
    static func everyOperation() throws -> (tape: TensorTape, output: TensorNodeID) {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [0.2, 0.5, 0.7]), name: "x", line: 1)
        let w = tape.appendInput(Tensor(rows: [[0.1, 0.4, 0.3], [0.6, 0.2, 0.5]]), name: "W", line: 2)
        let column = tape.appendInput(Tensor(rows: [[0.3], [0.9]]), name: "column", line: 3)
        let c = tape.appendConstant(Tensor(scalar: 1.5), line: 4)
        var terms: [TensorNodeID] = []
        for op in UnaryOp.allCases {
            // acosh needs operands above 1; the others take x's values.
            let operand = op == .acosh ? try tape.append(.binary(.add), [x, c]) : x
            terms.append(try tape.append(.unary(op), [operand], parameter: op == .powConstant ? 3 : 0))
        }
        for op in BinaryOp.allCases {
            terms.append(try tape.append(.binary(op), [w, x]))        // x broadcast over W's rows
            terms.append(try tape.append(.binary(op), [column, w]))   // a size-1 dimension
            terms.append(try tape.append(.binary(op), [x, c]))        // a scalar
        }
        let wT = try tape.append(.transpose, [w])
        for operands in [[w, x], [x, wT], [w, wT], [x, x]] { terms.append(try tape.append(.matmul, operands)) }
        for axis in [nil, 0, 1] {
            terms.append(try tape.append(.sum(axis: axis), [w]))
            terms.append(try tape.append(.mean(axis: axis), [w]))
            terms.append(try tape.append(.logsumexp(axis: axis), [w]))
        }
        let target = try tape.append(.softmax, [w])
        terms += [target, try tape.append(.softmax, [x]), try tape.append(.dot, [x, x]), try tape.append(.crossEntropy, [w, target])]
        let picked = try tape.append(.index([1, 2]), [w], name: "W[1, 2]")
        terms.append(try tape.append(.binary(.mul), [picked, c]))
        var total = try tape.append(.sum(axis: nil), [terms[0]])
        for term in terms.dropFirst() {
            let scalar = tape.shape(of: term).rank == 0 ? term : try tape.append(.sum(axis: nil), [term])
            total = try tape.append(.binary(.add), [total, scalar])
        }
        tape.setName("total", of: total)
        return (tape, total)
    }

    /// A random program of tensor operations from `seed`: vectors and matrices, elementwise functions,
    /// broadcasting, matrix products, reductions, softmax and indexing, with branch points.
    static func random(seed: UInt64) throws -> (tape: TensorTape, output: TensorNodeID) {
        var random = SplitMix64(seed: seed)
        var tape = TensorTape()
        let n = Int.random(in: 1 ... 4, using: &random), m = Int.random(in: 1 ... 4, using: &random)
        func values(_ count: Int) -> [Double] { (0 ..< count).map { _ in random.nextSigned() } }
        let matrix = tape.appendInput(Tensor(shape: Shape([m, n]), elements: values(m * n)), name: "A")
        let vector = tape.appendInput(Tensor(vector: values(n)), name: "v")
        var pool = [matrix, vector]
        for _ in 0 ..< 12 {
            let a = pool.randomElement(using: &random) ?? vector
            let shape = tape.shape(of: a)
            let node: TensorNodeID
            switch Int.random(in: 0 ..< 8, using: &random) {
            case 0: node = try tape.append(.unary([.sigmoid, .tanh, .sin, .exp].randomElement(using: &random) ?? .sin), [a])
            case 1: node = try tape.append(.binary([.add, .mul, .sub].randomElement(using: &random) ?? .add), [a, shape.rank == 2 ? vector : a])
            case 2 where shape.rank == 2: node = try tape.append(.matmul, [a, vector])
            case 3 where shape.rank >= 1: node = try tape.append(.sum(axis: shape.rank == 2 ? 0 : nil), [a])
            case 4 where shape.rank >= 1: node = try tape.append(.softmax, [a])
            case 5 where shape.rank >= 1: node = try tape.append(.index(shape.dimensions.map { _ in 0 }), [a])
            case 6: node = try tape.append(.binary(.mul), [a, a])
            default: node = try tape.append(.unary(.powConstant), [a], parameter: 2)
            }
            pool.append(node)
        }
        var output = try tape.append(.sum(axis: nil), [pool[pool.count - 1]])
        output = try tape.append(.binary(.add), [output, tape.append(.sum(axis: nil), [pool[pool.count - 2]])], name: "out")
        return (tape, output)
    }
}
