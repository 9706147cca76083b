import ChainTrace

/// Prints a tensor trace and its backward record as aligned tables, the tensor counterpart of
/// `TapePrinter`: one row per tensor node (op, shape, value, gradient, operands), one
/// row per backward step (consumer ← operand, rule, upstream, contribution), then the branch points.
///
/// A tensor of at most ``smallCount`` elements is written out (`[[0.1, 0.4], [−0.3, 0.2]]`); a larger
/// one is summarised (`min −0.5 mean 0.1 max 0.7 ‖·‖ 1.2`), so a table stays readable and fast for
/// a million elements; the trace JSON holds every number.
public struct TensorTapePrinter: Sendable {
    /// Significant digits for every number.
    public var digits: Int

    /// The most elements a cell writes out; larger tensors are summarised.
    public static let smallCount = 8

    /// A printer with the given precision.
    public init(digits: Int = 6) {
        precondition(digits >= 1, "TensorTapePrinter needs at least one significant digit")
        self.digits = digits
    }

    /// Every node with its operation, shape, operands, value and gradient.
    public func nodes(_ tape: TensorTape, backward: TensorBackward) -> String {
        var rows = [["node", "op", "shape", "operands", "value", "grad"]]
        for node in 0 ..< tape.count {
            rows.append([
                Self.cell(node, on: tape), Self.opText(tape.op(of: node), parameter: tape.parameter(of: node)),
                "\(tape.shape(of: node))", tape.inputs(of: node).map { Self.cell($0, on: tape) }.joined(separator: ", "),
                text(tape.value(of: node)), text(backward.gradient(of: node)),
            ])
        }
        return TapePrinter.align(rows)
    }

    /// The backward steps in the order they ran, then how each branch point summed its contributions.
    public func steps(_ tape: TensorTape, backward: TensorBackward) -> String {
        var rows = [["step", "consumer ← operand", "rule (Ḡ: upstream)", "Jacobian", "upstream", "contribution"]]
        for (index, edge) in backward.steps.enumerated() {
            let rule = tape.rule(of: edge)
            rows.append([
                "\(index + 1)", Self.cell(tape.consumer(of: edge), on: tape) + " ← " + Self.cell(tape.operand(of: edge), on: tape),
                rule.text, rule.kind.rawValue,
                "\(rule.upstreamShape) " + text(backward.upstream(of: edge, on: tape)),
                "\(rule.operandShape) " + (backward.contribution(of: edge).map(text) ?? ""),
            ])
        }
        return TapePrinter.backwardHeading(Self.cell(backward.output, on: tape), shortName: Self.shortName(backward.output, on: tape))
            + TapePrinter.align(rows)
            + TapePrinter.branchPoints(backward.arrivals(on: tape), label: { Self.cell($0, on: tape) },
                                       sum: { $0.compactMap(backward.contribution(of:)).map(text).joined(separator: " + ") },
                                       gradient: { text(backward.gradient(of: $0)) })
    }

    /// Whether any tensor of the trace has more than ``smallCount`` elements, so the tables summarise it.
    public static func summarises(_ tape: TensorTape) -> Bool {
        (0 ..< tape.count).contains { tape.shape(of: $0).count > smallCount }
    }

    /// The operation as shown to people: its JSON name, `^p` for a constant power, with its axis or index.
    public static func opText(_ op: TensorOp, parameter: Double) -> String {
        switch op {
        case .unary(.powConstant): "^" + NumberText.full(parameter)
        case .sum(let axis?), .mean(let axis?), .logsumexp(let axis?): "\(op.name)(axis=\(axis))"
        case .index(let index): "index[" + index.map(String.init).joined(separator: ",") + "]"
        default: op.name
        }
    }

    /// A tensor's numbers: written out when small (nested brackets by rank), else summarised.
    public func text(_ tensor: Tensor) -> String {
        tensor.shape.count <= Self.smallCount ? tensor.text(digits: digits) : summary(tensor.elements)
    }

    /// `min −0.5 mean 0.1 max 0.7 ‖·‖ 1.2`: a large tensor in four numbers (``TensorSummary``), then
    /// `(3 NaN, 1 ±∞)` when it holds non-finite elements (minimum, mean and maximum skip them).
    private func summary(_ elements: [Double]) -> String {
        let summary = TensorSummary(elements: elements)
        var parts: [String] = []
        if let low = summary.min, let mean = summary.mean, let high = summary.max {
            parts.append("min \(number(low)) mean \(number(mean)) max \(number(high))")
        }
        parts.append("‖·‖ \(number(summary.norm))")
        let nonFinite = [(summary.nanCount, "NaN"), (summary.infinityCount, "±∞")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !nonFinite.isEmpty { parts.append("(" + nonFinite.joined(separator: ", ") + ")") }
        return parts.joined(separator: " ")
    }

    private static func cell(_ node: TensorNodeID, on tape: TensorTape) -> String {
        tape.name(of: node).map { "\(TapePrinter.shown($0)) #\(node)" } ?? "#\(node)"
    }

    private static func shortName(_ node: TensorNodeID, on tape: TensorTape) -> String {
        tape.name(of: node).map(TapePrinter.shown) ?? "#\(node)"
    }

    private func number(_ x: Double) -> String {
        NumberText.significant(x, digits: digits)
    }
}
