import ChainTrace
import ChainTraceAnalysis

/// Optional sections a trace JSON can carry after its backward record: paths, forward tangents and formulas.
///
/// The analysis module's results (a `PathListing`, `Tangents`) and the formulas as text; ``TraceJSONWriter`` writes
/// them with ``TraceJSONWriter/json(_:sections:)``. A document without sections is byte-identical
/// to ``TraceJSONWriter/json(_:)-(TraceDocument)``.
public struct TraceSections: Sendable, Equatable {
    /// The paths from one node to the output, if listed.
    public var paths: PathsSection?
    /// A forward-mode sweep, if one ran.
    public var tangents: Tangents?
    /// The local-derivative formula of every edge, if written.
    public var formulas: [EdgeFormula]?

    /// Sections from their parts; nil leaves a section out.
    public init(paths: PathsSection? = nil, tangents: Tangents? = nil, formulas: [EdgeFormula]? = nil) {
        self.paths = paths
        self.tangents = tangents
        self.formulas = formulas
    }
}

/// The paths from a node to the output as trace JSON carries them: a listing and the gradient it is checked against.
public struct PathsSection: Sendable, Equatable {
    /// The paths listed, where they start and end, and how many there are.
    public var listing: PathListing
    /// ∂end/∂start from the backward pass; equals the listing's sum (up to rounding) when it is complete.
    public var gradient: Double

    /// A section from a listing and the gradient of its end with respect to its start.
    public init(_ listing: PathListing, gradient: Double) {
        self.listing = listing
        self.gradient = gradient
    }
}

/// One edge's local partial written symbolically.
public struct EdgeFormula: Sendable, Equatable {
    /// The consumer node.
    public var consumer: NodeID
    /// The edge's position among the consumer's operands.
    public var operand: Int
    /// The operand node.
    public var node: NodeID
    /// The rule in terms of the operation's operands `a`, `b`: `3a²`.
    public var rule: String
    /// The rule with the operands' names: `3u²`.
    public var text: String
    /// The rule with the operands' values: `3·(5)²`.
    public var substituted: String
    /// The named form as presentation MathML.
    public var mathML: String

    /// A formula from its parts.
    public init(consumer: NodeID, operand: Int, node: NodeID, rule: String, text: String, substituted: String, mathML: String) {
        self.consumer = consumer
        self.operand = operand
        self.node = node
        self.rule = rule
        self.text = text
        self.substituted = substituted
        self.mathML = mathML
    }
}
