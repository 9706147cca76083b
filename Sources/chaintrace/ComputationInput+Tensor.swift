import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import ChainTraceTensor
import FoundationEssentials

/// What a command's input records: a scalar trace, or a tensor trace for a command with a tensor view.
///
/// A command with a tensor view asks ``ComputationInput/computation()`` and switches on this; every
/// other command asks ``ComputationInput/load()``, which expands a tensor program to its scalar trace.
enum Computation {
    /// A scalar trace with its backward pass: a scalar program, a trace JSON, or a tensor program with `--scalar`.
    case scalar(TraceDocument)
    /// A tensor program's record and its backward pass from `--output` (default: the last statement).
    case tensor(TensorTrace)
}

/// A recorded tensor trace: the tape, the output (one element) and the backward pass from it.
struct TensorTrace {
    let tape: TensorTape
    let output: TensorNodeID
    let backward: TensorBackward
}

extension ComputationInput {
    /// The input's computation: a tensor trace for a tensor program (unless `--scalar`), else the
    /// scalar trace ``load()`` gives.
    func computation() throws -> Computation {
        if let file, isTraceJSON {
            switch try readTraceFile(file) {
            case .scalar(let document): return .scalar(try differentiated(document))
            case .tensor(let document) where scalar: return .scalar(try differentiated(expansion(of: document, file: file)))
            case .tensor(let document): return .tensor(try tensorTrace(document, file: file))
            }
        }
        let program = try self.program()
        guard !scalar, program.isTensorProgram else { return .scalar(try load(program)) }
        let run = try program.runTensors(inputs: tensorInputs(), output: outputName)
        return .tensor(TensorTrace(tape: run.tape, output: run.output, backward: try run.backward()))
    }

    /// The `--at` values as tensors: a number is a rank-0 tensor, `[…]` a literal in the language's syntax.
    func tensorInputs() throws -> [String: Tensor] {
        var values: [String: Tensor] = [:]
        for (name, text) in try inputTexts() {
            if text.hasPrefix("[") {
                let literal: TensorLiteral
                do {
                    literal = try TensorLiteral(parsing: text, name: name)
                } catch {
                    // A usage error like any other bad --at, pointing into the value.
                    let column = error.location?.column ?? 1
                    throw ValidationError("--at \(name): column \(column): \(error.message)\n    \(text)\n    "
                        + String(repeating: " ", count: column - 1) + "^")
                }
                values[name] = Tensor(shape: Shape(literal.dimensions), elements: literal.elements)
            } else {
                values[name] = Tensor(scalar: try number(name, text))
            }
        }
        return values
    }

    /// The `--at` values as ``Program/run(inputs:output:)`` takes them: for a tensor program each
    /// element by its scalar name (`W1[1,0]`), after checking the values' shapes against the program's.
    func runInputs(for program: Program) throws -> [String: Double] {
        guard program.isTensorProgram else { return try inputValues() }
        let tensors = try tensorInputs()
        _ = try program.runTensors(inputs: tensors)  // checks the values' shapes, with located errors
        var values: [String: Double] = [:]
        for (name, tensor) in tensors {
            for (offset, value) in tensor.elements.enumerated() {
                values[TensorExpansion.elementName(name, shape: tensor.shape, offset: offset)] = value
            }
        }
        return values
    }

    /// A tensor program's scalar trace (`--output` names a node of it: `J`, `h[0]`), with a note on
    /// standard error unless `--scalar` asked for it.
    func expansion(of program: Program) throws -> TraceDocument {
        let run = try program.runTensors(inputs: tensorInputs()).expanded(output: outputName)
        noteExpansion(nodes: run.tape.count)
        return TraceDocument(tape: run.tape, outputs: [run.output], backward: nil)
    }

    /// A tensor trace's scalar expansion, differentiated from its output's one element, with the note.
    func expansion(of trace: TensorTrace) -> TraceDocument {
        let expansion = TensorExpansion(expanding: trace.tape)
        noteExpansion(nodes: expansion.tape.count)
        return TraceDocument(tape: expansion.tape, differentiating: expansion.scalarOutput(of: trace.output))
    }

    /// One line saying that a command without a tensor view runs on the scalar expansion.
    func noteExpansion(nodes: Int) {
        guard !scalar else { return }
        StandardStream.error("note: \(file ?? "<expression>") is a tensor program; this command has no tensor view yet, so it runs "
            + "on the scalar expansion (\(nodes) nodes; --scalar asks for it and drops this note)\n")
    }
}
