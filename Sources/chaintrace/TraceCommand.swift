import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceText
import Foundation

/// `chaintrace trace`: print every node and backward step, and optionally save the trace JSON.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Record a computation and its backward pass; print them as tables or save trace JSON.",
        discussion: "--json writes the trace JSON (version 1, trace-v1.schema.json)."
    )

    @OptionGroup var input: ComputationInput

    @OptionGroup var jsonFile: JSONOutputOption

    @OptionGroup var precision: DigitsOption<TextDigits>

    func run() throws {
        try reportingFailures {
            let document = try input.load()
            if try jsonFile.write(sparing: input, { TraceJSONWriter.json(document) }) { return }
            let printer = TapePrinter(digits: precision.digits)
            var text = printer.nodes(document.tape, backward: document.backward)
            if let backward = document.backward {
                text += "\n" + printer.steps(document.tape, backward: backward)
            }
            print(Escape.terminalLines(text), terminator: "")
        }
    }
}
