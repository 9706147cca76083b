import ChainTrace
import ChainTraceAudit
import ChainTraceText

extension ReportPage {
    /// The Audit section: one selectable item per hand-written value, with its line, verdict, the node
    /// whose gradient it computes, c, the largest relative error and its factors, all written here; the
    /// script adds the highlight from the report data's `audit` block (``AuditHighlights``). `label` names
    /// a node of the page's diagram; `factors` is what its edges carry (`local partials`, `local Jacobians`).
    static func auditSection(_ audit: Audit, factors: String = "local partials", label: (NodeID) -> String) -> String {
        var out = "<section class=\"card audit\" id=\"audit\" aria-labelledby=\"audit-h\">\n<h2 id=\"audit-h\">Audit of the hand-written lines</h2>\n"
        let wrong = audit.candidates.filter { !audit.describe($0).isRight }.count
        out += "<p class=\"audit-scope\">" + Escape.xmlText(audit.scope + ": \(audit.candidates.count - wrong) right, \(wrong) wrong.") + "</p>\n"
        if audit.candidates.isEmpty {
            out += "<p>No hand-written values: every named value is part of the computation of \(Escape.xmlText(audit.output.name)).</p>\n"
        } else {
            out += "<p class=\"audit-help\">Select a line to highlight the node whose gradient it computes (thick outline) and the edges "
            out += "whose \(factors) it multiplies; its own node is dashed.</p>\n<ol class=\"audit-lines\">\n"
            for (index, candidate) in audit.candidates.enumerated() {
                out += "<li>" + auditItem(candidate, index: index, audit: audit, label: label) + "</li>\n"
            }
            out += "</ol>\n"
        }
        if !audit.partialSearchComplete {
            out += "<p class=\"note\">Note: " + Escape.xmlText(Audit.incompleteSearchNote) + "</p>\n"
        }
        return out + "</section>\n"
    }

    private static func auditItem(_ candidate: CandidateAudit, index: Int, audit: Audit, label: (NodeID) -> String) -> String {
        let description = audit.describe(candidate)
        let verdict = candidate.verdict.rawValue
        var out = "<button type=\"button\" class=\"audit-line\" data-audit=\"\(index)\" data-verdict=\"\(verdict)\" aria-pressed=\"false\">"
        out += "<span class=\"head\">"
        if candidate.line > 0 { out += "<span class=\"where\">line \(candidate.line)</span> " }
        out += "<span class=\"name\">" + Escape.xmlText(candidate.node.name) + "</span> "
        out += "<span class=\"verdict \(description.isRight ? "right" : "wrong")\">\(description.isRight ? "✓" : "✗") \(verdict)</span></span>"
        out += span("statement", description.statement)
        var facts: [String] = []
        if let match = candidate.match {
            facts.append((candidate.verdict == .none ? "closest node " : "node ") + label(match.id))
        }
        // A matrix written the other way round: the verdict is about the gradient's transpose.
        if candidate.transposed { facts.append("transposed") }
        if let factor = candidate.factor { facts.append("c = " + NumberText.significant(factor, digits: 6)) }
        let error = NumberText.significant(candidate.maxRelativeError, digits: 1)
        facts.append(candidate.verdict == .none ? "rel. error \(error) at the program's inputs" : "max rel. error \(error) over \(audit.points) points")
        out += span("facts", facts.joined(separator: " · "))
        // The equal verdict's detail repeats the points and the error just given.
        if candidate.verdict != .equal { out += span("detail", description.detail) }
        if !description.expression.isEmpty { out += span("expression", "= " + description.expression) }
        if !description.roles.isEmpty { out += span("roles", description.roles) }
        return out + "</button>"
    }

    private static func span(_ kind: String, _ text: String) -> String {
        "<span class=\"\(kind)\">" + Escape.xmlText(text) + "</span>"
    }
}
