import ChainTrace

/// Where a NaN or infinity first arose: the node whose own operation produced it from finite inputs.
///
/// Forward: the first node (in recording order) with a non-finite value whose operands are all
/// finite. Backward: the first multiplication (in the order the pass ran) whose upstream gradient
/// was finite but whose contribution was not, i.e. a non-finite local partial or ∞ · 0.
public struct NonFiniteOrigin: Sendable, Equatable {
    /// Which pass produced the non-finite number.
    public enum Pass: String, Sendable {
        /// The forward pass: a value.
        case forward
        /// The backward pass: a contribution to a gradient.
        case backward
    }

    /// The pass.
    public let pass: Pass
    /// The node whose operation produced it (for the backward pass, the consumer of the edge).
    public let node: NodeID
    /// The edge whose contribution was non-finite (backward pass only).
    public let edge: Int?
    /// The non-finite number: the node's value (forward) or the edge's contribution (backward).
    public let number: Double
    /// The values of the node's operands.
    public let operandValues: [Double]
    /// The program line the node came from (0 when unknown).
    public let line: Int32

    /// The forward-pass origin on `tape`, or nil when every value is finite.
    public static func forward(on tape: Tape) -> NonFiniteOrigin? {
        for node in 0 ..< tape.count where !tape.value(of: node).isFinite {
            let operands = tape.inputs(of: node).map { tape.value(of: $0) }
            if operands.allSatisfy(\.isFinite) {
                return NonFiniteOrigin(pass: .forward, node: node, edge: nil, number: tape.value(of: node),
                                       operandValues: operands, line: tape.line(of: node))
            }
        }
        return nil
    }

    /// The backward-pass origin in `backward`, or nil when every contribution is finite.
    public static func backward(_ backward: Backward, on tape: Tape) -> NonFiniteOrigin? {
        for step in backward.steps {
            let edge = Int(step)
            let contribution = backward.contribution(of: edge, on: tape)
            guard !contribution.isFinite, backward.upstream(of: edge, on: tape).isFinite else { continue }
            let consumer = tape.consumer(of: edge)
            return NonFiniteOrigin(pass: .backward, node: consumer, edge: edge, number: contribution,
                                   operandValues: tape.inputs(of: consumer).map { tape.value(of: $0) }, line: tape.line(of: consumer))
        }
        return nil
    }

    /// `forward pass: -inf first arose at #2 = ln(#1), line 2, with operand value #1 = 0`.
    public func description(on tape: Tape, names: NodeNames, digits: Int = 6) -> String {
        let op = tape.op(of: node)
        let operands = tape.inputs(of: node)
        let operation = op.expression(parameter: tape.parameter(of: node))?
            .substituting { .symbol(names.labels[operands[$0]]) }.text(digits: digits) ?? op.rawValue
        let values = zip(operands, operandValues).map { "\(names.labels[$0]) = \(NumberText.significant($1, digits: digits))" }
        let whereText = line > 0 ? ", line \(line)" : ""
        let withText = values.isEmpty ? "" : ", with operand value\(values.count == 1 ? "" : "s") " + values.joined(separator: ", ")
        switch pass {
        case .forward:
            return "forward pass: \(NumberText.full(number)) first arose at \(names.labels[node]) #\(node) = \(operation) (\(op.rawValue))\(whereText)\(withText)"
        case .backward:
            let position = edge.map(tape.position(of:)) ?? -1
            let operand = operands.indices.contains(position) ? names.labels[operands[position]] : "?"
            let partial = edge.map { NumberText.full(tape.partial(of: $0)) } ?? "?"
            return "backward pass: \(NumberText.full(number)) first arose multiplying by the local partial ∂\(names.labels[node])/∂\(operand) = \(partial) at \(names.labels[node]) #\(node) = \(operation) (\(op.rawValue))\(whereText)\(withText)"
        }
    }
}
