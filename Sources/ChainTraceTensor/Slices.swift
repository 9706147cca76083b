/// A tensor seen as `outer × length × inner` around one axis, for reductions along it.
///
/// A reduction over all elements is one slice (`outer` = `inner` = 1); the element at
/// (`outer`, `position`, `inner`) sits at `(outer · length + position) · inner + inner`.
struct Slices {
    /// The product of the dimensions before the axis.
    let outer: Int
    /// The axis's length: how many elements each reduction combines.
    let length: Int
    /// The product of the dimensions after the axis.
    let inner: Int
    /// The shape left after reducing (the axis removed; a scalar for a reduction over everything).
    let result: Shape

    /// The slices of `op` (`sum`, `mean`, `logsumexp`) along `axis` of `shape`, or all elements for nil.
    init(_ op: TensorOp, _ shape: Shape, axis: Int?) throws(ShapeError) {
        guard let axis else {
            (outer, length, inner, result) = (1, shape.count, 1, .scalar)
            return
        }
        guard axis >= 0 && axis < shape.rank else {
            throw ShapeError(op: op, shapes: [shape], message: "shape \(shape) has no axis \(axis) (its rank is \(shape.rank))")
        }
        let dimensions = shape.dimensions
        outer = dimensions[..<axis].reduce(1, *)
        length = dimensions[axis]
        inner = dimensions[(axis + 1)...].reduce(1, *)
        var kept = dimensions
        kept.remove(at: axis)
        result = Shape(kept)
    }

    /// The slices of a reduction already on a tape, whose axis was checked when it was recorded.
    init(recorded op: TensorOp, _ shape: Shape, axis: Int?) {
        do {
            try self.init(op, shape, axis: axis)
        } catch {
            preconditionFailure("a recorded \(op.name) has a valid axis: \(error)")
        }
    }

    /// The rows of the last axis (softmax's slices); a scalar is one row of one.
    init(lastAxisOf shape: Shape) {
        length = shape.dimensions.last ?? 1
        outer = shape.count / length
        inner = 1
        result = shape
    }

    /// The row-major offset of element `position` of slice (`outer`, `inner`).
    func offset(outer: Int, position: Int, inner: Int) -> Int {
        (outer * length + position) * self.inner + inner
    }

    /// The largest element of slice (`outer`, `inner`): softmax and logsumexp subtract it before `exp`.
    func maximum(_ elements: [Double], outer: Int, inner: Int) -> Double {
        var m = elements[offset(outer: outer, position: 0, inner: inner)]
        for position in 1 ..< length { m = Swift.max(m, elements[offset(outer: outer, position: position, inner: inner)]) }
        return m
    }
}
