import ChainTrace
import ChainTraceTensor

/// A whole tensor trace as saved and loaded (trace JSON version 2): the tape, the outputs, and the
/// backward record if one ran.
public struct TensorTraceDocument: Sendable, Equatable {
    /// The recorded forward pass.
    public var tape: TensorTape
    /// The output nodes; the first is the one the backward pass ran from.
    public var outputs: [TensorNodeID]
    /// The backward pass from `outputs[0]`, if one ran.
    public var backward: TensorBackward?

    /// A document from its parts.
    public init(tape: TensorTape, outputs: [TensorNodeID], backward: TensorBackward?) {
        self.tape = tape
        self.outputs = outputs
        self.backward = backward
    }

    /// A document for `tape` with the backward pass run from `output`, which must have one element.
    public init(tape: TensorTape, differentiating output: TensorNodeID) throws(TensorBackwardError) {
        self.init(tape: tape, outputs: [output], backward: try TensorBackward(tape: tape, from: output))
    }

    /// Makes sure the document has a backward pass from `output` (default: the first output) and
    /// returns it, as `TraceDocument.differentiate(from:)` does for a scalar trace; throws when the
    /// output has more than one element.
    @discardableResult
    public mutating func differentiate(from output: TensorNodeID? = nil) throws(TensorBackwardError) -> TensorBackward {
        guard let output = output ?? outputs.first else {
            preconditionFailure("differentiate(from:): the document has no outputs; pass the node to differentiate")
        }
        if let backward, backward.output == output { return backward }
        let pass = try TensorBackward(tape: tape, from: output)
        outputs = [output] + outputs.filter { $0 != output }
        backward = pass
        return pass
    }
}

/// What a trace JSON holds: a scalar trace (version 1) or a tensor trace (version 2).
public enum AnyTraceDocument: Sendable, Equatable {
    /// A version-1 document.
    case scalar(TraceDocument)
    /// A version-2 document.
    case tensor(TensorTraceDocument)
}
