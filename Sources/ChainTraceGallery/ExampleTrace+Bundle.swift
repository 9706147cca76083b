import ChainTraceBundle
import ChainTraceExamples
import ChainTraceReport

extension ExampleTrace {
    /// The example's bundle: its trace, diagrams, explanations, and a report with a section
    /// holding the example's explanation.
    public func bundle(options: BundleOptions = BundleOptions()) throws(BundleError) -> TraceBundle {
        let about = ReportSection(title: "About this example", paragraphs: [explanation])
        return try TraceBundle(document, title: title, options: options, annotations: ReportAnnotations(sections: [about]))
    }
}
