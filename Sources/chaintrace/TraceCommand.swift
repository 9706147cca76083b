import ArgumentParser
import ChainTrace
import ChainTraceFormat
import Foundation

/// `chaintrace trace`: print every node and backward step, and optionally save the trace JSON.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Record a computation and its backward pass; print them as tables or save trace JSON."
    )

    @OptionGroup var input: ComputationInput

    @Option(help: ArgumentHelp("Write the trace JSON to this path ('-' for standard output, which then carries only the JSON).", valueName: "path"))
    var json: String?

    @OptionGroup var precision: DigitsOption<TextDigits>

    func validate() throws {
        if let json { try OutputPath.check(json, option: "--json") }
    }

    func run() throws {
        try reportingFailures {
            let document = try input.load()
            if let json {
                try OutputFile.write(Data(TraceJSONWriter.json(document).utf8), to: json)
                if json == "-" { return }
            }
            let printer = TapePrinter(digits: precision.digits)
            var text = printer.nodes(document.tape, backward: document.backward)
            if let backward = document.backward {
                text += "\n" + printer.steps(document.tape, backward: backward)
            }
            print(text, terminator: "")
        }
    }
}
