import ChainTraceRender

/// How a report is drawn and how much it lists.
public struct ReportOptions: Sendable, Equatable {
    /// Significant digits of the numbers in the diagrams (the panels show six; the embedded trace keeps all).
    public var digits = 4
    /// The diagrams' layout direction.
    public var rankDirection: RankDirection = .leftToRight
    /// Whether the diagrams leave constants out.
    public var hidesConstants = false
    /// The most nodes a diagram draws; above it the renderer collapses scopes or keeps the strongest paths.
    public var maxNodes = 4000
    /// Scopes nested deeper than this are drawn as one summary node each; nil draws every scope.
    public var collapseDepth: Int?
    /// The diagrams' font.
    public var fontName = "Helvetica"
    /// How many paths the path explorer lists per input, largest |product| first.
    public var pathLimit = 20

    /// The defaults.
    public init() {}
}
