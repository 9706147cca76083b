import ChainTraceAudit
import ChainTraceText

/// What the page's script highlights for each line of the Audit section, written into the scalar
/// report's data (``ReportData``) and the tensor report's (``TensorReportData``) alike.
enum AuditHighlights {
    /// `"audit": [{"node": 35, "match": 21, "edges": [40]}, …]`: per hand-written value of the Audit
    /// section, in its order, its own node, the node whose gradient it computes (or comes closest to;
    /// null when none), and the edges whose local partials (local Jacobians) it multiplies.
    static func write(_ audit: Audit, to json: inout JSONWriter) {
        json.key("audit")
        json.array(audit.candidates, .rows) { json, candidate in
            json.beginObject(.compact)
            json.key("node")
            json.integer(candidate.node.id)
            json.key("match")
            if let match = candidate.match { json.integer(match.id) } else { json.null() }
            json.key("edges")
            json.array(candidate.multipliedEdges, .compact) { $0.integer($1) }
            json.end()
        }
    }
}
