import ChainTrace
import ChainTraceTensor
import Testing

/// Every rule against central finite differences: each op, each operand, several shapes (broadcasting
/// and size-1 dimensions included); each explicit Jacobian against a finite-difference Jacobian.
struct RuleTests {
    /// One op applied to operands of given shapes, their elements drawn from `domain`.
    struct Case: CustomTestStringConvertible, Sendable {
        let op: TensorOp
        let shapes: [[Int]]
        var parameter = 0.0
        var domain: ClosedRange<Double> = -1.5 ... 1.5
        /// Operand positions that read the same node (`x * x`): operand 1 repeats operand 0.
        var repeated = false

        var testDescription: String {
            "\(op.name)\(op.axis.map { "(axis \($0))" } ?? "") \(shapes.map { Shape($0).description }.joined(separator: " "))\(repeated ? " repeated" : "")"
        }
    }

    static let unaryCases: [Case] = UnaryOp.allCases.flatMap { op -> [Case] in
        let domain: ClosedRange<Double> = switch op {
        case .log, .sqrt: 0.2 ... 2
        case .acosh: 1.2 ... 3
        case .asin, .acos, .atanh, .log1p: -0.8 ... 0.8
        case .powConstant: 0.3 ... 2
        default: -1.5 ... 1.5
        }
        return [Case(op: .unary(op), shapes: [[2, 3]], parameter: op == .powConstant ? 2.5 : 0, domain: domain),
                Case(op: .unary(op), shapes: [[]], parameter: op == .powConstant ? 3 : 0, domain: domain)]
    }

    static let binaryShapes: [[[Int]]] = [[[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[3, 1], [1, 4]], [[], [2, 2]], [[2, 1], [2, 3]], [[1], []]]

    static let binaryCases: [Case] = BinaryOp.allCases.flatMap { op in
        binaryShapes.map { Case(op: .binary(op), shapes: $0, domain: op == .pow || op == .div ? 0.5 ... 2 : -1.5 ... 1.5) }
    } + [Case(op: .binary(.mul), shapes: [[3], [3]], repeated: true)]

    static let tensorCases: [Case] = [
        Case(op: .matmul, shapes: [[2, 3], [3, 4]]), Case(op: .matmul, shapes: [[2, 3], [3]]),
        Case(op: .matmul, shapes: [[3], [3, 2]]), Case(op: .matmul, shapes: [[3], [3]]),
        Case(op: .matmul, shapes: [[1, 1], [1, 1]]), Case(op: .matmul, shapes: [[4, 1], [1, 3]]),
        Case(op: .matmul, shapes: [[3, 3], [3, 3]], repeated: true),
        Case(op: .sum(axis: nil), shapes: [[2, 3]]), Case(op: .sum(axis: 0), shapes: [[2, 3]]),
        Case(op: .sum(axis: 1), shapes: [[2, 3]]), Case(op: .sum(axis: 0), shapes: [[3]]),
        Case(op: .sum(axis: 0), shapes: [[1, 3]]), Case(op: .sum(axis: 1), shapes: [[2, 1, 3]]),
        Case(op: .mean(axis: nil), shapes: [[2, 3]]), Case(op: .mean(axis: 0), shapes: [[2, 3]]),
        Case(op: .mean(axis: 1), shapes: [[2, 3]]), Case(op: .mean(axis: nil), shapes: [[]]),
        Case(op: .transpose, shapes: [[2, 3]]), Case(op: .transpose, shapes: [[3]]), Case(op: .transpose, shapes: [[]]),
        Case(op: .softmax, shapes: [[2, 3]]), Case(op: .softmax, shapes: [[4]]), Case(op: .softmax, shapes: [[]]),
        Case(op: .softmax, shapes: [[3, 1]]),
        Case(op: .logsumexp(axis: nil), shapes: [[2, 3]]), Case(op: .logsumexp(axis: 0), shapes: [[2, 3]]),
        Case(op: .logsumexp(axis: 1), shapes: [[2, 3]]), Case(op: .logsumexp(axis: nil), shapes: [[]]),
        Case(op: .dot, shapes: [[3], [3]]), Case(op: .dot, shapes: [[2, 2], [2, 2]]), Case(op: .dot, shapes: [[3], [3]], repeated: true),
        Case(op: .crossEntropy, shapes: [[2, 3], [2, 3]]), Case(op: .crossEntropy, shapes: [[4], [4]]),
        Case(op: .crossEntropy, shapes: [[], []]), Case(op: .crossEntropy, shapes: [[3], [3]], repeated: true),
        Case(op: .index([1, 2]), shapes: [[2, 3]]), Case(op: .index([0]), shapes: [[3]]), Case(op: .index([]), shapes: [[]]),
    ]

    /// Records `case` on a tape with loss Σ R ⊙ result for random weights R; returns the tape, the
    /// input nodes (one per distinct operand), the op node and the loss.
    static func record(_ c: Case, _ inputs: [Tensor], weights: Tensor) throws -> (TensorTape, [TensorNodeID], TensorNodeID, TensorNodeID) {
        var tape = TensorTape()
        let ids = inputs.enumerated().map { tape.appendInput($1, name: "x\($0)") }
        let node = try tape.append(c.op, c.repeated ? [ids[0], ids[0]] : ids, parameter: c.parameter, name: "y")
        let r = tape.appendConstant(weights, name: "R")
        let loss = try tape.append(.dot, [node, r], name: "L")
        return (tape, ids, node, loss)
    }

    static func inputs(_ c: Case, seed: UInt64) -> [Tensor] {
        var random = SplitMix64(seed: seed)
        return (c.repeated ? [c.shapes[0]] : c.shapes).map { TensorTesting.random(Shape($0), in: c.domain, using: &random) }
    }

    @Test(arguments: unaryCases + binaryCases + tensorCases)
    func gradientsMatchCentralDifferences(_ c: Case) throws {
        let inputs = Self.inputs(c, seed: 7)
        var random = SplitMix64(seed: 11)
        let resultShape = try TensorTesting.evaluate(c.op, c.repeated ? [inputs[0], inputs[0]] : inputs, parameter: c.parameter).shape
        let weights = TensorTesting.random(resultShape, in: -1 ... 1, using: &random)
        let (tape, ids, _, loss) = try Self.record(c, inputs, weights: weights)
        let record = try TensorBackward(tape: tape, from: loss)
        for (position, id) in ids.enumerated() {
            let expected = try TensorTesting.centralDifferences(inputs, position) { perturbed in
                let (tape, _, _, loss) = try Self.record(c, perturbed, weights: weights)
                return tape.value(of: loss).elements[0]
            }
            TensorTesting.expectClose(record.gradient(of: id).elements, expected, 1e-6, "\(c.testDescription), operand \(position)")
        }
    }

    /// Row r, column c of each edge's explicit Jacobian is ∂result[r]/∂operand[c] by central differences.
    @Test(arguments: (unaryCases + binaryCases + tensorCases).filter { !$0.repeated })
    func explicitJacobianMatchesFiniteDifferences(_ c: Case) throws {
        let inputs = Self.inputs(c, seed: 3)
        var tape = TensorTape()
        let ids = inputs.enumerated().map { tape.appendInput($1, name: "x\($0)") }
        let node = try tape.append(c.op, ids, parameter: c.parameter)
        let rows = tape.shape(of: node).count
        for edge in tape.edges(of: node) {
            let position = tape.position(of: edge)
            let jacobian = try #require(tape.localJacobian(of: edge))
            #expect(jacobian.rows == rows && jacobian.columns == inputs[position].shape.count)
            for row in 0 ..< rows {
                let expected = try TensorTesting.centralDifferences(inputs, position) {
                    try TensorTesting.evaluate(c.op, $0, parameter: c.parameter).elements[row]
                }
                let actual = (0 ..< jacobian.columns).map { jacobian[row, $0] }
                TensorTesting.expectClose(actual, expected, 1e-6, "\(c.testDescription), edge \(position), row \(row)")
            }
            #expect(tape.rule(of: edge).kind == Self.expectedKind(c, position: position, tape: tape, edge: edge))
        }
    }

    /// The Jacobian kind each op's edges should declare.
    static func expectedKind(_ c: Case, position: Int, tape: TensorTape, edge: Int) -> JacobianKind {
        switch c.op {
        case .input, .constant: preconditionFailure("no edges")
        case .unary: .elementwise
        case .binary: Shape(c.shapes[position]) == tape.shape(of: tape.consumer(of: edge)) ? .elementwise : .broadcastSum
        case .matmul, .softmax, .logsumexp, .dot, .crossEntropy: .dense
        case .sum, .mean: .reduction
        case .transpose: .permutation
        case .index: .selection
        }
    }

    @Test func jacobianLimitIsHonoured() throws {
        var tape = TensorTape()
        let a = tape.appendInput(Tensor(repeating: 1, shape: Shape([65])), name: "a")
        let b = tape.appendInput(Tensor(repeating: 1, shape: Shape([64])), name: "b")
        let big = try tape.append(.unary(.sin), [a]), fits = try tape.append(.unary(.sin), [b])
        #expect(tape.localJacobian(of: tape.edges(of: big).lowerBound) == nil)
        #expect(tape.localJacobian(of: tape.edges(of: fits).lowerBound)?.entries.count == 4096)
        #expect(tape.localJacobian(of: tape.edges(of: big).lowerBound, limit: 65 * 65) != nil)
    }

    @Test func ruleTextsNameTheProductAndShapes() throws {
        var tape = TensorTape()
        let X = tape.appendInput(Tensor(repeating: 1, shape: Shape([4, 3])), name: "X")
        let W = tape.appendInput(Tensor(repeating: 1, shape: Shape([3, 2])), name: "W")
        let b = tape.appendInput(Tensor(repeating: 1, shape: Shape([2])), name: "b")
        let z = try tape.append(.matmul, [X, W])
        let zb = try tape.append(.binary(.add), [z, b])
        let h = try tape.append(.unary(.sigmoid), [zb])
        let left = tape.rule(of: tape.edges(of: z).lowerBound), right = tape.rule(of: tape.edges(of: z).lowerBound + 1)
        #expect(left.description == "matmul, left operand: Ḡ · Bᵀ; Ḡ [4×2] → [4×3]" && left.id == "matmul.left")
        #expect(right.text == "matmul, right operand: Aᵀ · Ḡ" && right.id == "matmul.right")
        let bias = tape.rule(of: tape.edges(of: zb).lowerBound + 1)
        #expect(bias.text == "add, right operand: Ḡ ⊙ 1, broadcast of b: sum over axis 0")
        #expect(bias.kind == .broadcastSum && bias.broadcastAxes == [0] && bias.id == "add.right")
        #expect(tape.rule(of: tape.edges(of: h).lowerBound).text == "sigmoid: Ḡ ⊙ σ(a)(1 − σ(a))")
    }
}
