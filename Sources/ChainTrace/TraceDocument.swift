/// A whole trace as saved and loaded: the tape, the outputs, and the backward record if one ran.
public struct TraceDocument: Sendable, Equatable {
    /// The recorded forward pass.
    public var tape: Tape
    /// The output nodes; the first is the one the backward pass ran from.
    public var outputs: [NodeID]
    /// The backward pass from `outputs[0]`, if one ran.
    public var backward: Backward?

    /// A document from its parts.
    public init(tape: Tape, outputs: [NodeID], backward: Backward?) {
        self.tape = tape
        self.outputs = outputs
        self.backward = backward
    }

    /// A document for `tape` with the backward pass run from `output`.
    public init(tape: Tape, differentiating output: NodeID) {
        self.init(tape: tape, outputs: [output], backward: Backward(tape: tape, from: output))
    }

    /// Makes sure the document has a backward pass from `output` (default: the first output) and returns it.
    ///
    /// A trace JSON written by another tool may carry the forward pass alone; every command runs
    /// the backward pass through this one function. A recorded pass from `output` is kept as read;
    /// otherwise the pass runs now and `output` becomes the first output (the others keep their order).
    @discardableResult
    public mutating func differentiate(from output: NodeID? = nil) -> Backward {
        guard let output = output ?? outputs.first else {
            preconditionFailure("differentiate(from:): the document has no outputs; pass the node to differentiate")
        }
        if let backward, backward.output == output { return backward }
        let pass = Backward(tape: tape, from: output)
        outputs = [output] + outputs.filter { $0 != output }
        backward = pass
        return pass
    }
}
