/// A diagram that cannot be drawn as asked, with what to do instead.
public struct DiagramError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation, ready to print.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
