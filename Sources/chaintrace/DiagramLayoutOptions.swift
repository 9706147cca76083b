import ArgumentParser
import ChainTraceRender
import ChainTraceText

/// The diagram options `render`, `report` and `bundle` share, mapped once onto ``DiagramOptions``.
///
/// An option left out keeps the library's default, so each default lives in one place: 1500 nodes
/// for a diagram (``DiagramOptions``), 4000 for a report's (``ReportOptions``).
struct DiagramLayoutOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Layout direction: LR (left to right, the default) or TB (top to bottom; the default of a tensor program's report and of render --chain).", valueName: "dir"))
    var rankdir: RankDirection?

    @Flag(help: "Leave constants out; their values stay in their consumers' formulas.")
    var hideConstants = false

    @Option(help: ArgumentHelp("The font of all text (default: Helvetica).", valueName: "name"))
    var font: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The most nodes a diagram draws (default: 1500; 4000 in a report); above it scopes are collapsed or only the strongest paths kept.", valueName: "n"))
    var maxNodes: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Draw scopes nested deeper than this as one summary node each.", valueName: "depth"))
    var collapse: Int?

    @OptionGroup var precision: DigitsOption<DiagramDigits>

    func validate() throws {
        if let maxNodes, maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1, not \(maxNodes)") }
        if let collapse, collapse < 0 { throw ValidationError("--collapse must be 0 or more, not \(collapse)") }
        if let font, !DisplayText.isFontName(font) {
            // Graphviz copies the font name into SVG unescaped: only a plain font name may reach it.
            throw ValidationError("--font must be a font name: letters, digits, spaces, '-', '_', ',' and '.'")
        }
    }

    /// `options` with every option given here applied.
    func applied(to options: DiagramOptions) -> DiagramOptions {
        var options = options
        if let rankdir { options.rankDirection = rankdir }
        if hideConstants { options.hidesConstants = true }
        if let font { options.fontName = font }
        if let maxNodes { options.maxNodes = maxNodes }
        if let collapse { options.collapseDepth = collapse }
        options.digits = precision.digits
        return options
    }
}

extension DiagramView: ExpressibleByArgument {}
extension RankDirection: ExpressibleByArgument {}
extension DiagramDetail: ExpressibleByArgument {}
