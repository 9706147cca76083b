/// A place in a program's source: 1-based line and column (columns count characters).
public struct SourceLocation: Equatable, Sendable {
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in characters.
    public let column: Int

    /// A location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A program that cannot be parsed or run, with where and why.
public struct ProgramError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name shown in messages (`<expression>` for `-e`).
    public let file: String
    /// Where the problem is, or nil for problems with no place in the source (a bad `--at`).
    public let location: SourceLocation?
    /// What is wrong, in words.
    public let message: String
    /// The source line the location points into, shown with a caret.
    public let sourceLine: String?

    /// An error at a location.
    public init(file: String, location: SourceLocation?, message: String, sourceLine: String?) {
        self.file = file
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:column: error: message`, then the source line and a caret under the column.
    public var description: String {
        guard let location else { return "\(file): error: \(message)" }
        var text = "\(file):\(location.line):\(location.column): error: \(message)"
        if let sourceLine {
            text += "\n    \(sourceLine)\n    \(String(repeating: " ", count: max(0, location.column - 1)))^"
        }
        return text
    }
}
