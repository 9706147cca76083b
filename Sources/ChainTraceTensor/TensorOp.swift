import ChainTrace

/// The kind of a recorded tensor node: a leaf, an elementwise primitive of the core, or a tensor operation.
///
/// Elementwise cases reuse the core's rule records (`UnaryOp.rule`, `BinaryOp.rule`), so a scalar op
/// and its elementwise tensor version compute the same value and local partials.
public enum TensorOp: Sendable, Hashable {
    /// A named input leaf: its gradient is what a user asks for.
    case input
    /// A constant leaf.
    case constant
    /// A core one-operand primitive applied to every element (`powc` keeps its exponent as the node's parameter).
    case unary(UnaryOp)
    /// A core two-operand primitive applied elementwise, the operands broadcast NumPy's way.
    case binary(BinaryOp)
    /// `A @ B`: matrix·matrix, matrix·vector, vector·matrix or vector·vector (a scalar).
    case matmul
    /// The sum of all elements (nil, a scalar) or along one axis (that axis removed).
    case sum(axis: Int?)
    /// The mean of all elements (nil) or along one axis (that axis removed).
    case mean(axis: Int?)
    /// A matrix's transpose; a scalar or a vector is its own transpose.
    case transpose
    /// `exp(zᵢ) / Σⱼ exp(zⱼ)` over the last axis.
    case softmax
    /// `log Σ exp(zᵢ)` over all elements (nil, a scalar) or along one axis (that axis removed).
    case logsumexp(axis: Int?)
    /// `Σ aᵢ·bᵢ` of two tensors of one shape: a scalar.
    case dot
    /// One element, a rank-0 result: `W[1, 0]`.
    case index([Int])
    /// `−Σ y·log softmax(z)` of logits z and a target y of one shape, softmax over the last axis and
    /// every row summed: a scalar. Fused so that ∂loss/∂z = softmax(z) − y is one edge's contribution.
    case crossEntropy

    /// The stable lower-case name trace JSON uses: `matmul`, `sum`, and the core's names (`add`,
    /// `sigmoid`, `input`, `const`) for leaves and elementwise primitives. Axes and indices are not part of it.
    public var name: String {
        switch self {
        case .input: Op.input.rawValue
        case .constant: Op.constant.rawValue
        case .unary(let op): op.rawValue
        case .binary(let op): op.rawValue
        case .matmul: "matmul"
        case .sum: "sum"
        case .mean: "mean"
        case .transpose: "transpose"
        case .softmax: "softmax"
        case .logsumexp: "logsumexp"
        case .dot: "dot"
        case .index: "index"
        case .crossEntropy: "cross_entropy"
        }
    }

    /// The op named `name` (as ``name`` spells it) with its axis or index, or nil for an unknown name
    /// or a detail the op does not take (an axis given to `matmul`, an index missing for `index`).
    public init?(name: String, axis: Int? = nil, index: [Int]? = nil) {
        let op: TensorOp?
        switch name {
        case "matmul": op = .matmul
        case "sum": op = .sum(axis: axis)
        case "mean": op = .mean(axis: axis)
        case "transpose": op = .transpose
        case "softmax": op = .softmax
        case "logsumexp": op = .logsumexp(axis: axis)
        case "dot": op = .dot
        case "index": op = index.map(TensorOp.index)
        case "cross_entropy": op = .crossEntropy
        default:
            switch Op(rawValue: name)?.kind {
            case .leaf: op = name == Op.input.rawValue ? .input : .constant
            case .unary(let unary): op = .unary(unary)
            case .binary(let binary): op = .binary(binary)
            case nil: op = nil
            }
        }
        guard let op, op.axis == axis, op.selectedIndex == index else { return nil }
        self = op
    }

    /// The axis of `sum`, `mean` or `logsumexp` along one axis; nil otherwise.
    public var axis: Int? {
        switch self {
        case .sum(let axis), .mean(let axis), .logsumexp(let axis): axis
        default: nil
        }
    }

    /// The index `index` selects; nil for every other op.
    public var selectedIndex: [Int]? {
        if case .index(let index) = self { return index }
        return nil
    }

    /// How many operands the op takes: 0 for leaves, 2 for `binary`, `matmul`, `dot` and `crossEntropy`, else 1.
    public var arity: Int {
        switch self {
        case .input, .constant: 0
        case .binary, .matmul, .dot, .crossEntropy: 2
        case .unary, .sum, .mean, .transpose, .softmax, .logsumexp, .index: 1
        }
    }

    /// Whether the node is a leaf (an input or a constant).
    public var isLeaf: Bool { arity == 0 }
}
