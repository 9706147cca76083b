import ArgumentParser
import ChainTraceRender
import Foundation

/// The options `report` and `bundle` share: how the page and its diagrams look.
struct PageOptions: ParsableArguments {
    @Option(help: "The report's title (default: the file name).")
    var title: String?

    @Option(help: "Significant digits of the numbers in the diagrams.")
    var digits = 4

    @Option(help: "Layout direction: LR (left to right) or TB (top to bottom).")
    var rankdir: RankDirection = .leftToRight

    @Flag(help: "Leave constants out of the diagrams.")
    var hideConstants = false

    @Option(help: "How many paths to list per input, largest |product| first.")
    var paths = 20

    func validate() throws {
        guard (1 ... 17).contains(digits) else { throw ValidationError("--digits must be from 1 to 17") }
        guard paths >= 1 else { throw ValidationError("--paths must be at least 1") }
    }

    /// The title: `--title`, else the input file's name, else `expression`.
    func title(for input: ComputationInput) -> String {
        title ?? input.file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "expression"
    }
}
