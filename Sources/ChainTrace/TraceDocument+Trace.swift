extension TraceDocument {
    /// A document for everything `trace` recorded, with the backward pass run from `output`.
    ///
    /// ```swift
    /// let document = TraceDocument(trace, differentiating: loss)
    /// let json = TraceJSONWriter.json(document)
    /// ```
    public init(_ trace: Trace, differentiating output: Traced) {
        let backward = trace.backward(from: output)
        self.init(tape: trace.tape, outputs: [backward.output], backward: backward)
    }
}
