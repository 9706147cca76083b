import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceTensor
import FoundationEssentials

extension ComputationInput {
    /// A trace JSON file of either version: a scalar trace (version 1) or a tensor trace (version 2).
    func readTraceFile(_ file: String) throws -> AnyTraceDocument {
        let bytes = try read(file)
        do {
            return try TraceJSONReader.readAny(Data(bytes), limits: limitOptions.limits)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
    }

    /// A tensor trace JSON as a command with a tensor view takes it: differentiated from `--output`
    /// (a name or `#id` of its tape) or its first output.
    func tensorTrace(_ document: TensorTraceDocument, file: String) throws -> TensorTrace {
        var document = document
        let output: TensorNodeID
        do {
            output = try outputName.map(document.tape.node(named:)) ?? document.outputs[0]
        } catch {
            throw ValidationError("--output: \(error)")
        }
        do {
            return TensorTrace(tape: document.tape, output: output, backward: try document.differentiate(from: output))
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
    }

    /// A tensor trace JSON's scalar expansion, for a command without a tensor view (or `--scalar`):
    /// its output is the expansion of the document's first output, which must have one element
    /// unless `--output` names a node of the expansion (`J`, `h[0]`).
    func expansion(of document: TensorTraceDocument, file: String) throws -> TraceDocument {
        let expansion = TensorExpansion(expanding: document.tape)
        let first = document.outputs[0], shape = document.tape.shape(of: first)
        guard shape.count == 1 || outputName != nil else {
            let name = document.tape.name(of: first) ?? "#\(first)"
            throw CommandFailure("\(file): the first output, \(name), has shape \(shape) (\(shape.count) elements); a gradient is taken of one number, so give --output")
        }
        noteExpansion(nodes: expansion.tape.count)
        return TraceDocument(tape: expansion.tape, outputs: shape.count == 1 ? [expansion.scalarOutput(of: first)] : [], backward: nil)
    }
}
