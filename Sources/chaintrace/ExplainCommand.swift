import ArgumentParser
import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat
import ChainTraceText
import Foundation

/// `chaintrace explain`: the chain rule spelled out for one input, formula by formula.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Spell out the chain rule for an input: the chain of steps, each local derivative, the values, the product.",
        discussion: """
        Steps run between the named nodes that every path from the input to the output passes; unnamed \
        intermediates are read through. With several paths, each path's product is listed, then their sum, \
        grouped at branch points where the paths factor.
        --json writes the trace JSON with the paths, tangents and formulas sections; paths and tangents are \
        for the --wrt input (the first input when omitted).
        """
    )

    @OptionGroup var input: ComputationInput

    @Option(help: ArgumentHelp("The input to differentiate with respect to (a name, or #id); every input when omitted.", valueName: "name"))
    var wrt: String?

    @OptionGroup var precision: DigitsOption<TextDigits>

    @Option(parsing: .unconditional, help: "List at most this many paths (those with the largest |product|).")
    var limit: Int = 20

    @Flag(help: "Also show forward mode (tangents from the input) beside reverse mode (gradients from the output).")
    var forward = false

    @OptionGroup var jsonFile: JSONOutputOption

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reportingFailures {
            var document = try input.load()
            let backward = document.differentiate()
            let nodes = try wrt.map { [try document.tape.node(named: $0, option: "--wrt")] } ?? document.tape.inputNodes
            guard !nodes.isEmpty else { throw CommandFailure("the computation has no inputs; name one with --wrt") }
            var text = ""
            for (index, node) in nodes.enumerated() {
                let explanation = Explanation(tape: document.tape, backward: backward, wrt: node, digits: precision.digits)
                text += (index > 0 ? "\n" : "") + explanation.text(pathLimit: limit)
                if forward { text += explanation.modes(tangents: Tangents(tape: document.tape, wrt: node)) }
            }
            let written = try jsonFile.write(sparing: input) {
                TraceJSONWriter.json(document, explaining: nodes[0], pathLimit: limit, digits: precision.digits)
            }
            if written { return }
            print(Escape.terminalLines(text), terminator: "")
        }
    }
}
