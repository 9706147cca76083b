import ChainTrace
import ChainTraceAnalysis

/// An edge's local derivative as a rule: the vector-Jacobian product that turns the upstream
/// gradient Ḡ (shape of the consumer) into the contribution (shape of the operand), named and with shapes.
public struct TensorRule: Sendable, Hashable, CustomStringConvertible {
    /// A stable id for trace JSON: the op's name, with `.left` / `.right` for two-operand ops
    /// (`sigmoid`, `add.right`, `matmul.left`, `sum`).
    public let id: String
    /// The product as text: `matmul, left operand: Ḡ · Bᵀ`, `sigmoid: Ḡ ⊙ σ(a)(1 − σ(a))`,
    /// `add, right operand: Ḡ ⊙ 1, broadcast of b: sum over axis 0`.
    public let text: String
    /// The structure of the local Jacobian.
    public let kind: JacobianKind
    /// The shape of the upstream gradient Ḡ: the consumer's shape.
    public let upstreamShape: Shape
    /// The shape of the contribution: the operand's shape.
    public let operandShape: Shape
    /// The consumer's axes that broadcasting expanded the operand over (summed when un-broadcasting); empty when none.
    public let broadcastAxes: [Int]

    /// The text with the shapes: `matmul, left operand: Ḡ · Bᵀ; Ḡ [2×4] → [2×3]`.
    public var description: String { "\(text); Ḡ \(upstreamShape) → \(operandShape)" }
}

extension TensorTape {
    /// The rule of an edge: its vector-Jacobian product as text, its Jacobian's structure and shapes.
    public func rule(of edge: Int) -> TensorRule {
        let consumer = consumer(of: edge), position = position(of: edge)
        let op = op(of: consumer)
        let upstreamShape = shape(of: consumer), operandShape = shape(of: operand(of: edge))
        let side = op.arity == 2 ? (position == 0 ? "left" : "right") : nil
        var axes: [Int] = []
        let kind: JacobianKind
        let product: String
        switch op {
        case .input, .constant: preconditionFailure("leaves have no edges")
        case .unary(let unary):
            kind = .elementwise
            product = "Ḡ ⊙ " + unary.rule.partial(.number(parameter(of: consumer))).text()
        case .binary(let binary):
            axes = operandShape.broadcastAxes(to: upstreamShape)
            kind = axes.isEmpty ? .elementwise : .broadcastSum
            let partial = position == 0 ? binary.rule.partials.0 : binary.rule.partials.1
            product = "Ḡ ⊙ " + partial.text() + (axes.isEmpty ? "" : ", broadcast of \(position == 0 ? "a" : "b"): sum over " + Self.axesText(axes))
        case .matmul:
            kind = .dense
            product = Self.matmulProduct(left: position == 0, shape(of: inputs(of: consumer)[0]).rank, shape(of: inputs(of: consumer)[1]).rank)
        case .sum(let axis):
            kind = .reduction
            product = axis.map { "Ḡ repeated along axis \($0)" } ?? "Ḡ repeated to every element"
        case .mean(let axis):
            kind = .reduction
            let length = axis.map { operandShape.dimensions[$0] } ?? operandShape.count
            product = axis.map { "Ḡ / \(length) repeated along axis \($0)" } ?? "Ḡ / \(length) repeated to every element"
        case .transpose:
            kind = .permutation
            product = operandShape.rank == 2 ? "Ḡᵀ" : "Ḡ"
        case .softmax:
            kind = .dense
            product = "y ⊙ (Ḡ − Σ Ḡ ⊙ y) over the last axis, y = softmax(a)"
        case .logsumexp(let axis):
            kind = .dense
            product = "Ḡ ⊙ softmax(a)" + (axis.map { " along axis \($0)" } ?? "")
        case .dot:
            kind = .dense
            product = position == 0 ? "Ḡ · b" : "Ḡ · a"
        case .index(let index):
            kind = .selection
            let indexText = index.map(String.init).joined(separator: ", ")
            product = "Ḡ at [\(indexText)], 0 elsewhere"
        case .crossEntropy:
            // For a target whose rows do not sum to 1 the contribution is Ḡ · (Σb·softmax(a) − b); the
            // text names the case the op is for, a distribution such as a one-hot label.
            kind = .dense
            product = position == 0
                ? "Ḡ · (softmax(a) − b), b a constant target distribution"
                : "−Ḡ · log softmax(a)"
        }
        let name = op.name + (side.map { ", \($0) operand" } ?? "")
        return TensorRule(id: op.name + (side.map { "." + $0 } ?? ""), text: name + ": " + product, kind: kind,
                          upstreamShape: upstreamShape, operandShape: operandShape, broadcastAxes: axes)
    }

    /// `axis 0`, `axes 0, 1`.
    private static func axesText(_ axes: [Int]) -> String {
        (axes.count == 1 ? "axis " : "axes ") + axes.map(String.init).joined(separator: ", ")
    }

    /// The contribution of `A @ B` to one operand, by the operands' ranks (a vector is one row on the
    /// left, one column on the right; `⊗` is the outer product).
    private static func matmulProduct(left: Bool, _ leftRank: Int, _ rightRank: Int) -> String {
        switch (leftRank, rightRank) {
        case (2, 2): left ? "Ḡ · Bᵀ" : "Aᵀ · Ḡ"
        case (2, _): left ? "Ḡ ⊗ b" : "Aᵀ · Ḡ"
        case (_, 2): left ? "B · Ḡ" : "a ⊗ Ḡ"
        default: left ? "Ḡ · b" : "Ḡ · a"
        }
    }
}
