import ChainTrace

/// One sample computation, recorded with its backward pass, ready to save, render or report.
public struct ExampleTrace: Sendable {
    /// The file-name stem for everything written about it, e.g. `composite-chain`.
    public let slug: String
    /// A one-line title.
    public let title: String
    /// What the trace shows and which numbers to look at, as plain sentences.
    public let explanation: String
    /// The recorded forward pass and the backward pass from its output.
    public let document: TraceDocument

    /// An example from its parts.
    public init(slug: String, title: String, explanation: String, document: TraceDocument) {
        self.slug = slug
        self.title = title
        self.explanation = explanation
        self.document = document
    }
}
