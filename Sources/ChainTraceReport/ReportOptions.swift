import ChainTraceRender

/// How a report is drawn and how much it lists.
public struct ReportOptions: Sendable, Equatable {
    /// How the page's diagrams are drawn: digits, layout direction, constants, font, node budget
    /// (4000 by default, as a page pans large diagrams), collapse depth. The report sets each
    /// diagram's view and id prefix itself, leaves the legend out (the page explains the marks) and
    /// drops tooltips from large diagrams (the panels show every number).
    public var diagram: DiagramOptions = {
        var options = DiagramOptions()
        options.maxNodes = 4000
        return options
    }()
    /// How many paths the path explorer lists per input, largest |product| first.
    public var pathLimit = 20

    /// The defaults.
    public init() {}
}
