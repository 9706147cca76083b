import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import Foundation

/// Where a computation comes from: a `.ct` program file, an inline program, or a trace JSON.
struct ComputationInput: ParsableArguments {
    @Argument(help: "A program (.ct) or a trace JSON (.json) to read; omit it when using -e.")
    var file: String?

    @Option(name: [.customShort("e"), .customLong("expression")], help: "An inline program, e.g. 'y = sin(x) * x'; statements separated by newlines or ';'.")
    var expression: String?

    @Option(name: .customLong("at"), help: ArgumentHelp("Input values, e.g. --at x=0.5 or --at x=1,y=2 (repeatable).", valueName: "name=value"))
    var assignments: [String] = []

    @Option(name: .customLong("output"), help: ArgumentHelp("The name to differentiate (default: the last statement).", valueName: "name"))
    var outputName: String?

    func validate() throws {
        if file == nil && expression == nil { throw ValidationError("give a program file, a trace JSON, or -e 'y = …'") }
        if file != nil && expression != nil { throw ValidationError("give either a file or -e, not both") }
        _ = try inputValues()
    }

    /// The `--at` values by name.
    func inputValues() throws -> [String: Double] {
        var values: [String: Double] = [:]
        for assignment in assignments.flatMap({ $0.split(separator: ",") }) {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else {
                throw ValidationError("--at expects name=value with a number, e.g. --at x=0.5; found '\(assignment)'")
            }
            values[parts[0]] = value
        }
        return values
    }

    /// Runs the program (or reads the trace JSON) and returns the trace with its backward pass.
    func load() throws -> TraceDocument {
        if let file, file.hasSuffix(".json") {
            if !assignments.isEmpty || outputName != nil {
                throw ValidationError("--at and --output apply to programs; a trace JSON is already evaluated")
            }
            let data = try read(file)
            do {
                return try TraceJSONReader.read(data)
            } catch {
                throw CommandFailure("\(file): \(error)")
            }
        }
        return try run(program())
    }

    /// The program of the file or of -e, parsed; a trace JSON is refused (it cannot be run again).
    func program() throws -> Program {
        if let expression {
            return try Program(source: expression.replacingOccurrences(of: ";", with: "\n"), file: "<expression>")
        }
        guard let file else { throw ValidationError("give a program file, a trace JSON, or -e 'y = …'") }
        if file.hasSuffix(".json") { throw CommandFailure("\(file): a trace JSON cannot be run at other inputs; give the program (.ct)") }
        guard let source = String(data: try read(file), encoding: .utf8) else {
            throw CommandFailure("\(file): not UTF-8 text")
        }
        return try Program(source: source, file: file)
    }

    private func read(_ file: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure("\(file): cannot read: \((error as NSError).localizedDescription)")
        }
    }

    private func run(_ program: Program) throws -> TraceDocument {
        let run = try program.run(inputs: inputValues(), output: outputName)
        return TraceDocument(tape: run.tape, differentiating: run.output)
    }
}
