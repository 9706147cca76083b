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
        var lines = ["audit of \(output.name): \(candidates.count) hand-written value\(candidates.count == 1 ? "" : "s") "
            + "compared with ∂\(output.name)/∂node at \(points) point\(points == 1 ? "" : "s") "
            + "(inputs moved by up to ±\(NumberText.exact(Self.perturbation * 100)) %)"]
        let width = candidates.map(\.node.name.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        let statementWidth = candidates.map { summary($0).0.count }.max() ?? 0
        for candidate in candidates {
            let (statement, detail) = summary(candidate)
            let mark = candidate.verdict == .equal || candidate.verdict == .step && (candidate.factor ?? 0) > 0 ? "✓" : "✗"
            lines.append(candidate.node.name.padded(width) + "  \(mark) " + candidate.verdict.rawValue.padded(7) + "  "
                + statement.padded(statementWidth) + "  " + detail)
            guard !candidate.terms.isEmpty else { continue }
            lines.append(indent + "= " + Self.written(candidate.terms))
            if candidate.terms.contains(where: { $0.contribution != nil || $0.factors.contains { ![.constant, .value, .unmatched].contains($0.role) } }) {
                lines.append(indent + "  " + roles(candidate))
            }
        }
        if !partialSearchComplete {
            lines.append("note: the search for incomplete branch-point sums stopped at its work budget; `partial` may be missed")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func gradient(_ node: AuditedNode?) -> String {
        "∂\(output.name)/∂" + symbol(node?.name ?? "?")
    }

    private func summary(_ candidate: CandidateAudit) -> (String, String) {
        let factor = candidate.factor.map { NumberText.significant(Swift.abs($0), digits: 6) } ?? "?"
        let negative = (candidate.factor ?? 0) < 0
        let error = "max rel. error \(NumberText.significant(candidate.maxRelativeError, digits: 1))"
        switch candidate.verdict {
        case .equal:
            return (gradient(candidate.match), "at \(points) points (\(error))")
        case .step:
            return ("\(candidate.match?.name ?? "?") \(negative ? "+" : "−") \(factor) · \(gradient(candidate.match))",
                    negative ? "a step up the gradient: the update's sign is wrong" : "a gradient-descent step, rate \(factor)")
        case .scaled:
            if candidate.factor == -1 { return ("−" + gradient(candidate.match), "a sign error") }
            return ((negative ? "−" : "") + "\(factor) · \(gradient(candidate.match))", "off by a factor of \(negative ? "−" : "")\(factor)")
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
            return ("no gradient; closest " + gradient(candidate.match),
                    "ratio \(negative ? "−" : "")\(factor), difference \(difference.replacingMinus)")
        }
    }

    private static func written(_ terms: [AuditTerm]) -> String {
        var text = ""
        for (index, term) in terms.enumerated() {
            let product = term.factors.map { $0.text.hasTopLevelSum ? "(" + $0.text + ")" : $0.text }.joined(separator: " · ")
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
            let product = term.factors.map(role).joined(separator: " × ")
            text += index == 0 ? (term.sign < 0 ? "−" : "") + product : (term.sign < 0 ? " − " : " + ") + product
        }
        return text
    }

    private func role(_ factor: AuditFactor) -> String {
        switch factor.role {
        case .upstream:
            var text = "upstream \(gradient(factor.node))" + (factor.reuses.map { " (\($0))" } ?? "")
            if let point = factor.branchSum.first?.operand.name {
                text += " = Σ of the \(factor.branchSum.count) contributions at the branch point \(point)"
            }
            return text
        case .localPartial:
            guard let edge = factor.edge else { return "local partial" }
            return "local partial ∂\(symbol(edge.consumer.name))/∂\(symbol(edge.operand.name))" + (edge.derivativeName.map { " (\($0))" } ?? "")
        case .contribution:
            guard let edge = factor.edge else { return "a contribution" }
            return "the contribution through \(symbol(edge.consumer.name)) to the branch point \(edge.operand.name)"
        case .constant, .value:
            return factor.text
        case .preActivation:
            guard let edge = factor.edge else { return "σ′ at the pre-activation" }
            return "σ′ at the pre-activation \(edge.operand.name), where the local partial ∂\(edge.consumer.name)/∂\(edge.operand.name) "
                + "is \(edge.consumer.name)(1 − \(edge.consumer.name))"
        case .unmatched:
            return "\(factor.text) (matches nothing)"
        }
    }

    /// A name as it stands in ∂a/∂b: an unnamed node's formula gets brackets, ∂(o0w0·h0)/∂h0.
    private func symbol(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "#" } ? name : "(" + name + ")"
    }
}

private extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

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
