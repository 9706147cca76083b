import ChainTrace

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
}
