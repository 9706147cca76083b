import ChainTrace
import ChainTraceTensor

/// Random tensor programs from SplitMix64: a few inputs of ranks 0–2, then ops drawn at random and
/// applied to random earlier nodes (so nodes are reused: branch points), kept when the shapes fit.
enum RandomPrograms {
    struct Program {
        let tape: TensorTape
        let inputs: [TensorNodeID]
        let loss: TensorNodeID
    }

    static let unary: [UnaryOp] = [.sigmoid, .tanh, .sin, .neg, .powConstant, .exp, .relu]
    static let binary: [BinaryOp] = [.add, .sub, .mul, .max]

    static func make(seed: UInt64) throws -> Program {
        var random = SplitMix64(seed: seed)
        var tape = TensorTape()
        let inputs = (0 ..< 3).map { position in
            let shape = Shape((0 ..< Int.random(in: 0 ... 2, using: &random)).map { _ in Int.random(in: 1 ... 3, using: &random) })
            return tape.appendInput(TensorTesting.random(shape, in: -1 ... 1, using: &random), name: "x\(position)")
        }
        var pool = inputs
        for _ in 0 ..< Int.random(in: 3 ... 9, using: &random) {
            for _ in 0 ..< 30 {
                if let node = try attempt(&tape, pool, using: &random) {
                    pool.append(node)
                    break
                }
            }
        }
        let last = pool[pool.count - 1], other = pool[Int.random(in: 0 ..< pool.count, using: &random)]
        let sumLast = try tape.append(.sum(axis: nil), [last]), sumOther = try tape.append(.mean(axis: nil), [other])
        let loss = try tape.append(.binary(.add), [sumLast, sumOther], name: "L")
        return Program(tape: tape, inputs: inputs, loss: loss)
    }

    /// One random op on random operands, or nil when their shapes do not fit (nothing is recorded then).
    private static func attempt(_ tape: inout TensorTape, _ pool: [TensorNodeID], using random: inout SplitMix64) throws -> TensorNodeID? {
        let a = pool[Int.random(in: 0 ..< pool.count, using: &random)], b = pool[Int.random(in: 0 ..< pool.count, using: &random)]
        let shape = tape.shape(of: a)
        let axis: Int? = shape.rank > 0 && Bool.random(using: &random) ? Int.random(in: 0 ..< shape.rank, using: &random) : nil
        let op: TensorOp
        var operands = [a]
        var parameter = 0.0
        switch Int.random(in: 0 ..< 10, using: &random) {
        case 0, 1:
            let unary = unary[Int.random(in: 0 ..< unary.count, using: &random)]
            // exp of large values would overflow and make every comparison NaN.
            if unary == .exp, tape.value(of: a).elements.contains(where: { abs($0) > 5 }) { return nil }
            op = .unary(unary)
            parameter = unary == .powConstant ? 2 : 0
        case 2, 3:
            op = .binary(binary[Int.random(in: 0 ..< binary.count, using: &random)])
            operands = [a, b]
        case 4: (op, operands) = (.matmul, [a, b])
        case 5: op = Bool.random(using: &random) ? .sum(axis: axis) : .mean(axis: axis)
        case 6: op = Bool.random(using: &random) ? .transpose : .softmax
        case 7: op = .logsumexp(axis: axis)
        case 8: (op, operands) = (Bool.random(using: &random) ? .dot : .crossEntropy, [a, b])
        default: op = .index(shape.dimensions.map { Int.random(in: 0 ..< $0, using: &random) })
        }
        do {
            return try tape.append(op, operands, parameter: parameter)
        } catch {
            return nil
        }
    }
}
