import ChainTrace

/// Optional sections a trace JSON can carry after its backward record: paths, forward tangents and formulas.
///
/// Plain data, filled in by whoever computed them (the analysis module); ``TraceJSONWriter`` writes
/// them with ``TraceJSONWriter/json(_:sections:)``. A document without sections is byte-identical
/// to ``TraceJSONWriter/json(_:)-(TraceDocument)``.
public struct TraceSections: Sendable, Equatable {
    /// The paths from one node to the output, if listed.
    public var paths: PathsSection?
    /// A forward-mode sweep, if one ran.
    public var tangents: TangentsSection?
    /// The local-derivative formula of every edge, if written.
    public var formulas: [EdgeFormula]?

    /// Sections from their parts; nil leaves a section out.
    public init(paths: PathsSection? = nil, tangents: TangentsSection? = nil, formulas: [EdgeFormula]? = nil) {
        self.paths = paths
        self.tangents = tangents
        self.formulas = formulas
    }
}

/// The paths from a node to the output: the exact count, the listed paths, their sum and the gradient.
public struct PathsSection: Sendable, Equatable {
    /// One path: its nodes from the start to the output, the operand position and local partial of each edge, and their product.
    public struct Path: Sendable, Equatable {
        /// Node ids from the start node to the output.
        public var nodes: [NodeID]
        /// For each edge, its position among its consumer's operands (tells `x * x`'s two edges apart).
        public var operands: [Int]
        /// The local partial on each edge.
        public var partials: [Double]
        /// The product of the partials.
        public var product: Double

        /// A path from its parts.
        public init(nodes: [NodeID], operands: [Int], partials: [Double], product: Double) {
            self.nodes = nodes
            self.operands = operands
            self.partials = partials
            self.product = product
        }
    }

    /// Where the paths start.
    public var from: NodeID
    /// Where the paths end (the output).
    public var to: NodeID
    /// The exact number of paths, in decimal digits (written as a JSON number up to 2^53, else as a string).
    public var count: String
    /// The paths listed.
    public var paths: [Path]
    /// The sum of the listed paths' products.
    public var sum: Double
    /// Whether every path is listed.
    public var complete: Bool
    /// ∂to/∂from from the backward pass; equals ``sum`` (up to rounding) when ``complete``.
    public var gradient: Double

    /// A section from its parts.
    public init(from: NodeID, to: NodeID, count: String, paths: [Path], sum: Double, complete: Bool, gradient: Double) {
        self.from = from
        self.to = to
        self.count = count
        self.paths = paths
        self.sum = sum
        self.complete = complete
        self.gradient = gradient
    }
}

/// A forward-mode sweep: ∂node/∂input for every node.
public struct TangentsSection: Sendable, Equatable {
    /// The input the tangents are taken with respect to.
    public var input: NodeID
    /// One tangent per node, in node order.
    public var tangents: [Double]

    /// A section from its parts.
    public init(input: NodeID, tangents: [Double]) {
        self.input = input
        self.tangents = tangents
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
