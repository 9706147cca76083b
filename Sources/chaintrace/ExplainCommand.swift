import ArgumentParser
import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat
import ChainTraceTensor
import ChainTraceText
import FoundationEssentials

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
        On a tensor program, --wrt W1 spells out ∂output/∂W1 as a product of local Jacobians per path (each with \
        its symbol, shape, structure and, when small, its numbers), summed over the paths; --wrt 'W1[1,0]' or \
        --scalar explain one element on the scalar expansion.
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
            var document: TraceDocument
            switch try input.computation() {
            case .scalar(let recorded):
                document = recorded
            case .tensor(let trace):
                guard let wrt, wrt.contains("[") else {
                    try explainChains(trace)
                    return
                }
                // One element (`W1[1,0]`): the scalar explanation on the expansion, --json and --forward included.
                let expansion = TensorExpansion(expanding: trace.tape)
                document = TraceDocument(tape: expansion.tape, differentiating: expansion.scalarOutput(of: trace.output))
            }
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

    /// Prints the chains of local Jacobians of a tensor program's gradient with respect to `--wrt` (every input when omitted).
    private func explainChains(_ trace: TensorTrace) throws {
        if jsonFile.json != nil || forward {
            throw ValidationError("\(jsonFile.json != nil ? "--json" : "--forward") is for scalar explanations; add --scalar, or name one element with --wrt 'W1[1,0]'")
        }
        let nodes: [TensorNodeID]
        do {
            nodes = try wrt.map { [try trace.tape.node(named: $0)] } ?? (0 ..< trace.tape.count).filter { trace.tape.op(of: $0) == .input }
        } catch {
            throw ValidationError("--wrt: \(error)")
        }
        guard !nodes.isEmpty else { throw CommandFailure("the computation has no inputs; name one with --wrt") }
        let text = nodes.map { node in
            TensorChain(tape: trace.tape, backward: trace.backward, wrt: node, limit: limit).text(on: trace.tape, digits: precision.digits)
        }.joined(separator: "\n")
        print(Escape.terminalLines(text), terminator: "")
    }
}
