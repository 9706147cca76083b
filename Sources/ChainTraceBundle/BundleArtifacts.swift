import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceReport

/// Each kind of file a bundle holds, made by the same library calls as `chaintrace trace`,
/// `render`, `report` and `explain`.
public enum BundleArtifacts {
    /// The trace JSON (version 1), as `chaintrace trace --json` writes it.
    public static func traceJSON(_ document: TraceDocument) -> [UInt8] {
        TraceJSONWriter.utf8(document)
    }

    /// A diagram of `view` as SVG, laid out by Graphviz, with the renderer's notes.
    public static func diagramSVG(
        _ document: TraceDocument, view: DiagramView, options: DiagramOptions = DiagramOptions()
    ) throws(BundleError) -> (svg: [UInt8], notes: [String]) {
        var options = options
        options.view = view
        do {
            let diagram = try Diagram(document, options: options)
            return (try Graphviz.render(diagram.dot, format: .svg), diagram.notes)
        } catch {
            throw BundleError("cannot draw the \(view.rawValue) diagram: \(error)")
        }
    }

    /// The interactive HTML report, with the caller's annotations, and the renderer's notes.
    public static func reportHTML(
        _ document: TraceDocument, title: String, options: ReportOptions = ReportOptions(),
        annotations: ReportAnnotations = ReportAnnotations()
    ) throws(BundleError) -> (html: [UInt8], notes: [String]) {
        let report = try reportWithDiagrams(document, title: title, options: options, annotations: annotations)
        return (report.html, report.notes)
    }

    /// The report, as ``reportHTML(_:title:options:annotations:)`` makes it, and each diagram it laid
    /// out as an SVG file of its own, by view: one Graphviz layout serves the page and the file.
    ///
    /// These SVG files are the report's variant of ``diagramSVG(_:view:options:)``: no legend (the
    /// page explains the marks), ids prefixed `b-` (backward) and `f-` (forward) instead of `ct-`,
    /// no tooltips above `DiagramOptions.compactAbove` nodes, and no `<title>` elements or comments.
    public static func reportWithDiagrams(
        _ document: TraceDocument, title: String, options: ReportOptions = ReportOptions(),
        annotations: ReportAnnotations = ReportAnnotations()
    ) throws(BundleError) -> (html: [UInt8], diagrams: [DiagramView: [UInt8]], notes: [String]) {
        let content: ReportContent
        do {
            content = try ReportContent(rendering: document, title: title, options: options, annotations: annotations)
        } catch {
            throw BundleError("cannot build the report: \(error)")
        }
        var diagrams: [DiagramView: [UInt8]] = [:]
        for diagram in content.diagrams {
            if let view = DiagramView(rawValue: diagram.view) { diagrams[view] = Array(diagram.svg.utf8) }
        }
        return (Array(ReportPage.html(content).utf8), diagrams, content.notes)
    }

    /// The chain rule spelled out for every input, as `chaintrace explain` prints it, one after another.
    public static func explanations(_ document: TraceDocument, digits: Int = 6, pathLimit: Int = 20) -> String {
        let tape = document.tape
        let inputs = (0 ..< tape.count).filter { tape.op(of: $0) == .input }
        guard !inputs.isEmpty else { return "The computation has no inputs, so there is nothing to differentiate with respect to.\n" }
        let backward = document.backward ?? Backward(tape: tape, from: document.outputs[0])
        return inputs.map { Explanation(tape: tape, backward: backward, wrt: $0, digits: digits).text(pathLimit: pathLimit) }
            .joined(separator: "\n")
    }
}
