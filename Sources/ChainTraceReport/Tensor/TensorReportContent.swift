import ChainTrace
import ChainTraceAnalysis
import ChainTraceAudit
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceTensor

/// Everything a tensor report page shows: the tensor diagram, and for each op its scalar graph
/// (the op alone, seeded with its upstream Ḡ), the whole trace's scalar expansion for the chain rule
/// of single elements, and the notes on what was left out.
public struct TensorReportContent: Sendable {
    /// The page title, usually the program's file name.
    public var title: String
    /// The tensor trace.
    public var tape: TensorTape
    /// Its backward pass (from a one-element output).
    public var backward: TensorBackward
    /// The tensor diagram (`TensorDiagram`) as SVG, element ids `t-n<node>` and `t-e<edge>`.
    public var svg: String
    /// Per tensor node, its op expanded into a scalar graph; nil for leaves, ops the pass did not reach
    /// and ops whose scalar graph has more than ``TensorReportContent/expansionLimit`` nodes.
    public var expansions: [TensorOpExpansion?]
    /// The whole trace recorded as scalars, differentiated from the output's one element, with each
    /// element's paths; nil when it has more than ``TensorReportContent/elementPathLimit`` nodes.
    public var scalarTrace: TensorScalarTrace?
    /// What the page leaves out, for people.
    public var notes: [String]
    /// A tensor audit of the same program (`Audit(tensorProgram:)`), shown as the Audit section beside
    /// the diagram; its output is the backward pass's. Nil: no Audit section.
    public var audit: Audit?

    /// The largest scalar graph of one op drawn on the page (nodes of the zoom's scalar trace). A larger
    /// op is still listed with its numbers; its picture is `chaintrace render --scalar`'s.
    public static let expansionLimit = 300
    /// The largest whole-trace scalar expansion (nodes) whose paths the page lists per element.
    public static let elementPathLimit = 5_000
    /// The most elements (over all tensors, in recording order) whose scalar paths the page lists: each
    /// costs a sweep of the expansion.
    public static let elementBudget = 256

    /// The content from its parts.
    public init(title: String, tape: TensorTape, backward: TensorBackward, svg: String,
                expansions: [TensorOpExpansion?], scalarTrace: TensorScalarTrace?, notes: [String], audit: Audit? = nil) {
        precondition(expansions.count == tape.count, "expansions needs one entry per tensor node (\(tape.count))")
        if let audit, let problem = Self.mismatch(audit, tape: tape, backward: backward) { preconditionFailure(problem) }
        self.title = title
        self.tape = tape
        self.backward = backward
        self.svg = svg
        self.expansions = expansions
        self.scalarTrace = scalarTrace
        self.notes = notes
        self.audit = audit
    }
}

/// One tensor op recorded alone as scalars (`TensorExpansion(zooming:on:upstream:)`) with its
/// backward pass: each operand element's scalar gradient is the op's tensor contribution to it.
public struct TensorOpExpansion: Sendable {
    /// The tensor node whose op this is.
    public var node: TensorNodeID
    /// The zoom: which scalar nodes are the operands' and the result's elements.
    public var expansion: TensorExpansion
    /// The zoom's scalar trace, differentiated from its seeded output Σ Ḡ ⊙ result.
    public var document: TraceDocument
    /// Its scalar diagram (backward view, ids `z<node>-n<k>`, `z<node>-e<k>`).
    public var svg: String
}

/// The whole tensor trace as a scalar trace, differentiated from the output's one element.
public struct TensorScalarTrace: Sendable {
    /// Which scalar nodes are each tensor's elements.
    public var expansion: TensorExpansion
    /// The scalar trace with its backward pass.
    public var document: TraceDocument
    /// For tensor nodes whose elements are scalar nodes of their own, each element's paths to the output
    /// (the ``ReportOptions/pathLimit`` largest by |product|), within ``TensorReportContent/elementBudget`` elements.
    public var elementPaths: [TensorNodeID: [PathListing]]
}

extension TensorReportContent {
    /// The content of a tensor report: the tensor diagram laid out by Graphviz, each reached op's scalar
    /// graph (drawn when it has at most ``expansionLimit`` nodes), the scalar expansion whose paths
    /// give each element's chain rule, and `audit`'s lines when given (its output must be the backward
    /// pass's, its nodes and edges the tape's).
    ///
    /// ```swift
    /// let html = TensorReportPage.html(try TensorReportContent(rendering: tape, backward: backward, title: "layers.ct"))
    /// ```
    public init(rendering tape: TensorTape, backward: TensorBackward, title: String, options: ReportOptions = ReportOptions(),
                audit: Audit? = nil) throws(ReportError) {
        guard tape.count > 0 else { throw ReportError("the trace has no nodes to report on") }
        if let audit, let problem = Self.mismatch(audit, tape: tape, backward: backward) { throw ReportError(problem) }
        var diagramOptions = options.diagram
        diagramOptions.idPrefix = "t"
        diagramOptions.tooltips = false
        let svg: String
        do {
            svg = ReportContent.trimmed(try Graphviz.render(TensorDiagram(tape: tape, backward: backward, options: diagramOptions).dot, format: .svg))
        } catch {
            throw ReportError("cannot draw the tensor diagram: \(error)")
        }
        var notes: [String] = []
        let reached = backward.reachedNodes(on: tape)
        var expansions: [TensorOpExpansion?] = []
        var undrawn: [String] = []
        for node in 0 ..< tape.count {
            guard !tape.op(of: node).isLeaf, reached[node] else {
                expansions.append(nil)
                continue
            }
            let name = TensorExpansion.displayName(of: node, on: tape)
            // Estimated first: the zoom of a large matmul would itself be millions of scalar nodes.
            let zoom = Self.estimatedScalarNodes(of: node, on: tape) <= 4 * Self.expansionLimit
                ? TensorExpansion(zooming: node, on: tape, upstream: backward.gradient(of: node)) : nil
            guard let zoom, zoom.tape.count <= Self.expansionLimit, let seed = zoom.output else {
                undrawn.append(name)
                expansions.append(nil)
                continue
            }
            let document = TraceDocument(tape: zoom.tape, differentiating: seed)
            var scalarOptions = options.diagram
            scalarOptions.idPrefix = "z\(node)"
            scalarOptions.tooltips = false
            scalarOptions.showsLegend = false
            let drawn: String
            do {
                drawn = ReportContent.trimmed(try Graphviz.render(try Diagram(document, options: scalarOptions).dot, format: .svg))
            } catch {
                throw ReportError("cannot draw the scalar graph of \(name): \(error)")
            }
            expansions.append(TensorOpExpansion(node: node, expansion: zoom, document: document, svg: drawn))
        }
        if !undrawn.isEmpty {
            notes.append((undrawn.count == 1 ? "the scalar graph of " : "the scalar graphs of ") + undrawn.joined(separator: ", ")
                + " would have more than \(Self.expansionLimit) nodes, so the page does not expand "
                + (undrawn.count == 1 ? "it" : "them") + "; `chaintrace render --scalar` draws the whole scalar trace")
        }
        let estimate = (0 ..< tape.count).reduce(0) { $0 + Self.estimatedScalarNodes(of: $1, on: tape) }
        let whole = estimate <= 4 * Self.elementPathLimit ? TensorExpansion(expanding: tape) : nil
        var scalarTrace: TensorScalarTrace?
        if let whole, whole.tape.count <= Self.elementPathLimit {
            let document = TraceDocument(tape: whole.tape, differentiating: whole.scalarOutput(of: backward.output))
            let (paths, complete) = Self.elementPaths(whole, document, reached: reached, limit: options.pathLimit)
            scalarTrace = TensorScalarTrace(expansion: whole, document: document, elementPaths: paths)
            if !complete {
                notes.append("scalar paths are listed for the elements of the first tensors only (\(Self.elementBudget) elements); "
                    + "`chaintrace paths --scalar --from NAME` lists any element's")
            }
        } else {
            notes.append("the scalar expansion would have more than \(Self.elementPathLimit) nodes, so elements list no scalar paths; "
                + "`chaintrace paths --scalar` lists them")
        }
        self.init(title: title, tape: tape, backward: backward, svg: svg, expansions: expansions, scalarTrace: scalarTrace, notes: notes, audit: audit)
    }

    /// Each element's paths to the output on the whole expansion (the `limit` largest by |product|), node
    /// by node in recording order until ``elementBudget`` elements; and whether every node with elements
    /// of its own got them.
    static func elementPaths(_ expansion: TensorExpansion, _ document: TraceDocument, reached: [Bool], limit: Int) -> ([TensorNodeID: [PathListing]], Bool) {
        guard let output = document.backward?.output else { return ([:], false) }
        var budget = elementBudget
        var lists: [TensorNodeID: [PathListing]] = [:]
        var shared: PathAnalysis?
        for node in expansion.elements.indices where expansion.ownsElements[node] && reached[node] {
            let elements = expansion.elements[node]
            guard elements.count <= budget else { return (lists, false) }
            budget -= elements.count
            lists[node] = elements.map { element in
                // One sweep towards the output, restarted at each element.
                let analysis = shared?.starting(at: element) ?? PathAnalysis(tape: document.tape, from: element, to: output)
                shared = analysis
                return PathListing(analysis.top(limit), of: analysis)
            }
        }
        return (lists, true)
    }

    /// About how many scalar nodes one node records when expanded (an upper bound for the elementwise
    /// ops and reductions, exact for a matmul): enough to decide without expanding.
    static func estimatedScalarNodes(of node: TensorNodeID, on tape: TensorTape) -> Int {
        let operands = tape.inputs(of: node).map { tape.shape(of: $0) }
        let result = tape.shape(of: node).count
        if case .matmul = tape.op(of: node), operands.count == 2 {
            let inner = operands[0].dimensions.last ?? 1
            return result * 2 * inner + operands[0].count + operands[1].count
        }
        return 6 * (result + operands.reduce(0) { $0 + $1.count })
    }
}
