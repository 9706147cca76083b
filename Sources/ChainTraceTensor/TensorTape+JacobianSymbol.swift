import ChainTrace
import ChainTraceAnalysis

extension TensorTape {
    /// An edge's local Jacobian ∂consumer/∂operand as a symbol of the operands' names (an unnamed
    /// node is `t5`): `diag(σ′(t5))` for an elementwise function, `I` and `diag(b)` for sums and
    /// products, `W2` and `I ⊗ xᵀ` for the operands of `W2 @ x`, `1ᵀ` for a sum, `diag(s) − s·sᵀ` for a
    /// softmax, `1₄ ⊗ I₃` for a [3] broadcast over the rows of a [4×3]: the copy, four identities stacked.
    ///
    /// Rows are the consumer's elements and columns the operand's, both row-major, so `I ⊗ xᵀ` is
    /// ∂(W·x)/∂W with W flattened row by row.
    public func jacobianSymbol(of edge: Int) -> String {
        let consumer = consumer(of: edge), position = position(of: edge)
        let names = inputs(of: consumer).map { TensorExpansion.displayName(of: $0, on: self) }
        let me = names[position]
        let operandNodes = inputs(of: consumer)
        // An unnamed one-element constant (the ½ of a loss) is written as its number, so `0.5·I`, not `diag(t14)`.
        let substitute = { (formula: Formula) in
            formula.substituting { position in
                guard operandNodes.indices.contains(position) else { return .symbol("?") }
                let operand = operandNodes[position]
                if case .constant = self.op(of: operand), self.name(of: operand) == nil, self.value(of: operand).elements.count == 1 {
                    return .number(self.value(of: operand).elements[0])
                }
                return .symbol(names[position])
            }
        }
        switch op(of: consumer) {
        case .input, .constant:
            preconditionFailure("leaves have no edges")
        case .unary(let unary):
            if unary.rule.isCallable, case .function(let function, _) = unary.rule.expression(.number(parameter(of: consumer))) {
                return "diag(\(function.rawValue)′(\(me)))"
            }
            return Self.diagonal(substitute(unary.rule.partial(.number(parameter(of: consumer)))))
        case .binary(let binary):
            let partial = Self.diagonal(substitute(position == 0 ? binary.rule.partials.0 : binary.rule.partials.1))
            // A broadcast operand: the partial (of the result's shape) times the copy the broadcast makes.
            guard let copy = Self.broadcastCopy(shape(of: consumer), over: rule(of: edge).broadcastAxes) else { return partial }
            let factor = copy.contains(" ") ? "(\(copy))" : copy
            switch partial {
            case "I": return copy
            case "−I": return "−" + factor
            default: return partial + "·" + factor
            }
        case .matmul:
            let ranks = (shape(of: inputs(of: consumer)[0]).rank, shape(of: inputs(of: consumer)[1]).rank)
            switch (ranks.0, ranks.1, position) {
            case (2, 2, 0): return "I ⊗ \(names[1])ᵀ"
            case (2, 2, _): return "\(names[0]) ⊗ I"
            case (2, _, 0): return "I ⊗ \(names[1])ᵀ"
            case (2, _, _): return names[0]
            case (_, 2, 0): return "\(names[1])ᵀ"
            case (_, 2, _): return "\(names[0])ᵀ ⊗ I"
            default: return "\(names[1 - position])ᵀ"
            }
        case .sum(let axis):
            return axis.map { "Σ over axis \($0)" } ?? "1ᵀ"
        case .mean(let axis):
            let length = axis.map { shape(of: operand(of: edge)).dimensions[$0] } ?? shape(of: operand(of: edge)).count
            return axis.map { "Σ over axis \($0) / \(length)" } ?? "1ᵀ / \(length)"
        case .transpose:
            return shape(of: operand(of: edge)).rank == 2 ? "P (the transpose's permutation)" : "I"
        case .softmax:
            let s = TensorExpansion.displayName(of: consumer, on: self)
            return "diag(\(s)) − \(s)·\(s)ᵀ" + (shape(of: consumer).rank > 1 ? " per row" : "")
        case .logsumexp(let axis):
            return "softmax(\(me))ᵀ" + (axis.map { " along axis \($0)" } ?? "")
        case .dot:
            return "\(names[1 - position])ᵀ"
        case .index(let index):
            return "one-hot at [" + index.map(String.init).joined(separator: ", ") + "]"
        case .crossEntropy:
            return position == 0 ? "(softmax(\(names[0])) − \(names[1]))ᵀ" : "(−log softmax(\(names[0])))ᵀ"
        }
    }

    /// The Jacobian of broadcasting an operand to `result` over its `axes` (``TensorRule/broadcastAxes``):
    /// the copy, as a Kronecker product of one factor per run of axes, `1ₙ` (a column of n ones) where
    /// the operand is repeated and `Iₙ` where it is not, rows the result's elements row-major. `1₄ ⊗ I₃`
    /// stacks four identities (a [3] over the rows of a [4×3]); `I₄ ⊗ 1₃` repeats each element of a
    /// [4×1] three times; `1₅` is a column of ones (a scalar over a [5]). Multiplying the upstream by
    /// it sums Ḡ over those axes. Nil when nothing is repeated (every such axis has length 1).
    static func broadcastCopy(_ result: Shape, over axes: [Int]) -> String? {
        var runs: [(repeated: Bool, length: Int)] = []
        for (axis, length) in result.dimensions.enumerated() where length > 1 {
            let repeated = axes.contains(axis)
            if let last = runs.last, last.repeated == repeated {
                runs[runs.count - 1].length *= length
            } else {
                runs.append((repeated, length))
            }
        }
        guard runs.contains(where: \.repeated) else { return nil }
        let digits = Array("₀₁₂₃₄₅₆₇₈₉")
        let lowered = { (n: Int) in String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } }) }
        return runs.map { ($0.repeated ? "1" : "I") + lowered($0.length) }.joined(separator: " ⊗ ")
    }

    /// A diagonal Jacobian from its diagonal's formula: `I` for 1, `−I` for −1, `0.5·I` for another number, else `diag(…)`.
    private static func diagonal(_ formula: Formula) -> String {
        switch formula {
        case .number(1): "I"
        case .number(-1), .negation(.number(1)): "−I"
        case .number: formula.text() + "·I"
        default: "diag(\(formula.text()))"
        }
    }
}
