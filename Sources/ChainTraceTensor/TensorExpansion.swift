import ChainTrace

/// A tensor trace, or one op of it, recorded again on a core scalar `Tape`: `W1 @ x` becomes its
/// multiplications and additions, `softmax` its `exp`, sums and divisions, so every scalar tool
/// (paths, explain, check, report) works on it.
///
/// The expansion is exact: each scalar op is the one the tensor kernel computed, in the same order,
/// so values agree bit for bit and gradients up to rounding (the backward passes add in different
/// orders). Element nodes are named after their tensor (`W1[1,0]`, `x[0]`, or the plain name of a
/// rank-0 tensor). `softmax`, `logsumexp` and `cross_entropy` subtract each slice's largest element as a constant
/// node (`max(z)`): their value does not depend on the shift, so neither does any gradient.
public struct TensorExpansion: Sendable {
    /// The scalar trace.
    public private(set) var tape = Tape()
    /// For each tensor node, the scalar node of each of its elements (row-major); empty for nodes a
    /// zoom leaves out.
    public private(set) var elements: [[NodeID]]
    /// For each tensor node, whether its elements are scalar nodes of its own. `transpose`, `index`
    /// and a sum of one element compute nothing: their elements are their operand's nodes, so the
    /// scalar gradient there is the operand's.
    public private(set) var ownsElements: [Bool]
    /// For a zoom, the seeded output Σ Ḡᵢ·resultᵢ; nil for the whole trace.
    public private(set) var output: NodeID?

    /// The whole tensor trace, node by node.
    public init(expanding tensorTape: TensorTape) {
        elements = Array(repeating: [], count: tensorTape.count)
        ownsElements = Array(repeating: false, count: tensorTape.count)
        for node in 0 ..< tensorTape.count {
            if tensorTape.op(of: node).isLeaf {
                recordLeaf(node, of: tensorTape, op: tensorTape.op(of: node) == .input ? .input : .constant)
            } else {
                record(node, of: tensorTape)
            }
        }
    }

    /// One op (`consumer`) with its operands as inputs, seeded with `upstream` (the consumer's
    /// gradient, its shape): the output is Σ Ḡᵢ·resultᵢ, so the scalar gradient of each operand
    /// element is the tensor contribution of the op's edge(s) from that operand (summed when the op
    /// uses one operand twice).
    public init(zooming consumer: TensorNodeID, on tensorTape: TensorTape, upstream: Tensor) {
        precondition(!tensorTape.op(of: consumer).isLeaf, "a zoom expands an operation, not a leaf")
        precondition(upstream.shape == tensorTape.shape(of: consumer), "the upstream of node \(consumer) has shape \(tensorTape.shape(of: consumer)), not \(upstream.shape)")
        elements = Array(repeating: [], count: tensorTape.count)
        ownsElements = Array(repeating: false, count: tensorTape.count)
        for operand in tensorTape.inputs(of: consumer) where elements[operand].isEmpty {
            recordLeaf(operand, of: tensorTape, op: .input)
        }
        record(consumer, of: tensorTape)
        let line = tensorTape.line(of: consumer)
        let seeded = elements[consumer].enumerated().map { offset, element in
            let gradient = tape.appendLeaf(.constant, value: upstream.elements[offset],
                                           name: Self.elementName("Ḡ", shape: upstream.shape, offset: offset), line: line)
            return tape.appendBinary(.mul, element, gradient, line: line)
        }
        let seed = fold(seeded, line: line)
        tape.setName("Σ Ḡ ⊙ " + Self.displayName(of: consumer, on: tensorTape), of: seed)
        output = seed
    }

    /// The scalar node of one element of a whole-trace expansion's one-element tensor node (the
    /// node a backward pass runs from).
    public func scalarOutput(of node: TensorNodeID) -> NodeID {
        precondition(elements[node].count == 1, "node \(node) has \(elements[node].count) elements, not one")
        return elements[node][0]
    }

    /// `W1[1,0]` (rank 2), `x[0]` (rank 1), `J` (rank 0): the name of one element, by its row-major offset.
    public static func elementName(_ name: String, shape: Shape, offset: Int) -> String {
        shape.rank == 0 ? name : name + "[" + shape.index(of: offset).map(String.init).joined(separator: ",") + "]"
    }

    /// A tensor node's name, or `t5` for unnamed node 5.
    public static func displayName(of node: TensorNodeID, on tensorTape: TensorTape) -> String {
        tensorTape.name(of: node) ?? "t\(node)"
    }

    private mutating func recordLeaf(_ node: TensorNodeID, of tensorTape: TensorTape, op: Op) {
        let value = tensorTape.value(of: node), line = tensorTape.line(of: node)
        let name = op == .input ? Self.displayName(of: node, on: tensorTape) : tensorTape.name(of: node)
        elements[node] = value.elements.indices.map { offset in
            tape.appendLeaf(op, value: value.elements[offset], name: name.map { Self.elementName($0, shape: value.shape, offset: offset) }, line: line)
        }
        ownsElements[node] = true
    }

    /// Records one op's scalar ops from its operands' element nodes, and names its own elements.
    private mutating func record(_ node: TensorNodeID, of tensorTape: TensorTape) {
        let operands = tensorTape.inputs(of: node)
        let shapes = operands.map { tensorTape.shape(of: $0) }
        let inputs = operands.map { elements[$0] }
        let line = tensorTape.line(of: node)
        let before = tape.count
        let result: [NodeID]
        switch tensorTape.op(of: node) {
        case .input, .constant: preconditionFailure("leaves are recorded by recordLeaf")
        case .unary(let op):
            result = inputs[0].map { tape.appendUnary(op, $0, parameter: tensorTape.parameter(of: node), line: line) }
        case .binary(let op):
            let shape = tensorTape.shape(of: node)
            let left = Broadcast.offsets(of: shapes[0], in: shape), right = Broadcast.offsets(of: shapes[1], in: shape)
            result = (0 ..< shape.count).map { tape.appendBinary(op, inputs[0][left[$0]], inputs[1][right[$0]], line: line) }
        case .matmul:
            guard let product = try? MatrixProduct(shapes[0], shapes[1]) else { preconditionFailure("a recorded matmul has matching shapes") }
            result = (0 ..< product.m * product.n).map { cell in
                let (i, j) = cell.quotientAndRemainder(dividingBy: product.n)
                let terms = (0 ..< product.k).map { p in
                    tape.appendBinary(.mul, inputs[0][i * product.k + p], inputs[1][p * product.n + j], line: line)
                }
                return fold(terms, line: line)
            }
        case .sum(let axis), .mean(let axis):
            let slices = Slices(recorded: tensorTape.op(of: node), shapes[0], axis: axis)
            var sums = slices.gather(inputs[0]).map { fold($0, line: line) }
            if case .mean = tensorTape.op(of: node) {
                let length = tape.appendLeaf(.constant, value: Double(slices.length), line: line)
                sums = sums.map { tape.appendBinary(.div, $0, length, line: line) }
            }
            result = sums
        case .transpose:
            result = Kernels.transpose(inputs[0], shapes[0])
        case .softmax:
            let slices = Slices(lastAxisOf: shapes[0])
            let values = tensorTape.value(of: operands[0]).elements
            result = (0 ..< slices.outer).flatMap { row in
                let base = row * slices.length
                let shift = tape.appendLeaf(.constant, value: slices.maximum(values, outer: row, inner: 0), name: "max(z)", line: line)
                let exps = inputs[0][base ..< base + slices.length].map {
                    tape.appendUnary(.exp, tape.appendBinary(.sub, $0, shift, line: line), line: line)
                }
                let total = fold(exps, line: line)
                return exps.map { tape.appendBinary(.div, $0, total, line: line) }
            }
        case .logsumexp(let axis):
            let slices = Slices(recorded: tensorTape.op(of: node), shapes[0], axis: axis)
            let values = tensorTape.value(of: operands[0]).elements
            result = slices.gather(inputs[0]).enumerated().map { slice, members in
                let (outer, inner) = slice.quotientAndRemainder(dividingBy: slices.inner)
                let shift = tape.appendLeaf(.constant, value: slices.maximum(values, outer: outer, inner: inner), name: "max(z)", line: line)
                let exps = members.map { tape.appendUnary(.exp, tape.appendBinary(.sub, $0, shift, line: line), line: line) }
                return tape.appendBinary(.add, shift, tape.appendUnary(.log, fold(exps, line: line), line: line), line: line)
            }
        case .dot:
            result = [fold(zip(inputs[0], inputs[1]).map { tape.appendBinary(.mul, $0, $1, line: line) }, line: line)]
        case .crossEntropy:
            let slices = Slices(lastAxisOf: shapes[0])
            let values = tensorTape.value(of: operands[0]).elements
            let terms = (0 ..< slices.outer).flatMap { row in
                let shift = tape.appendLeaf(.constant, value: slices.maximum(values, outer: row, inner: 0), name: "max(z)", line: line)
                let logits = inputs[0][row * slices.length ..< (row + 1) * slices.length]
                let exps = logits.map { tape.appendUnary(.exp, tape.appendBinary(.sub, $0, shift, line: line), line: line) }
                let lse = tape.appendBinary(.add, shift, tape.appendUnary(.log, fold(exps, line: line), line: line), line: line)
                return zip(logits, inputs[1][row * slices.length ..< (row + 1) * slices.length]).map { logit, target in
                    tape.appendBinary(.mul, target, tape.appendBinary(.sub, logit, lse, line: line), line: line)
                }
            }
            result = [tape.appendUnary(.neg, fold(terms, line: line), line: line)]
        case .index(let index):
            result = [inputs[0][shapes[0].offset(of: index)]]
        }
        elements[node] = result
        ownsElements[node] = result.allSatisfy { $0 >= before }
        if ownsElements[node], let name = tensorTape.name(of: node) {
            let shape = tensorTape.shape(of: node)
            for (offset, element) in result.enumerated() { tape.setName(Self.elementName(name, shape: shape, offset: offset), of: element) }
        }
    }

    /// `((t₀ + t₁) + t₂) + …`, the order the tensor kernels add in; one term is itself.
    private mutating func fold(_ terms: [NodeID], line: Int32) -> NodeID {
        var total = terms[0]
        for term in terms.dropFirst() { total = tape.appendBinary(.add, total, term, line: line) }
        return total
    }
}

extension Slices {
    /// The members of each slice, in the reduced result's row-major order.
    func gather<Element>(_ elements: [Element]) -> [[Element]] {
        (0 ..< outer * inner).map { slice in
            let (outer, inner) = slice.quotientAndRemainder(dividingBy: self.inner)
            return (0 ..< length).map { elements[offset(outer: outer, position: $0, inner: inner)] }
        }
    }
}
