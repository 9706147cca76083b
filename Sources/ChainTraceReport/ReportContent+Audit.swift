import ChainTrace
import ChainTraceAudit
import ChainTraceFormat
import ChainTraceTensor

extension ReportContent {
    /// Why `audit` cannot be shown beside `document`'s diagrams, or nil when it fits: its output must be
    /// the node the backward pass ran from, and every node and edge it names must be on the tape, the
    /// nodes with their names (the audit was recorded from the same program at the same inputs).
    static func mismatch(_ audit: Audit, _ document: TraceDocument) -> String? {
        let tape = document.tape
        guard let backward = document.backward, backward.output == audit.output.id else {
            let ran = document.backward.map { "#\($0.output)" } ?? "no backward pass"
            return "the audit differentiates \(audit.output.name) #\(audit.output.id), but the trace's backward pass is from \(ran)"
        }
        for candidate in audit.candidates {
            if let problem = outOfRange(candidate, nodes: tape.count, edges: tape.edgeCount) { return problem }
            let name = tape.name(of: candidate.node.id)
            // The audit makes a reused name distinct with the node's id (`w#12`).
            guard let name, candidate.node.name == name || candidate.node.name == "\(name)#\(candidate.node.id)" else {
                return "the audit's \(candidate.node.name) is node #\(candidate.node.id), which the trace calls \(name ?? "nothing")"
            }
        }
        return nil
    }

    /// Why `candidate` names a node or an edge that a trace of `nodes` nodes and `edges` edges lacks, or nil.
    static func outOfRange(_ candidate: CandidateAudit, nodes: Int, edges: Int) -> String? {
        let named = [candidate.node] + (candidate.match.map { [$0] } ?? [])
        if let node = named.first(where: { $0.id < 0 || $0.id >= nodes }) {
            return "the audit names \(node.name) #\(node.id), but the trace has nodes #0 to #\(nodes - 1)"
        }
        if let edge = candidate.multipliedEdges.first(where: { $0 >= edges }) {
            return "the audit of \(candidate.node.name) names edge \(edge), but the trace has \(edges) edges"
        }
        return nil
    }
}

extension TensorReportContent {
    /// Why a tensor `audit` cannot be shown beside the tensor diagram, or nil when it fits: its output
    /// must be the node the backward pass ran from, and every node and edge it names must be on the tape.
    static func mismatch(_ audit: Audit, tape: TensorTape, backward: TensorBackward) -> String? {
        guard backward.output == audit.output.id else {
            return "the audit differentiates \(audit.output.name) #\(audit.output.id), but the trace's backward pass is from #\(backward.output)"
        }
        for candidate in audit.candidates {
            if let problem = ReportContent.outOfRange(candidate, nodes: tape.count, edges: tape.edgeCount) { return problem }
        }
        return nil
    }
}
