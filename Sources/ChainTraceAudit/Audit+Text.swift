import ChainTrace

extension Audit {
    /// The audit as aligned text: per hand-written value its verdict, then its factors and what each is.
    ///
    /// ```
    /// delta_o0  ✓ equal    ∂loss/∂o0act   at 8 points (max rel. error 2e-16)
    ///           = error_o0 · o0·(1 − o0)
    ///             upstream ∂loss/∂o0 (error_o0) × local partial ∂o0/∂o0act (σ′)
    /// ```
    public func text() -> String {
        var lines = ["audit of \(output.name): " + scope]
        let width = candidates.map(\.node.name.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        let descriptions = candidates.map(describe)
        let statementWidth = descriptions.map(\.statement.count).max() ?? 0
        for (candidate, description) in zip(candidates, descriptions) {
            lines.append(candidate.node.name.padded(width) + "  \(description.isRight ? "✓" : "✗") " + candidate.verdict.rawValue.padded(7) + "  "
                + description.statement.padded(statementWidth) + "  " + description.detail)
            guard !description.expression.isEmpty else { continue }
            lines.append(indent + "= " + description.expression)
            if !description.roles.isEmpty { lines.append(indent + "  " + description.roles) }
        }
        if !partialSearchComplete {
            lines.append("note: " + Self.incompleteSearchNote)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What was compared: `20 hand-written values compared with ∂loss/∂node at 8 points (inputs moved by up to ±5 %)`.
    public var scope: String {
        "\(candidates.count) hand-written value\(candidates.count == 1 ? "" : "s") compared with ∂\(output.name)/∂node "
            + "at \(points) point\(points == 1 ? "" : "s") (inputs moved by up to ±\(NumberText.exact(Self.perturbation * 100)) %)"
    }

    /// Said when the search for incomplete branch-point sums stopped early.
    public static let incompleteSearchNote = "the search for incomplete branch-point sums stopped at its work budget; `partial` may be missed"

    private func gradient(_ node: AuditedNode?) -> String {
        "∂\(output.name)/∂" + symbol(node?.name ?? "?")
    }

    /// The gradient a candidate's verdict refers to: `(∂loss/∂W2)ᵀ` when it matched transposed.
    private func matched(_ candidate: CandidateAudit) -> String {
        candidate.transposed ? "(" + gradient(candidate.match) + ")ᵀ" : gradient(candidate.match)
    }

    /// One hand-written value's audit in words, as the text above and the report's Audit section write it.
    public func describe(_ candidate: CandidateAudit) -> CandidateDescription {
        let (statement, detail) = summary(candidate)
        let chainRule = candidate.terms.contains { $0.contribution != nil || $0.factors.contains { ![.constant, .value, .unmatched].contains($0.role) } }
        return CandidateDescription(
            isRight: candidate.verdict == .equal || candidate.verdict == .step && (candidate.factor ?? 0) > 0,
            statement: statement, detail: detail,
            expression: candidate.terms.isEmpty ? "" : Self.written(candidate.terms),
            roles: chainRule ? roles(candidate) : ""
        )
    }

    private func summary(_ candidate: CandidateAudit) -> (String, String) {
        let factor = candidate.factor.map { NumberText.significant(Swift.abs($0), digits: 6) } ?? "?"
        let negative = (candidate.factor ?? 0) < 0
        let error = "max rel. error \(NumberText.significant(candidate.maxRelativeError, digits: 1))"
        // A tensor's verdict holds for each of its elements; a rank-0 tensor reads as a number.
        let elements = candidate.shape.flatMap { shape in
            shape.isEmpty ? nil : "every element of [" + shape.map(String.init).joined(separator: "×") + "] "
        } ?? ""
        switch candidate.verdict {
        case .equal:
            return (matched(candidate), elements + "at \(points) points (\(error))" + (candidate.transposed ? ": the transpose of the gradient" : ""))
        case .step:
            return ("\(candidate.match?.name ?? "?") \(negative ? "+" : "−") \(factor) · \(gradient(candidate.match))",
                    negative ? "a step up the gradient: the update's sign is wrong" : "a gradient-descent step, rate \(factor)")
        case .scaled:
            if candidate.factor == -1 { return ("−" + matched(candidate), "a sign error") }
            return ((negative ? "−" : "") + "\(factor) · \(matched(candidate))", "off by a factor of \(negative ? "−" : "")\(factor)")
        case .partial:
            guard let branch = candidate.branch else { return (gradient(candidate.match), "") }
            let consumers = branch.included.map { symbol($0.consumer.name) }.joined(separator: ", ")
            return (gradient(candidate.match) + " without a full sum",
                    "only \(branch.included.count) of the \(branch.total) contributions at the branch point \(branch.branchPoint.name) "
                        + "(through \(consumers)): a missing sum")
        case .none:
            if let repaired = candidate.withOutputSigmoidPartial {
                return ("no gradient", "σ′ taken at the pre-activation: with σ′ at the output it would be \(gradient(repaired))")
            }
            let difference = candidate.difference.map { NumberText.significant($0, digits: 6) } ?? "?"
            return ("no gradient; closest " + matched(candidate),
                    "ratio \(negative ? "−" : "")\(factor), difference \(difference.replacingMinus)")
        }
    }

    private static func written(_ terms: [AuditTerm]) -> String {
        var text = ""
        for (index, term) in terms.enumerated() {
            let product = term.factors.map(\.text.asFactor).joined(separator: term.times)
            text += index == 0 ? (term.sign < 0 ? "−" : "") + product : (term.sign < 0 ? " − " : " + ") + product
        }
        return text
    }

    private func roles(_ candidate: CandidateAudit) -> String {
        let terms = candidate.terms
        if terms.count > 1, let first = terms[0].contribution, terms.allSatisfy({ $0.contribution != nil }) {
            let through = terms.compactMap { $0.contribution.map { symbol($0.consumer.name) } }.joined(separator: " and ")
            return "Σ of the \(terms.count) contributions at the branch point \(first.operand.name), through \(through): "
                + "each upstream × local partial"
        }
        var text = ""
        for (index, term) in terms.enumerated() {
            // A tensor term's roles multiply as its factors do (⊙ elementwise, · a matrix product).
            let product = term.factors.map(role).joined(separator: candidate.shape == nil ? " × " : term.times)
            text += index == 0 ? (term.sign < 0 ? "−" : "") + product : (term.sign < 0 ? " − " : " + ") + product
            if terms.count == 1, let edge = term.contribution {
                text += ": the contribution to \(edge.operand.name) through \(symbol(edge.consumer.name))"
            }
        }
        return text
    }

    private func role(_ factor: AuditFactor) -> String {
        // A factor written as a sum reads in brackets among the others, as the expression writes it.
        let text = factor.text.asFactor
        switch factor.role {
        case .upstream:
            var text = "upstream \(gradient(factor.node))" + (factor.reuses.map { " (\($0))" } ?? "")
            if let point = factor.branchSum.first?.operand.name {
                text += " = Σ of the \(factor.branchSum.count) contributions at the branch point \(point)"
            }
            if let edge = factor.edge, let rule = edge.rule {
                text += " = the contribution through \(symbol(edge.consumer.name)) (\(rule))"
            }
            return text
        case .localPartial:
            guard let edge = factor.edge else { return "local partial" }
            let partial = "local partial ∂\(symbol(edge.consumer.name))/∂\(symbol(edge.operand.name))"
            if let rule = edge.rule {
                // A tensor edge's local partial as its rule uses it: a diagonal for an elementwise op, a transposed operand for matmul.
                return partial + (edge.derivativeName.map { " (\($0), elementwise)" } ?? " (\(rule))")
            }
            return partial + (edge.derivativeName.map { " (\($0))" } ?? "")
        case .contribution:
            guard let edge = factor.edge else { return "a contribution" }
            // A consumer that uses the branch point more than once (W2 ⊙ W2) sends as many contributions.
            let contributions = factor.branchSum.count > 1 ? "the \(factor.branchSum.count) contributions" : "the contribution"
            return "\(contributions) through \(symbol(edge.consumer.name)) to the branch point \(edge.operand.name)"
        case .constant, .value:
            return text
        case .preActivation:
            guard let edge = factor.edge else { return "σ′ at the pre-activation" }
            let output = edge.consumer.name
            return "σ′ at the pre-activation \(edge.operand.name), where the local partial ∂\(output)/∂\(edge.operand.name) "
                + "is " + (edge.rule == nil ? "\(output)(1 − \(output))" : "\(output) ⊙ (1 − \(output))")
        case .unmatched:
            return "\(text) (matches nothing)"
        }
    }

    /// A name as it stands in ∂a/∂b: an unnamed node's formula gets brackets, ∂(o0w0·h0)/∂h0.
    private func symbol(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "#" } ? name : "(" + name + ")"
    }
}

/// One hand-written value's audit in words (``Audit/describe(_:)``).
public struct CandidateDescription: Sendable, Equatable {
    /// Whether the value is what backpropagation needs: a gradient (`equal`) or a descent step (`step` with a positive rate).
    public let isRight: Bool
    /// What it computes: `∂loss/∂o0act`, `h0w0 − 0.5 · ∂loss/∂h0w0`, `no gradient; closest ∂loss/∂h0`.
    public let statement: String
    /// How it was matched, or how it is wrong: `at 8 points (max rel. error 2e−16)`, `a sign error`.
    public let detail: String
    /// The expression as its factors were matched, `error_o0 · o0·(1 − o0)`; empty for a single name or call.
    public let expression: String
    /// What the factors are in the chain rule (`upstream ∂loss/∂o0 (error_o0) × local partial ∂o0/∂o0act (σ′)`);
    /// empty when no factor is an upstream gradient, a local partial or a contribution.
    public let roles: String
}

private extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The text as a factor of a product: in brackets when it is a sum.
    var asFactor: String { hasTopLevelSum ? "(" + self + ")" : self }

    /// Whether a `+` or `−` stands outside every bracket: the text needs brackets as a factor.
    var hasTopLevelSum: Bool {
        var depth = 0
        for character in self {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "+" where depth == 0, "−" where depth == 0: return true
            default: break
            }
        }
        return false
    }

    /// A number's ASCII minus as the typographic one the rest of the text uses.
    var replacingMinus: String { hasPrefix("-") ? "−" + dropFirst() : self }
}
