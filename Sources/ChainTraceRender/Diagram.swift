import ChainTrace
import ChainTraceText

/// A trace drawn as Graphviz DOT text: every node with its value and gradient, every edge with its
/// local partial and, in the backward view, `upstream × local = contribution`.
///
/// ```swift
/// let diagram = try Diagram(document, options: options)
/// print(diagram.dot)          // deterministic: same trace and options, same bytes
/// diagram.notes               // what was collapsed or left out to fit the node budget
/// ```
public struct Diagram: Sendable {
    /// The DOT text.
    public let dot: String
    /// What was done to the trace to draw it (collapsed scopes, paths left out), for people.
    public let notes: [String]
    /// The tape nodes drawn on their own, in id order; each is the SVG element `<prefix>-n<id>`.
    public let drawnNodes: [NodeID]
    /// The tape edges drawn on their own, in edge order; each is the SVG element `<prefix>-e<index>`.
    public let drawnEdges: [Int]
    /// The scopes drawn as one summary node each; scope `k` is the SVG element `<prefix>-g<k>`.
    public let collapsedScopes: [CollapsedScope]
    /// Whether the nodes are drawn compact, as two-line boxes with unlabelled edges (`detail`, or
    /// automatically above `compactAbove` drawn nodes), rather than as tables.
    public let isCompact: Bool

    /// Draws `document` as `options` say.
    public init(_ document: TraceDocument, options: DiagramOptions = DiagramOptions()) throws(DiagramError) {
        try self.init(document, options: options, afterSteps: nil)
    }

    /// Draws `document` as the backward pass stood after its first `afterSteps` multiplications
    /// (all of them when `nil`): only those edges are coloured, each gradient is the running sum of
    /// the contributions arrived so far. The nodes drawn are those of the whole pass, so every frame
    /// of an animation draws the same nodes and edges.
    package init(_ document: TraceDocument, options: DiagramOptions, afterSteps: Int?) throws(DiagramError) {
        let tape = document.tape
        guard tape.count > 0 else { throw DiagramError("the trace has no nodes to draw") }
        guard NumberText.significantDigits.contains(options.digits) else { throw DiagramError("digits must be from 1 to 17, not \(options.digits)") }
        // Graphviz copies the font name into SVG unescaped: only a plain font name may reach it.
        guard DisplayText.isFontName(options.fontName) else {
            throw DiagramError("the font name may use only letters, digits, spaces, '-', '_', ',' and '.', not \(Escape.jsonString(options.fontName))")
        }
        let output = document.backward?.output ?? document.outputs.first ?? tape.count - 1
        guard output >= 0 && output < tape.count else { throw DiagramError("output #\(output) is not a node of the trace") }
        var notes: [String] = []
        var shown = document.backward
        if let afterSteps, let full = document.backward {
            shown = full.prefix(afterSteps, on: tape)
        }
        if options.view == .forward {
            shown = nil
        } else if shown == nil {
            notes.append("the trace has no backward record: drew the forward view")
        }
        let highlight = options.highlight.isEmpty ? nil : try Highlight(options.highlight, tape: tape, output: output)
        if let highlight, !highlight.onPath.contains(true) {
            notes.append("no path leads from \(options.highlight.joined(separator: ", ")) to the output: everything is faded")
        }
        let plan = DiagramPlan(tape: tape, output: output, ranking: document.backward ?? Backward(tape: tape, from: output), options: options)
        var writer = DOTWriter(
            tape: tape, output: output, outputs: Set(document.outputs + [output]), backward: shown,
            plan: plan, highlight: highlight, options: options
        )
        dot = writer.write()
        isCompact = writer.compact
        if let stray = writer.undeclaredEndpoints.first {
            throw DiagramError("internal error: an edge runs to \(stray), which the diagram does not draw (please report this with the trace)")
        }
        self.notes = notes + plan.notes
        drawnNodes = writer.drawnNodes
        drawnEdges = writer.drawnEdges
        var members = [[NodeID]](repeating: [], count: plan.summaries.count)
        for node in 0 ..< tape.count {
            if case .summary(let index) = plan.entity[node] { members[index].append(node) }
        }
        collapsedScopes = zip(plan.summaries, members).map { CollapsedScope(path: $0.path, nodes: $1) }
    }
}

/// A scope drawn as one summary node: its path and the tape nodes it stands for.
public struct CollapsedScope: Sendable, Equatable {
    /// The scope's path of group names, from the outermost.
    public let path: [String]
    /// The nodes folded into the summary, in id order.
    public let nodes: [NodeID]
}

extension Backward {
    /// The record as it stood after its first `count` steps: those steps, and each gradient the sum of
    /// the contributions arrived so far (reverse order finishes a consumer before its edges are stepped,
    /// so each of those contributions is the one the whole pass sent).
    func prefix(_ count: Int, on tape: Tape) -> Backward {
        let kept = steps.prefix(max(0, count))
        var gradients = [Double](repeating: 0, count: tape.count)
        gradients[output] = 1
        for step in kept {
            let edge = Int(step)
            gradients[tape.operand(of: edge)] += gradients[tape.consumer(of: edge)] * tape.partial(of: edge)
        }
        return Backward(output: output, gradients: gradients, steps: Array(kept))
    }
}
