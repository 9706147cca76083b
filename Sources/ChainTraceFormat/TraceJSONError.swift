/// A trace JSON that cannot be read, with the JSON path of the offending value (`$.nodes[3].op`).
public struct TraceJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is: a JSON path from the document root `$`.
    public let path: String
    /// What is wrong, in words.
    public let message: String

    /// An error at a JSON path.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `$.nodes[3].op: unknown operation 'foo'`
    public var description: String { "\(path): \(message)" }
}
