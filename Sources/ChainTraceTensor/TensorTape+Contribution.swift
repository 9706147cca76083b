import ChainTrace
import RealModule

extension TensorTape {
    /// The contribution an edge sends to its operand for an upstream gradient Ḡ: the vector-Jacobian
    /// product of its rule (``rule(of:)``), un-broadcast to the operand's shape.
    ///
    /// `upstream` has the consumer's shape. The backward pass calls this once per edge; the explicit
    /// Jacobian (``localJacobian(of:limit:)``) calls it once per consumer element with a unit vector.
    public func contribution(of edge: Int, upstream: Tensor) -> Tensor {
        let consumer = consumer(of: edge), position = position(of: edge)
        precondition(upstream.shape == shape(of: consumer), "the upstream of this edge has shape \(shape(of: consumer)), not \(upstream.shape)")
        let operandValues = inputs(of: consumer).map { value(of: $0) }
        let operand = operandValues[position]
        let g = upstream.elements
        switch op(of: consumer) {
        case .input, .constant: preconditionFailure("leaves have no edges")
        case .unary(let unary):
            let evaluate = unary.rule.evaluate, p = parameter(of: consumer)
            var result = g
            for i in result.indices { result[i] *= evaluate(operand.elements[i], p).partial }
            return Tensor(shape: operand.shape, elements: result)
        case .binary(let binary):
            return Self.binaryContribution(binary, position: position, operandValues[0], operandValues[1], upstream: upstream)
        case .matmul:
            // The shapes were checked when the node was recorded.
            guard let product = try? MatrixProduct(operandValues[0].shape, operandValues[1].shape) else {
                preconditionFailure("a recorded matmul has matching shapes")
            }
            let elements = position == 0
                ? product.leftContribution(upstream: g, b: operandValues[1].elements)
                : product.rightContribution(upstream: g, a: operandValues[0].elements)
            return Tensor(shape: operand.shape, elements: elements)
        case .sum(let axis), .mean(let axis):
            let slices = Slices(recorded: op(of: consumer), operand.shape, axis: axis)
            var scale = 1.0
            if case .mean = op(of: consumer) { scale = 1 / Double(slices.length) }
            var result = [Double](repeating: 0, count: operand.shape.count)
            for outer in 0 ..< slices.outer {
                for position in 0 ..< slices.length {
                    for inner in 0 ..< slices.inner {
                        result[slices.offset(outer: outer, position: position, inner: inner)] = g[outer * slices.inner + inner] * scale
                    }
                }
            }
            return Tensor(shape: operand.shape, elements: result)
        case .transpose:
            return Tensor(shape: operand.shape, elements: Kernels.transpose(upstream).elements)
        case .softmax:
            let y = value(of: consumer).elements
            let slices = Slices(lastAxisOf: operand.shape)
            var result = [Double](repeating: 0, count: y.count)
            for row in 0 ..< slices.outer {
                let base = row * slices.length
                var weighted = 0.0
                for i in base ..< base + slices.length { weighted += g[i] * y[i] }
                for i in base ..< base + slices.length { result[i] = y[i] * (g[i] - weighted) }
            }
            return Tensor(shape: operand.shape, elements: result)
        case .logsumexp(let axis):
            return Self.logsumexpContribution(operand, Slices(recorded: op(of: consumer), operand.shape, axis: axis), upstream: g)
        case .dot:
            let other = operandValues[1 - position].elements
            return Tensor(shape: operand.shape, elements: other.map { g[0] * $0 })
        case .index(let index):
            var result = [Double](repeating: 0, count: operand.shape.count)
            result[operand.shape.offset(of: index)] = g[0]
            return Tensor(shape: operand.shape, elements: result)
        case .crossEntropy:
            return Self.crossEntropyContribution(position: position, operandValues[0], operandValues[1], upstream: g[0])
        }
    }

    /// Per row of the last axis, with p = softmax(z): Ḡ·(Σy·p − y) to the logits z (Ḡ·(p − y) for a
    /// target that sums to 1), −Ḡ·log p = −Ḡ·(z − lse) to the target y.
    private static func crossEntropyContribution(position: Int, _ z: Tensor, _ y: Tensor, upstream g: Double) -> Tensor {
        let slices = Slices(lastAxisOf: z.shape)
        var result = [Double](repeating: 0, count: z.shape.count)
        for row in 0 ..< slices.outer {
            let rows = row * slices.length ..< (row + 1) * slices.length
            let lse = Kernels.logSumExp(z.elements, slices, row: row)
            if position == 1 {
                for i in rows { result[i] = -g * (z.elements[i] - lse) }
                continue
            }
            var mass = 0.0
            for i in rows { mass += y.elements[i] }
            for i in rows { result[i] = g * (Double.exp(z.elements[i] - lse) * mass - y.elements[i]) }
        }
        return Tensor(shape: z.shape, elements: result)
    }

    /// Ḡ ⊙ ∂(a op b)/∂operand, summed over the axes the operand was broadcast along.
    private static func binaryContribution(_ op: BinaryOp, position: Int, _ a: Tensor, _ b: Tensor, upstream: Tensor) -> Tensor {
        let evaluate = op.rule.evaluate
        let result = upstream.shape
        let operandShape = position == 0 ? a.shape : b.shape
        if a.shape == b.shape {
            var elements = upstream.elements
            for i in elements.indices {
                let partials = evaluate(a.elements[i], b.elements[i]).partials
                elements[i] *= position == 0 ? partials.0 : partials.1
            }
            return Tensor(shape: operandShape, elements: elements)
        }
        let left = Broadcast.offsets(of: a.shape, in: result), right = Broadcast.offsets(of: b.shape, in: result)
        let target = position == 0 ? left : right
        var elements = [Double](repeating: 0, count: operandShape.count)
        for i in 0 ..< result.count {
            let partials = evaluate(a.elements[left[i]], b.elements[right[i]]).partials
            elements[target[i]] += upstream.elements[i] * (position == 0 ? partials.0 : partials.1)
        }
        return Tensor(shape: operandShape, elements: elements)
    }

    /// Ḡ ⊙ softmax(a) per slice, with the forward pass's shift (the slice's largest element).
    private static func logsumexpContribution(_ a: Tensor, _ slices: Slices, upstream g: [Double]) -> Tensor {
        var result = [Double](repeating: 0, count: a.shape.count)
        for outer in 0 ..< slices.outer {
            for inner in 0 ..< slices.inner {
                let m = slices.maximum(a.elements, outer: outer, inner: inner)
                var total = 0.0
                for position in 0 ..< slices.length {
                    let offset = slices.offset(outer: outer, position: position, inner: inner)
                    result[offset] = Double.exp(a.elements[offset] - m)
                    total += result[offset]
                }
                let scale = g[outer * slices.inner + inner] / total
                for position in 0 ..< slices.length { result[slices.offset(outer: outer, position: position, inner: inner)] *= scale }
            }
        }
        return Tensor(shape: a.shape, elements: result)
    }
}
