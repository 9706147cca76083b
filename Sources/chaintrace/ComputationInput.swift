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

    @Option(name: .customLong("output"), help: ArgumentHelp("The node to differentiate, a name or #id (default: a program's last statement, a trace JSON's first output).", valueName: "name"))
    var outputName: String?

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func validate() throws {
        if file == nil && expression == nil { throw ValidationError("give a program file, a trace JSON, or -e 'y = …'") }
        if file != nil && expression != nil { throw ValidationError("give either a file or -e, not both") }
        if isTraceJSON && !assignments.isEmpty { throw ValidationError("--at applies to programs; a trace JSON is already evaluated") }
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
            // As in a program's literals: a NaN or infinite input would only make every gradient one too.
            guard value.isFinite else {
                throw ValidationError("--at \(parts[0]): '\(parts[1])' is not a finite number; inputs must be finite")
            }
            values[parts[0]] = value
        }
        return values
    }

    /// Whether the input is a trace JSON rather than a program: a `.json` file, in any case.
    private var isTraceJSON: Bool { file?.lowercased().hasSuffix(".json") ?? false }

    /// Runs the program (or reads the trace JSON) and returns the trace with its backward pass from
    /// `--output` (default: the program's last statement, or the trace's first output).
    func load() throws -> TraceDocument {
        var document = try recorded()
        let output = try outputName.map { try document.tape.node(named: $0, option: "--output") }
        // A program's output is the node chosen; a trace JSON keeps its other outputs after it.
        if let output, !isTraceJSON { document.outputs = [output] }
        document.differentiate(from: output)
        return document
    }

    private func recorded() throws -> TraceDocument {
        if let file, isTraceJSON {
            let bytes = try read(file)
            do {
                return try TraceJSONReader.read(Data(bytes), limits: limitOptions.limits)
            } catch {
                throw CommandFailure("\(file): \(error)")
            }
        }
        return try run(program())
    }

    /// The program of the file or of -e, parsed; a trace JSON is refused (it cannot be run again).
    func program() throws -> Program {
        if let expression {
            return try Program(source: expression.replacingOccurrences(of: ";", with: "\n"), file: "<expression>", limits: limitOptions.limits)
        }
        guard let file else { throw ValidationError("give a program file, a trace JSON, or -e 'y = …'") }
        if isTraceJSON { throw CommandFailure("\(file): a trace JSON cannot be run at other inputs; give the program (.ct)") }
        let bytes = try read(file)
        if let problem = TextLocation.utf8Problem(in: bytes) {
            throw CommandFailure("\(file):\(problem.location.line):\(problem.location.column): \(problem.message)")
        }
        return try Program(source: String(decoding: bytes, as: UTF8.self), file: file, limits: limitOptions.limits)
    }

    /// The file's bytes; an empty file is an error, as neither a program nor a trace JSON can be empty.
    private func read(_ file: String) throws -> [UInt8] {
        let bytes = try InputFile.contents(of: file)
        guard !bytes.isEmpty else {
            throw CommandFailure("\(file): the file is empty; expected \(isTraceJSON ? "a trace JSON" : "a program")")
        }
        return bytes
    }

    private func run(_ program: Program) throws -> TraceDocument {
        let run = try program.run(inputs: inputValues())
        return TraceDocument(tape: run.tape, outputs: [run.output], backward: nil)
    }
}
