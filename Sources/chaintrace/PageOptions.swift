import ArgumentParser
import ChainTraceReport
import FoundationEssentials

/// The options `report` and `bundle` share about the page itself, mapped once onto ``ReportOptions``.
struct PageOptions: ParsableArguments {
    @Option(help: "The report's title (default: the file name).")
    var title: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How many paths to list per input, largest |product| first.", valueName: "n"))
    var paths = 20

    func validate() throws {
        guard paths >= 1 else { throw ValidationError("--paths must be at least 1, not \(paths)") }
    }

    /// The title: `--title`, else the input file's name, else `expression`.
    func title(for input: ComputationInput) -> String {
        title ?? input.file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "expression"
    }

    /// The report's options: the diagrams as `diagrams` says, and the path explorer's length.
    func reportOptions(_ diagrams: DiagramLayoutOptions) -> ReportOptions {
        var options = ReportOptions()
        options.diagram = diagrams.applied(to: options.diagram)
        options.pathLimit = paths
        return options
    }
}
