import ChainTrace
import ChainTraceAnalysis
import ChainTraceRender

/// One rendered diagram of the trace, to be shown inline.
public struct ReportDiagram: Sendable, Equatable {
    /// Which pass the diagram shows: `forward` or `backward` (the page's view toggle uses these names).
    public var view: String
    /// The prefix of the SVG's element ids: nodes are `<prefix>-n<node>`, edges `<prefix>-e<edge>`.
    public var idPrefix: String
    /// The SVG document as Graphviz wrote it (an XML prolog and doctype are dropped when inlined).
    public var svg: String
    /// The scopes drawn as one summary node each (`<prefix>-g<k>`); the page lists their nodes.
    public var collapsedScopes: [CollapsedScope]
    /// Significant digits of the diagram's numbers, so the stepper can write partial sums as drawn.
    public var digits: Int

    /// A diagram from its parts.
    public init(view: String, idPrefix: String, svg: String, collapsedScopes: [CollapsedScope] = [], digits: Int = 4) {
        self.view = view
        self.idPrefix = idPrefix
        self.svg = svg
        self.collapsedScopes = collapsedScopes
        self.digits = digits
    }
}

/// A formula shown in the page: plain text (for screen readers and search) and MathML (for display).
public struct ReportFormula: Sendable, Hashable {
    /// The formula as plain text, e.g. `∂u/∂x = 2·x`.
    public var text: String
    /// The formula as one `<math>` element; its text must already be escaped for XML.
    public var mathML: String

    /// A formula from its two spellings.
    public init(text: String, mathML: String) {
        self.text = text
        self.mathML = mathML
    }
}

/// Everything one report page shows.
public struct ReportContent: Sendable {
    /// The page title, usually the program's file name.
    public var title: String
    /// The trace: tape, outputs and backward pass.
    public var document: TraceDocument
    /// The diagrams, the first shown initially.
    public var diagrams: [ReportDiagram]
    /// For each tape edge, its local partial as a formula of named operands (`∂u/∂x = 2·x`), if known.
    public var partialFormulas: [ReportFormula?]
    /// For each node, its value as a formula of named operands (`u = x² + 1`), if known.
    public var valueFormulas: [ReportFormula?]
    /// For each input, its paths to the output: all of them, or the top ones by |product| when there are too many.
    public var paths: [PathListing]
    /// What the diagrams left out or collapsed, for people.
    public var notes: [String]
    /// Notes on particular nodes and extra sections added by the caller.
    public var annotations: ReportAnnotations

    /// The content of a page; `partialFormulas` and `valueFormulas`, when not empty, have one entry per edge and per node.
    public init(
        title: String, document: TraceDocument, diagrams: [ReportDiagram],
        partialFormulas: [ReportFormula?] = [], valueFormulas: [ReportFormula?] = [], paths: [PathListing] = [],
        notes: [String] = [], annotations: ReportAnnotations = ReportAnnotations()
    ) {
        precondition(partialFormulas.isEmpty || partialFormulas.count == document.tape.edgeCount,
                     "partialFormulas needs one entry per tape edge (\(document.tape.edgeCount)), or none")
        precondition(valueFormulas.isEmpty || valueFormulas.count == document.tape.count,
                     "valueFormulas needs one entry per node (\(document.tape.count)), or none")
        for node in annotations.nodeNotes.keys {
            precondition(node >= 0 && node < document.tape.count, "a node note names #\(node), but the trace has nodes #0 to #\(document.tape.count - 1)")
        }
        if let audit = annotations.audit, let problem = Self.mismatch(audit, document) { preconditionFailure(problem) }
        self.title = title
        self.document = document
        self.diagrams = diagrams
        self.partialFormulas = partialFormulas
        self.valueFormulas = valueFormulas
        self.paths = paths
        self.notes = notes
        self.annotations = annotations
    }
}
