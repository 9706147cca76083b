import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import ChainTraceTensor
import ChainTraceText
import FoundationEssentials

/// `chaintrace trace`: print every node and backward step, and optionally save the trace JSON.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Record a computation and its backward pass; print them as tables or save trace JSON.",
        discussion: "--json writes the trace JSON: version 1 (trace-v1.schema.json) for a scalar program, version 2 (trace-v2.schema.json) for a tensor program."
    )

    @OptionGroup var input: ComputationInput

    @OptionGroup var jsonFile: JSONOutputOption

    @OptionGroup var precision: DigitsOption<TextDigits>

    @Flag(help: "Print every node and step of a trace above \(Self.tableLimit) nodes too (else a summary, with this hint).")
    var fullTables = false

    /// The most nodes whose tables are printed whole unless asked: above, the tables run to megabytes
    /// of text that take longer to print than to record and differentiate the trace.
    static let tableLimit = 10_000

    func run() throws {
        try reportingFailures {
            let document: TraceDocument
            switch try input.computation() {
            case .tensor(let trace):
                let document = TensorTraceDocument(tape: trace.tape, outputs: [trace.output], backward: trace.backward)
                if try jsonFile.stream(sparing: input, { try TraceJSONWriter.write(document, to: $0) }) { return }
                print(Escape.terminalLines(tables(trace)), terminator: "")
                return
            case .scalar(let scalar):
                document = scalar
            }
            if try jsonFile.stream(sparing: input, { try TraceJSONWriter.write(document, to: $0) }) { return }
            let printer = TapePrinter(digits: precision.digits)
            let tape = document.tape
            if tape.count > Self.tableLimit && !fullTables {
                let steps = document.backward.map { ", \($0.steps.count) steps" } ?? ""
                print(Escape.terminalLines(printer.summary(tape, backward: document.backward)
                    + "\nthe tables (\(tape.count) nodes\(steps)) are printed whole up to \(Self.tableLimit) nodes: "
                    + "--full-tables prints them, --json PATH saves the whole trace\n"), terminator: "")
                return
            }
            var text = printer.nodes(tape, backward: document.backward)
            if let backward = document.backward {
                text += "\n" + printer.steps(tape, backward: backward)
            }
            print(Escape.terminalLines(text), terminator: "")
        }
    }

    /// A tensor program's tables: its tensors, then its backward steps and branch points.
    private func tables(_ trace: TensorTrace) -> String {
        let printer = TensorTapePrinter(digits: precision.digits)
        var text = printer.nodes(trace.tape, backward: trace.backward) + "\n" + printer.steps(trace.tape, backward: trace.backward)
        if TensorTapePrinter.summarises(trace.tape) {
            text += "\ntensors of more than \(TensorTapePrinter.smallCount) elements are summarised; "
                + "--json PATH writes every number, --scalar prints the scalar trace\n"
        }
        return text
    }
}
