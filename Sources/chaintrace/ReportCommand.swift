import ArgumentParser
import ChainTraceRender
import ChainTraceReport
import Foundation

/// `chaintrace report`: one self-contained, interactive HTML page about a computation and its backward pass.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an interactive HTML report: click nodes and edges, explore paths, step through the backward pass.",
        discussion: """
        The page is one file that works offline: the diagrams, the trace JSON, the style and the script \
        are all inside it, under a strict Content-Security-Policy.
        Examples:
          chaintrace report samples/article-first-row.ct -o article.html
          chaintrace report trace.json -o trace.html
        """
    )

    @OptionGroup var input: ComputationInput

    @OptionGroup var page: PageOptions

    @OptionGroup var diagrams: DiagramLayoutOptions

    @OptionGroup var target: DestinationOption

    func run() throws {
        try reportingFailures {
            let document = try input.load()
            let options = page.reportOptions(diagrams)
            let name = page.title(for: input)
            let content: ReportContent
            do {
                content = try ReportContent(rendering: document, title: name, options: options)
            } catch {
                throw CommandFailure("\(input.file ?? "the expression"): \(error)")
            }
            for note in content.notes {
                FileHandle.standardError.write(Data("note: \(note)\n".utf8))
            }
            try target.write(Array(ReportPage.html(content).utf8), sparing: input)
        }
    }
}
