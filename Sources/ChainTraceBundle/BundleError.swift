/// A bundle that cannot be made or written, with the reason, ready to print.
public struct BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation, naming the file or folder concerned.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
