import ChainTrace
import ChainTraceGraphviz
import ChainTraceRender

extension ReportContent {
    /// The content of a report on `document`: its forward and backward diagrams laid out by Graphviz,
    /// every local partial as a formula, and each input's strongest paths to the output; `annotations`
    /// add notes on nodes and sections of the caller's own.
    ///
    /// ```swift
    /// let html = ReportPage.html(try ReportContent(rendering: document, title: "mlp.ct"))
    /// ```
    public init(
        rendering document: TraceDocument, title: String, options: ReportOptions = ReportOptions(),
        annotations: ReportAnnotations = ReportAnnotations()
    ) throws(ReportError) {
        guard document.tape.count > 0 else { throw ReportError("the trace has no nodes to report on") }
        if let node = annotations.nodeNotes.keys.first(where: { $0 < 0 || $0 >= document.tape.count }) {
            throw ReportError("a node note names #\(node), but the trace has nodes #0 to #\(document.tape.count - 1)")
        }
        if let audit = annotations.audit, let problem = Self.mismatch(audit, document) { throw ReportError(problem) }
        var views: [(DiagramView, String)] = [(.forward, "f")]
        if document.backward != nil { views.insert((.backward, "b"), at: 0) }
        var drawn: [(view: DiagramView, prefix: String, diagram: Diagram, digits: Int)] = []
        var notes: [String] = []
        for (view, prefix) in views {
            var diagramOptions = options.diagram
            diagramOptions.view = view
            diagramOptions.idPrefix = prefix
            // The page's panels show every number at full precision; large diagrams drop the tooltips.
            diagramOptions.tooltips = document.tape.count <= diagramOptions.compactAbove
            // The page explains the marks itself; without the legend the diagram fits larger.
            diagramOptions.showsLegend = false
            do throws(DiagramError) {
                let diagram = try Diagram(document, options: diagramOptions)
                drawn.append((view, prefix, diagram, diagramOptions.digits))
                notes += diagram.notes.filter { !notes.contains($0) }
            } catch {
                throw ReportError("cannot draw the \(view.rawValue) diagram: \(error)")
            }
        }
        let svgs = try Self.svgs(drawn.map { ($0.view, $0.diagram) })
        let diagrams = zip(drawn, svgs).map { drawn, svg in
            ReportDiagram(view: drawn.view.rawValue, idPrefix: drawn.prefix, svg: Self.trimmed(svg),
                          collapsedScopes: drawn.diagram.collapsedScopes, digits: drawn.digits)
        }
        let tape = document.tape
        let output = document.backward?.output ?? document.outputs.first ?? tape.count - 1
        self.init(
            title: title, document: document, diagrams: diagrams,
            partialFormulas: Self.partialFormulas(on: tape), valueFormulas: Self.valueFormulas(on: tape),
            paths: output >= 0 && output < tape.count ? Self.pathLists(on: tape, to: output, limit: options.pathLimit) : [],
            notes: notes, annotations: annotations
        )
    }

    /// Each view's SVG. Compact diagrams share one layout: the first view (the backward one, whose
    /// boxes are the wider) is laid out and the others drawn at its positions, so each node sits in the
    /// same place in every view and a large page costs one layout instead of two. A table node keeps
    /// its own size, so edges pinned to a wider table would stop short of it: those views are laid
    /// out each on its own (they are at most `compactAbove` nodes, quick to lay out).
    private static func svgs(_ views: [(view: DiagramView, diagram: Diagram)]) throws(ReportError) -> [[UInt8]] {
        if views.count > 1, views.allSatisfy(\.diagram.isCompact) {
            do {
                return try Graphviz.renderSVG(views[0].diagram.dot, pinning: views.dropFirst().map(\.diagram.dot))
            } catch {
                throw ReportError("cannot draw the \(views.map(\.view.rawValue).joined(separator: " and ")) diagrams: \(error)")
            }
        }
        var svgs: [[UInt8]] = []
        for (view, diagram) in views {
            do {
                svgs.append(try Graphviz.render(diagram.dot, format: .svg))
            } catch {
                throw ReportError("cannot draw the \(view.rawValue) diagram: \(error)")
            }
        }
        return svgs
    }

    /// The SVG without what Graphviz adds for readers of the file: comments naming each element and
    /// `<title>` elements holding the synthetic DOT ids (`n12`, `n3->n5`). The page labels elements
    /// itself; on a large diagram this leaves the browser a fifth fewer nodes to parse.
    static func trimmed(_ svg: [UInt8]) -> String {
        // Lines are cut from the bytes (a large diagram has tens of thousands): Graphviz writes these
        // lines from synthetic ids only, so their markers are plain ASCII.
        func dropped(_ line: ArraySlice<UInt8>) -> Bool {
            line.starts(with: Self.commentStart) && line.reversed().starts(with: Self.commentEnd.reversed())
                || line.starts(with: Self.titleStart) && line.reversed().starts(with: Self.titleEnd.reversed())
        }
        var kept: [UInt8] = []
        kept.reserveCapacity(svg.count)
        var start = 0, first = true
        while start <= svg.count {
            let end = svg[start...].firstIndex(of: UInt8(ascii: "\n")) ?? svg.count
            if !dropped(svg[start ..< end]) {
                if !first { kept.append(UInt8(ascii: "\n")) }
                kept.append(contentsOf: svg[start ..< end])
                first = false
            }
            start = end + 1
        }
        return String(decoding: kept, as: UTF8.self)
    }

    private static let commentStart = Array("<!-- ".utf8), commentEnd = Array(" -->".utf8)
    private static let titleStart = Array("<title>".utf8), titleEnd = Array("</title>".utf8)
}
