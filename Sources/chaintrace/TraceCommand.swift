import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceText
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

    @Option(help: "Significant digits in the tables.")
    var digits: Int = 6

    func validate() throws {
        guard (1 ... 17).contains(digits) else { throw ValidationError("--digits must be from 1 to 17") }
    }

    func run() throws {
        try reportingFailures {
            let document = try input.load()
            if let json {
                try OutputFile.write(Data(TraceJSONWriter.json(document).utf8), to: json)
                if json == "-" { return }
            }
            let printer = TapePrinter(digits: digits)
            var text = printer.nodes(document.tape, backward: document.backward)
            if let backward = document.backward {
                text += "\n" + printer.steps(document.tape, backward: backward)
            }
            print(Escape.terminalLines(text), terminator: "")
        }
    }
}
