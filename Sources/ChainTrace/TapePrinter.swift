import ChainTraceText

/// Prints a tape and its backward record as aligned text tables.
public struct TapePrinter: Sendable {
    /// Significant digits for every number.
    public var digits: Int

    /// A printer with the given precision.
    public init(digits: Int = 6) {
        precondition(digits >= 1, "TapePrinter needs at least one significant digit")
        self.digits = digits
    }

    /// How a node is referred to: `name #id`, or `#id` when it has no name; a name longer than
    /// ``nameWidth`` characters is shortened in the middle (the trace JSON keeps it whole).
    public static func label(_ node: NodeID, on tape: Tape) -> String {
        tape.names[node].map { "\(DisplayText.shortened($0, to: nameWidth)) #\(node)" } ?? "#\(node)"
    }

    /// The operation as shown to people: its JSON name, or `^p` for a constant power.
    public static func opText(_ node: NodeID, on tape: Tape) -> String {
        tape.ops[node] == .powConstant ? "^" + NumberText.full(tape.parameters[node]) : tape.ops[node].rawValue
    }

    /// Every node with its operation, value, gradient and operands with their local partials.
    public func nodes(_ tape: Tape, backward: Backward?) -> String {
        var rows = [["node", "op", "value", "grad", "operands (local partial ∂node/∂operand)"]]
        for node in 0 ..< tape.count {
            let operands = tape.edges(of: node).map { edge in
                "\(Self.cell(Int(tape.edgeInputs[edge]), on: tape)) (∂ \(number(tape.partials[edge])))"
            }
            rows.append([
                Self.cell(node, on: tape), Self.opText(node, on: tape), number(tape.values[node]),
                backward.map { number($0.gradients[node]) } ?? "",
                operands.joined(separator: ", "),
            ])
        }
        return Self.align(rows)
    }

    /// The backward steps in the order they ran, then how each branch point summed its contributions.
    public func steps(_ tape: Tape, backward: Backward) -> String {
        var rows = [["step", "consumer", "operand", "upstream", "", "local", "", "contribution"]]
        for (index, step) in backward.steps.enumerated() {
            let edge = Int(step)
            rows.append([
                "\(index + 1)", Self.cell(Int(tape.edgeConsumers[edge]), on: tape),
                Self.cell(Int(tape.edgeInputs[edge]), on: tape),
                number(backward.upstream(of: edge, on: tape)), "×", number(tape.partials[edge]), "=",
                number(backward.contribution(of: edge, on: tape)),
            ])
        }
        var text = "backward from \(Self.cell(backward.output, on: tape)): ∂\(Self.shortName(backward.output, on: tape))/∂\(Self.shortName(backward.output, on: tape)) = 1\n"
        text += Self.align(rows)
        let branchPoints = backward.arrivals(on: tape).enumerated().filter { $0.element.count > 1 }
        if !branchPoints.isEmpty {
            text += "\nbranch points (gradient = sum of contributions):\n"
            for (node, edges) in branchPoints {
                let terms = NumberText.sum(edges.map { backward.contribution(of: $0, on: tape) }, digits: digits)
                text += "  \(Self.cell(node, on: tape)): \(terms) = \(number(backward.gradients[node]))\n"
            }
        }
        return text
    }

    private static func shortName(_ node: NodeID, on tape: Tape) -> String {
        tape.names[node].map(shown) ?? "#\(node)"
    }

    /// ``label(_:on:)`` for a table: the name shortened and escaped for the terminal.
    private static func cell(_ node: NodeID, on tape: Tape) -> String {
        tape.names[node].map { "\(shown($0)) #\(node)" } ?? "#\(node)"
    }

    /// A name as a table shows it: at most ``nameWidth`` characters, no control character (a trace
    /// file must not be able to drive the terminal or pad every row to the longest name).
    package static func shown(_ name: String) -> String {
        Escape.terminal(DisplayText.shortened(name, to: nameWidth))
    }

    /// The most characters of a name a table or list shows; the rest is elided in the middle, so one
    /// long name cannot pad every row of a table.
    public static let nameWidth = 40

    private func number(_ x: Double) -> String {
        NumberText.significant(x, digits: digits)
    }

    /// Rows as columns padded to their widest cell, two spaces apart, no trailing spaces (also the tensor tables').
    package static func align(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0 ..< columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
