import ArgumentParser
import ChainTraceBundle
import ChainTraceRender
import FoundationEssentials

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

    @OptionGroup var diagrams: DiagramLayoutOptions

    @Option(name: [.customShort("o"), .customLong("to")], help: ArgumentHelp("The folder to write into (created if needed).", valueName: "dir"))
    var destination: String

    func validate() throws {
        guard !destination.isEmpty else { throw ValidationError("--to needs a folder name; '' is empty") }
        guard destination != "-" else { throw ValidationError("--to needs a folder; a bundle holds several files") }
    }

    func run() throws {
        try reportingFailures {
            let document = try input.load()
            var options = BundleOptions()
            options.report = page.reportOptions(diagrams)
            // A bundle's diagrams keep render's node budget unless --max-nodes says otherwise.
            options.report.diagram.maxNodes = diagrams.maxNodes ?? DiagramOptions().maxNodes
            options.explainPathLimit = page.paths
            let name = page.title(for: input)
            let bundle: TraceBundle
            do {
                bundle = try TraceBundle(document, title: name, options: options)
            } catch {
                throw CommandFailure("\(input.file ?? "the expression"): \(error)")
            }
            for note in bundle.notes {
                StandardStream.error("note: \(note)\n")
            }
            do {
                print("wrote \(try bundle.write(to: destination, sparing: input.file.map { [$0] } ?? []).joined(separator: ", "))")
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
