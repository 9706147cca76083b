import ChainTrace

/// The numbers of a tensor literal, row-major, with its dimensions: `[[1, 2], [3, 4]]` is `[2, 2]`
/// with elements `1, 2, 3, 4`; `[5, 6]` is `[2]`.
public struct TensorLiteral: Equatable, Sendable {
    /// The length of each dimension, outermost first (one for a vector, two for a matrix).
    public let dimensions: [Int]
    /// The numbers, row-major.
    public let elements: [Double]
}

extension TensorLiteral {
    /// Reads a literal as `--at W1=[[0.1, 0.4], [-0.3, 0.2]]` gives it, with the language's syntax and
    /// its located errors; `name` names it in messages (`--at W1:1:12: error: ragged matrix: …`).
    public init(parsing text: String, name: String) throws(ProgramError) {
        let fail = { (location: SourceLocation, message: String) in
            ProgramError(file: "--at \(name)", location: location, message: message, sourceLine: text)
        }
        var parser = try Parser(lexer: Lexer(text, fail: fail), limits: Limits(), fail: fail)
        let first = parser.current
        guard first.kind == .leftBracket else {
            throw fail(first.location, "expected a literal such as [1, 2] or [[1, 2], [3, 4]], found \(parser.describe(first))")
        }
        try parser.advance()
        let literal = try parser.tensorLiteral(at: first.location)
        guard parser.current.kind == .end else {
            throw fail(parser.current.location, "expected the end of the literal, found \(parser.describe(parser.current))")
        }
        self = literal
    }
}
