import ChainTraceText

/// Which pass a diagram shows.
public enum DiagramView: String, Sendable, CaseIterable {
    /// Values and local partials only.
    case forward
    /// Values, local partials, gradients and every multiplication of the backward pass.
    case backward
}

/// The direction edges flow in, from operands to results.
public enum RankDirection: String, Sendable, CaseIterable {
    /// Left to right (Graphviz `LR`).
    case leftToRight = "LR"
    /// Top to bottom (Graphviz `TB`).
    case topToBottom = "TB"
}

/// How much each node and edge prints.
public enum DiagramDetail: String, Sendable, CaseIterable {
    /// Full above ``DiagramOptions/compactAbove`` drawn nodes, compact beyond.
    case automatic = "auto"
    /// Nodes as tables (formula, value, gradient, branch sums); edges labelled with their multiplication.
    case full
    /// Nodes as two short lines, edges unlabelled (their numbers stay in the tooltips): about half
    /// the SVG elements, so large diagrams lay out, load and pan faster.
    case compact
}

/// How a trace is drawn: what to show, how, and how much.
public struct DiagramOptions: Sendable, Equatable {
    /// The pass shown; the backward view needs a backward record (the forward view is used otherwise).
    public var view: DiagramView = .backward
    /// Nodes, by name or `#id`, whose paths to the output stand out while the rest fades; empty for none.
    public var highlight: [String] = []
    /// The layout direction.
    public var rankDirection: RankDirection = .leftToRight
    /// Whether constants are left out (their values still appear in their consumers' formulas).
    public var hidesConstants = false
    /// Significant digits of the numbers printed (tooltips always carry full precision).
    public var digits = 4
    /// The font of every label.
    public var fontName = "Helvetica"
    /// Prefixes every SVG id, so several diagrams can share one page; only `[A-Za-z0-9_-]` are kept.
    public var idPrefix = "ct"
    /// The most nodes drawn; above it scopes are collapsed or only the strongest paths kept.
    public var maxNodes = 1500
    /// Scopes nested deeper than this are drawn as one summary node each; nil draws every scope.
    public var collapseDepth: Int?
    /// Whether a legend explains the encoding.
    public var showsLegend = true
    /// How much each node and edge prints.
    public var detail = DiagramDetail.automatic
    /// With ``DiagramDetail/automatic``, the number of drawn nodes above which drawing is compact.
    public var compactAbove = 600
    /// Whether nodes and edges carry full-precision tooltips (a page that shows the numbers
    /// another way can leave them out of large diagrams to halve the SVG).
    public var tooltips = true

    /// The default options.
    public init() {}

    /// The id prefix reduced to characters safe in SVG ids, CSS classes and URLs.
    var safePrefix: String {
        let kept = Escape.identifier(idPrefix)
        return kept.isEmpty ? "ct" : kept
    }
}
