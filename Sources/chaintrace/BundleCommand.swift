import ArgumentParser
import ChainTraceBundle
import ChainTraceRender
import Foundation

/// `chaintrace bundle`: the trace JSON, both diagrams, the report and the explanations in one folder.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write a computation's trace JSON, diagrams, report and explanations into one folder.",
        discussion: """
        The folder receives trace.json (as trace --json writes it), report.html (as report writes it), \
        backward.svg and forward.svg (the report's diagrams, laid out once for both: unlike render's, without \
        the legend and, above 600 nodes, without tooltips) and explain.txt (explain for every input). Every file \
        is made before any is written, and each is written atomically.
        Examples:
          chaintrace bundle samples/chain.ct --to out/chain
          chaintrace bundle trace.json --to out/trace
        """
    )

    @OptionGroup var input: ComputationInput

    @OptionGroup var page: PageOptions

    @Option(name: [.customShort("o"), .customLong("to")], help: ArgumentHelp("The folder to write into (created if needed).", valueName: "dir"))
    var destination: String

    @Option(help: "The most nodes a diagram draws; above it scopes are collapsed or only the strongest paths kept.")
    var maxNodes = 1500

    @Option(help: ArgumentHelp("Draw scopes nested deeper than this as one summary node each (in the diagrams).", valueName: "depth"))
    var collapse: Int?

    func validate() throws {
        guard maxNodes >= 1 else { throw ValidationError("--max-nodes must be at least 1") }
        if let collapse, collapse < 0 { throw ValidationError("--collapse must be 0 or more") }
        guard destination != "-" else { throw ValidationError("--to needs a folder; a bundle holds several files") }
    }

    func run() throws {
        try reportingFailures {
            let document = try input.load()
            var options = BundleOptions()
            options.report.digits = page.digits
            options.report.rankDirection = page.rankdir
            options.report.hidesConstants = page.hideConstants
            options.report.maxNodes = maxNodes
            options.report.collapseDepth = collapse
            options.report.pathLimit = page.paths
            options.explainPathLimit = page.paths
            let name = page.title(for: input)
            let bundle: TraceBundle
            do {
                bundle = try TraceBundle(document, title: name, options: options)
            } catch {
                throw CommandFailure("\(input.file ?? "the expression"): \(error)")
            }
            for note in bundle.notes {
                FileHandle.standardError.write(Data("note: \(note)\n".utf8))
            }
            do {
                print("wrote \(try bundle.write(to: destination).joined(separator: ", "))")
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
