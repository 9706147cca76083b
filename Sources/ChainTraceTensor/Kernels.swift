import ChainTrace
import RealModule

/// The forward arithmetic of every tensor op: plain loops over contiguous row-major arrays.
///
/// Every sum is a left fold in index order starting from the first term, so the scalar expansion
/// (``TensorExpansion``), which records the same additions one by one, gets bit-identical values.
enum Kernels {
    static func evaluate(_ op: TensorOp, _ operands: [Tensor], parameter: Double) throws(ShapeError) -> Tensor {
        switch op {
        case .input, .constant: preconditionFailure("leaves have no arithmetic")
        case .unary(let unary): return Self.unary(unary, operands[0], parameter: parameter)
        case .binary(let binary): return try Self.binary(binary, operands[0], operands[1])
        case .matmul: return try matmul(operands[0], operands[1])
        case .sum(let axis), .mean(let axis):
            let slices = try Slices(op, operands[0].shape, axis: axis)
            var result = sum(operands[0], slices)
            if case .mean = op {
                let length = Double(slices.length)
                for i in result.elements.indices { result.elements[i] /= length }
            }
            return result
        case .transpose:
            // Rank 0 and 1 are their own transpose; rank 2 swaps rows and columns. Higher ranks would need
            // an axis order, which `transpose` does not take.
            guard operands[0].shape.rank <= 2 else {
                throw ShapeError(op: op, shapes: [operands[0].shape], message: "shape \(operands[0].shape) has rank \(operands[0].shape.rank); transpose takes a scalar, a vector or a matrix")
            }
            return transpose(operands[0])
        case .softmax: return softmax(operands[0])
        case .logsumexp(let axis): return logsumexp(operands[0], try Slices(op, operands[0].shape, axis: axis))
        case .dot: return try dot(operands[0], operands[1])
        case .index(let index): return Tensor(scalar: operands[0].elements[try offset(of: index, in: operands[0].shape)])
        case .crossEntropy: return try crossEntropy(operands[0], operands[1])
        }
    }

    static func unary(_ op: UnaryOp, _ a: Tensor, parameter: Double) -> Tensor {
        let evaluate = op.rule.evaluate
        return Tensor(shape: a.shape, elements: a.elements.map { evaluate($0, parameter).value })
    }

    static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws(ShapeError) -> Tensor {
        guard let shape = Shape.broadcast(a.shape, b.shape) else {
            throw ShapeError(op: .binary(op), shapes: [a.shape, b.shape],
                             message: "shapes \(a.shape) and \(b.shape) do not broadcast (trailing dimensions must be equal or 1)")
        }
        let evaluate = op.rule.evaluate
        var result = [Double](repeating: 0, count: shape.count)
        if a.shape == b.shape {
            for i in result.indices { result[i] = evaluate(a.elements[i], b.elements[i]).value }
        } else {
            let left = Broadcast.offsets(of: a.shape, in: shape), right = Broadcast.offsets(of: b.shape, in: shape)
            for i in result.indices { result[i] = evaluate(a.elements[left[i]], b.elements[right[i]]).value }
        }
        return Tensor(shape: shape, elements: result)
    }

    static func matmul(_ a: Tensor, _ b: Tensor) throws(ShapeError) -> Tensor {
        let product = try MatrixProduct(a.shape, b.shape)
        return Tensor(shape: product.result, elements: product.multiply(a.elements, b.elements))
    }

    static func sum(_ a: Tensor, _ slices: Slices) -> Tensor {
        var result = [Double](repeating: 0, count: slices.outer * slices.inner)
        for outer in 0 ..< slices.outer {
            for position in 0 ..< slices.length {
                let base = (outer * slices.length + position) * slices.inner
                for inner in 0 ..< slices.inner {
                    result[outer * slices.inner + inner] += a.elements[base + inner]
                }
            }
        }
        return Tensor(shape: slices.result, elements: result)
    }

    static func transpose(_ a: Tensor) -> Tensor {
        Tensor(shape: Shape(a.shape.dimensions.reversed()), elements: transpose(a.elements, a.shape))
    }

    /// The elements of a matrix of `shape`, transposed (row-major); a scalar's or a vector's unchanged.
    static func transpose<Element>(_ elements: [Element], _ shape: Shape) -> [Element] {
        guard shape.rank == 2 else { return elements }
        let rows = shape.dimensions[0], columns = shape.dimensions[1]
        return (0 ..< elements.count).map { offset in
            let (column, row) = offset.quotientAndRemainder(dividingBy: rows)
            return elements[row * columns + column]
        }
    }

    /// `eᶻⁱ⁻ᵐ / Σⱼ eᶻʲ⁻ᵐ` per row of the last axis, `m` the row's largest element (so no `exp` overflows).
    static func softmax(_ a: Tensor) -> Tensor {
        let slices = Slices(lastAxisOf: a.shape)
        var result = [Double](repeating: 0, count: a.shape.count)
        for row in 0 ..< slices.outer {
            let base = row * slices.length
            let m = slices.maximum(a.elements, outer: row, inner: 0)
            var total = 0.0
            for i in base ..< base + slices.length {
                result[i] = Double.exp(a.elements[i] - m)
                total += result[i]
            }
            for i in base ..< base + slices.length { result[i] /= total }
        }
        return Tensor(shape: a.shape, elements: result)
    }

    /// `m + log Σ eᶻⁱ⁻ᵐ` per slice, `m` the slice's largest element.
    static func logsumexp(_ a: Tensor, _ slices: Slices) -> Tensor {
        var result = [Double](repeating: 0, count: slices.outer * slices.inner)
        for outer in 0 ..< slices.outer {
            for inner in 0 ..< slices.inner {
                let m = slices.maximum(a.elements, outer: outer, inner: inner)
                var total = 0.0
                for position in 0 ..< slices.length {
                    total += Double.exp(a.elements[slices.offset(outer: outer, position: position, inner: inner)] - m)
                }
                result[outer * slices.inner + inner] = m + Double.log(total)
            }
        }
        return Tensor(shape: slices.result, elements: result)
    }

    /// `−Σ y·(z − lse(z))` over every row of the last axis, `lse = m + log Σ eᶻⁱ⁻ᵐ` per row as in
    /// `logsumexp(_:_:)`; the terms are added in row-major order, then negated.
    static func crossEntropy(_ z: Tensor, _ y: Tensor) throws(ShapeError) -> Tensor {
        guard z.shape == y.shape else {
            throw ShapeError(op: .crossEntropy, shapes: [z.shape, y.shape],
                             message: "logits \(z.shape) and target \(y.shape) do not match for a cross-entropy (they must be equal)")
        }
        let slices = Slices(lastAxisOf: z.shape)
        var total: Double?
        for row in 0 ..< slices.outer {
            let base = row * slices.length
            let lse = logSumExp(z.elements, slices, row: row)
            for i in base ..< base + slices.length {
                let term = y.elements[i] * (z.elements[i] - lse)
                total = total.map { $0 + term } ?? term
            }
        }
        return Tensor(scalar: -(total ?? 0))
    }

    /// `m + log Σ eᶻⁱ⁻ᵐ` of one row of the last axis, `m` the row's largest element.
    static func logSumExp(_ z: [Double], _ slices: Slices, row: Int) -> Double {
        let m = slices.maximum(z, outer: row, inner: 0)
        var total = 0.0
        for i in row * slices.length ..< (row + 1) * slices.length { total += Double.exp(z[i] - m) }
        return m + Double.log(total)
    }

    static func dot(_ a: Tensor, _ b: Tensor) throws(ShapeError) -> Tensor {
        guard a.shape == b.shape else {
            throw ShapeError(op: .dot, shapes: [a.shape, b.shape], message: "shapes \(a.shape) and \(b.shape) do not match for a dot product (they must be equal)")
        }
        var total = 0.0
        for i in a.elements.indices { total += a.elements[i] * b.elements[i] }
        return Tensor(scalar: total)
    }

    /// The row-major offset of `index` in `shape`, or a ``ShapeError`` naming both.
    static func offset(of index: [Int], in shape: Shape) throws(ShapeError) -> Int {
        let indexText = "[" + index.map(String.init).joined(separator: ", ") + "]"
        guard index.count == shape.rank else {
            throw ShapeError(op: .index(index), shapes: [shape],
                             message: "index \(indexText) has \(index.count) position(s) but shape \(shape) has rank \(shape.rank)")
        }
        guard zip(index, shape.dimensions).allSatisfy({ $0 >= 0 && $0 < $1 }) else {
            throw ShapeError(op: .index(index), shapes: [shape], message: "index \(indexText) is out of bounds for shape \(shape)")
        }
        return shape.offset(of: index)
    }
}
