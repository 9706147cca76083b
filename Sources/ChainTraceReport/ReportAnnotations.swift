import ChainTrace
import ChainTraceAudit

/// What a caller adds to a report beyond the trace: notes on particular nodes and extra sections.
///
/// All of it is text (or SVG shown as an image), escaped like every other user string, so the
/// page's Content-Security-Policy is unchanged.
///
/// ```swift
/// var annotations = ReportAnnotations()
/// annotations.nodeNotes[activation] = "delta = error × σ′ = 0.3 × 0.2"
/// annotations.sections.append(ReportSection(title: "Deltas", table: table))
/// let content = try ReportContent(rendering: document, title: "mlp", annotations: annotations)
/// ```
public struct ReportAnnotations: Sendable, Equatable {
    /// A note per node id, shown in the node's details panel; the node is marked in every diagram.
    public var nodeNotes: [NodeID: String]
    /// Sections shown below the diagram and panels, in order.
    public var sections: [ReportSection]
    /// An audit of the same computation, shown as the Audit section beside the diagram: each
    /// hand-written value's line, selectable to highlight the node whose gradient it computes and the
    /// edges whose local partials it multiplies. Its output must be the trace's backward output.
    public var audit: Audit?

    /// Annotations from their parts (none by default).
    public init(nodeNotes: [NodeID: String] = [:], sections: [ReportSection] = [], audit: Audit? = nil) {
        self.nodeNotes = nodeNotes
        self.sections = sections
        self.audit = audit
    }
}
