/// A report that cannot be built, with the reason, ready to print.
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
