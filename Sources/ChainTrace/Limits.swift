/// The bounds chaintrace puts on what it reads, so that no input can exhaust the stack, the memory
/// or a renderer; each has a command-line option that raises it, named in the message when hit.
public struct Limits: Sendable, Equatable {
    /// Nodes a program may record or a trace JSON may hold (`--max-trace-nodes`).
    public var nodes = 10_000_000
    /// How deeply brackets, calls, signs and exponents may nest in one expression (`--max-depth`):
    /// the evaluator walks expressions recursively.
    public var nestingDepth = 100
    /// How deeply a node's scope may nest in a trace JSON (`--max-scope-depth`); diagrams fold
    /// scopes deeper than the default into summary nodes, as Graphviz cannot nest clusters thousands deep.
    public var scopeDepth = 64
    /// The characters of one name: a program's variable, a trace's node or scope name (`--max-name-length`).
    public var nameLength = 100_000

    /// The most `--max-depth` accepts: deeper nesting would overflow the evaluator's stack.
    public static let nestingDepthCeiling = 1_000

    /// The defaults.
    public init() {}

    /// The end of a message about a limit hit: `(the node limit, 10000000; --max-trace-nodes raises it)`.
    public static func hit(_ limit: String, _ value: Int, option: String) -> String {
        "(the \(limit) limit, \(value); \(option) raises it)"
    }

    /// Whether `name` is longer than ``nameLength`` characters (its UTF-8 length answers most cases at once).
    public func exceedsNameLength(_ name: String) -> Bool {
        name.utf8.count > nameLength && name.count > nameLength
    }

    /// What to say about a name longer than ``nameLength``.
    public func nameLengthMessage(_ name: String) -> String {
        "a name of \(name.count) characters " + Self.hit("name length", nameLength, option: "--max-name-length")
    }
}
