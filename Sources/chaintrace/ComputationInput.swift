import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import FoundationEssentials

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

    @Flag(name: .customLong("scalar"), help: "Expand a tensor program to its scalar trace (W1 @ x becomes its multiplications and additions) and work on that.")
    var scalar = false

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func validate() throws {
        if file == nil && expression == nil { throw ValidationError("give a program file, a trace JSON, or -e 'y = …'") }
        if file != nil && expression != nil { throw ValidationError("give either a file or -e, not both") }
        if isTraceJSON && !assignments.isEmpty { throw ValidationError("--at applies to programs; a trace JSON is already evaluated") }
        _ = try tensorInputs()
    }

    /// The `--at` values by name, for a scalar program: numbers only.
    func inputValues() throws -> [String: Double] {
        var values: [String: Double] = [:]
        for (name, value) in try inputTexts() {
            guard !value.hasPrefix("[") else {
                throw ValidationError("--at \(name)=\(value): the program has no tensor syntax, so its inputs are numbers")
            }
            values[name] = try number(name, value)
        }
        return values
    }

    /// The `--at` texts, split at the commas outside brackets (`--at W=[[1, 2]],b=3`), as name and value.
    func inputTexts() throws -> [(name: String, value: String)] {
        var texts: [(name: String, value: String)] = []
        for assignment in assignments.flatMap(Self.topLevelParts) {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("[") || Double(parts[1]) != nil else {
                throw ValidationError("--at expects name=value with a number, e.g. --at x=0.5; found '\(assignment)'")
            }
            texts.append((parts[0], parts[1]))
        }
        return texts
    }

    /// The parts of one `--at` argument between commas that no bracket encloses.
    private static func topLevelParts(_ argument: String) -> [String] {
        var parts = [""], depth = 0
        for character in argument {
            if character == "," && depth == 0 {
                parts.append("")
                continue
            }
            if character == "[" { depth += 1 }
            if character == "]" { depth = max(0, depth - 1) }
            parts[parts.count - 1].append(character)
        }
        // As `split` did: empty parts (`x=1,,y=2`) are dropped.
        return parts.filter { !$0.isEmpty }
    }

    /// One `--at` number, which must be finite: a NaN or infinite input would only make every gradient one too.
    func number(_ name: String, _ text: String) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw ValidationError("--at \(name): '\(text)' is not a finite number; inputs must be finite")
        }
        return value
    }

    /// Whether the input is a trace JSON rather than a program: a `.json` file, in any case.
    var isTraceJSON: Bool { file?.lowercased().hasSuffix(".json") ?? false }

    /// Runs the program (or reads the trace JSON) and returns the trace with its backward pass from
    /// `--output` (default: the program's last statement, or the trace's first output). `parsed` is
    /// the program when the caller has read it already: a FIFO or standard input can be read only once.
    func load(_ parsed: Program? = nil) throws -> TraceDocument {
        try differentiated(recorded(parsed))
    }

    /// `document` with its backward pass from `--output` (default: its first output).
    func differentiated(_ document: TraceDocument) throws -> TraceDocument {
        var document = document
        let output = try outputName.map { try document.tape.node(named: $0, option: "--output") }
        // A program's output is the node chosen; a trace JSON keeps its other outputs after it.
        if let output, !isTraceJSON { document.outputs = [output] }
        document.differentiate(from: output)
        return document
    }

    private func recorded(_ parsed: Program?) throws -> TraceDocument {
        if let file, isTraceJSON {
            switch try readTraceFile(file) {
            case .scalar(let document): return document
            case .tensor(let document): return try expansion(of: document, file: file)
            }
        }
        return try run(parsed ?? program())
    }

    /// The program of the file or of -e, parsed; a trace JSON is refused (it cannot be run again).
    func program() throws -> Program {
        if let expression {
            return try Program(source: expression.replacing(";", with: "\n"), file: "<expression>", limits: limitOptions.limits)
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
    func read(_ file: String) throws -> [UInt8] {
        let bytes = try InputFile.contents(of: file)
        guard !bytes.isEmpty else {
            throw CommandFailure("\(file): the file is empty; expected \(isTraceJSON ? "a trace JSON" : "a program")")
        }
        return bytes
    }

    private func run(_ program: Program) throws -> TraceDocument {
        if program.isTensorProgram { return try expansion(of: program) }
        let run = try program.run(inputs: inputValues())
        return TraceDocument(tape: run.tape, outputs: [run.output], backward: nil)
    }
}
