import ChainTrace
import ChainTraceRender
import ChainTraceReport

/// Everything about one trace, ready to write into a folder: `trace.json`, `backward.svg`,
/// `forward.svg`, `report.html` and `explain.txt`.
///
/// `backward.svg` and `forward.svg` are the report's diagrams, laid out once for both (see
/// ``BundleArtifacts/reportWithDiagrams(_:title:options:annotations:)`` for how they differ from `render`'s).
///
/// Every file is made when the bundle is created, so a failure writes nothing.
///
/// ```swift
/// let bundle = try TraceBundle(document, title: "chain.ct")
/// try bundle.write(to: "out/chain")
/// ```
public struct TraceBundle: Sendable {
    /// The trace the files describe, with its backward pass (run from the first output if it had none).
    public let document: TraceDocument
    /// The files, in the order they are written.
    public let files: [BundleFile]
    /// What the diagrams left out or collapsed, for people.
    public let notes: [String]

    /// Makes every file about `document`; `annotations` go into the report.
    public init(
        _ document: TraceDocument, title: String, options: BundleOptions = BundleOptions(),
        annotations: ReportAnnotations = ReportAnnotations()
    ) throws(BundleError) {
        let tape = document.tape
        guard tape.count > 0 else { throw BundleError("the trace has no nodes") }
        var complete = document
        if complete.backward == nil {
            guard let output = document.outputs.first, output >= 0, output < tape.count else {
                throw BundleError("the trace has no output to differentiate")
            }
            complete.backward = Backward(tape: tape, from: output)
        }
        // The SVG files are the report's own diagrams: laying each out again would double the time.
        let report = try BundleArtifacts.reportWithDiagrams(complete, title: title, options: options.report, annotations: annotations)
        guard let backward = report.diagrams[.backward], let forward = report.diagrams[.forward] else {
            throw BundleError("the report drew no \(report.diagrams[.backward] == nil ? "backward" : "forward") diagram")
        }
        let explain = BundleArtifacts.explanations(complete, digits: options.explainDigits, pathLimit: options.explainPathLimit)
        self.document = complete
        files = [
            BundleFile(name: "trace.json", bytes: BundleArtifacts.traceJSON(complete)),
            BundleFile(name: "backward.svg", bytes: backward),
            BundleFile(name: "forward.svg", bytes: forward),
            BundleFile(name: "report.html", bytes: report.html),
            BundleFile(name: "explain.txt", text: explain),
        ]
        notes = report.notes
    }

    /// Writes the files into `folder` (created if needed), each atomically, never over one of
    /// `inputs`; returns the paths written.
    @discardableResult
    public func write(to folder: String, sparing inputs: [String] = []) throws(BundleError) -> [String] {
        try BundleFile.write(files, to: folder, sparing: inputs)
    }
}
