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
        tape.name(of: node).map { "\(DisplayText.shortened($0, to: nameWidth)) #\(node)" } ?? "#\(node)"
    }

    /// The operation as shown to people: its JSON name, or `^p` for a constant power.
    public static func opText(_ node: NodeID, on tape: Tape) -> String {
        tape.op(of: node) == .powConstant ? "^" + NumberText.full(tape.parameter(of: node)) : tape.op(of: node).rawValue
    }

    /// Every node with its operation, value, gradient and operands with their local partials.
    public func nodes(_ tape: Tape, backward: Backward?) -> String {
        let cells = Self.cells(tape)
        var rows = [["node", "op", "value", "grad", "operands (local partial ∂node/∂operand)"]]
        rows.reserveCapacity(tape.count + 1)
        for node in 0 ..< tape.count {
            var operands = ""
            for edge in tape.edges(of: node) {
                if !operands.isEmpty { operands += ", " }
                operands += cells[tape.operand(of: edge)] + " (∂ " + number(tape.partial(of: edge)) + ")"
            }
            rows.append([
                cells[node], Self.opText(node, on: tape), number(tape.value(of: node)),
                backward.map { number($0.gradients[node]) } ?? "", operands,
            ])
        }
        return Self.align(rows)
    }

    /// The backward steps in the order they ran, then how each branch point summed its contributions.
    public func steps(_ tape: Tape, backward: Backward) -> String {
        let cells = Self.cells(tape)
        var rows = [["step", "consumer", "operand", "upstream", "", "local", "", "contribution"]]
        rows.reserveCapacity(backward.steps.count + 1)
        for (index, step) in backward.steps.enumerated() {
            let edge = Int(step)
            rows.append([
                String(index + 1), cells[tape.consumer(of: edge)], cells[tape.operand(of: edge)],
                number(backward.upstream(of: edge, on: tape)), "×", number(tape.partial(of: edge)), "=",
                number(backward.contribution(of: edge, on: tape)),
            ])
        }
        return Self.backwardHeading(cells[backward.output], shortName: Self.shortName(backward.output, on: tape))
            + Self.align(rows)
            + Self.branchPoints(backward.arrivals(on: tape), label: { cells[$0] },
                                sum: { NumberText.sum($0.map { backward.contribution(of: $0, on: tape) }, digits: digits) },
                                gradient: { number(backward.gradients[$0]) })
    }

    /// A large trace in a few lines instead of its tables: how many nodes, edges, steps and branch
    /// points it has, its output, and the `inputs` inputs with the largest |gradient| (a NaN first,
    /// ties by id), or its first inputs when there is no backward pass.
    public func summary(_ tape: Tape, backward: Backward?, inputs shown: Int = 10) -> String {
        var counts = (inputs: 0, constants: 0)
        var inputs: [NodeID] = []
        for node in 0 ..< tape.count {
            switch tape.op(of: node) {
            case .input: counts.inputs += 1; inputs.append(node)
            case .constant: counts.constants += 1
            default: break
            }
        }
        var text = Self.counted(tape.count, "node") + " (" + Self.counted(counts.inputs, "input") + ", "
            + Self.counted(counts.constants, "constant") + ", " + Self.counted(tape.count - counts.inputs - counts.constants, "operation")
            + "), " + Self.counted(tape.edgeCount, "edge") + "\n"
        if let backward {
            let cell = Self.cell(backward.output, on: tape)
            let branchPoints = Self.branchPointCount(backward, on: tape)
            text += Self.backwardHeading(cell, shortName: Self.shortName(backward.output, on: tape)).dropLast()
                + "; \(cell) = \(number(tape.value(of: backward.output))), " + Self.counted(backward.steps.count, "step") + ", "
                + Self.counted(branchPoints, "branch point") + "\n"
            // A NaN gradient is the first thing to look at; infinities next, then by size.
            let size = { (node: NodeID) -> Double in backward.gradients[node].isNaN ? .infinity : Swift.abs(backward.gradients[node]) }
            inputs.sort { size($0) != size($1) ? size($0) > size($1) : $0 < $1 }
        }
        guard !inputs.isEmpty else { return text }
        let listed = inputs.prefix(shown)
        text += backward == nil ? "\nthe first inputs (\(listed.count) of \(inputs.count)):\n"
            : "\nthe inputs with the largest |gradient| (\(listed.count) of \(inputs.count)):\n"
        var rows = [["node", "value", "grad"]]
        for node in listed {
            rows.append([Self.cell(node, on: tape), number(tape.value(of: node)), backward.map { number($0.gradients[node]) } ?? ""])
        }
        return text + Self.align(rows)
    }

    /// How many nodes received two or more contributions: the branch points `arrivals` lists, counted
    /// without an array per node (a summary is printed for traces too large for the tables).
    private static func branchPointCount(_ backward: Backward, on tape: Tape) -> Int {
        var received = [UInt8](repeating: 0, count: tape.count)
        var count = 0
        for edge in backward.steps {
            let operand = tape.operand(of: Int(edge))
            if received[operand] == 1 { count += 1 }
            received[operand] = min(received[operand] + 1, 2)
        }
        return count
    }

    /// `1 node`, `2 nodes`.
    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)" + (count == 1 ? "" : "s")
    }

    /// `backward from y #4: ∂y/∂y = 1`: the line above the step table of a scalar or tensor trace.
    package static func backwardHeading(_ label: String, shortName: String) -> String {
        "backward from \(label): ∂\(shortName)/∂\(shortName) = 1\n"
    }

    /// How each branch point summed its contributions (`  x #0: 3 − 6 = −3`), under its heading; empty
    /// when no node received more than one. `arrivals` lists each node's edges in arrival order; `sum`
    /// writes their contributions as a sum, `gradient` the node's gradient (scalar or tensor tables).
    package static func branchPoints(
        _ arrivals: [[Int]], label: (Int) -> String, sum: ([Int]) -> String, gradient: (Int) -> String
    ) -> String {
        var text = ""
        for (node, edges) in arrivals.enumerated() where edges.count > 1 {
            if text.isEmpty { text = "\nbranch points (gradient = sum of contributions):\n" }
            text += "  " + label(node) + ": " + sum(edges) + " = " + gradient(node) + "\n"
        }
        return text
    }

    private static func shortName(_ node: NodeID, on tape: Tape) -> String {
        tape.name(of: node).map(shown) ?? "#\(node)"
    }

    /// ``label(_:on:)`` for a table: the name shortened and escaped for the terminal.
    private static func cell(_ node: NodeID, on tape: Tape) -> String {
        tape.name(of: node).map { "\(shown($0)) #\(node)" } ?? "#\(node)"
    }

    /// Every node's ``cell(_:on:)``, made once: a table names most nodes several times.
    private static func cells(_ tape: Tape) -> [String] {
        (0 ..< tape.count).map { cell($0, on: tape) }
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
    ///
    /// Each cell is measured once (its UTF-8 length when it is ASCII, else its characters) and the
    /// text is built as bytes: tables of a large trace have millions of cells.
    package static func align(_ rows: [[String]]) -> String {
        let columns = rows.map { $0.count }.max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        var cellWidths: [Int] = []
        cellWidths.reserveCapacity(rows.count * columns)
        var bytes = 0
        for row in rows {
            for (column, cell) in row.enumerated() {
                let width = displayWidth(cell)
                cellWidths.append(width)
                widths[column] = max(widths[column], width)
                bytes += cell.utf8.count
            }
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes + rows.count * (2 * columns + 1) + widths.reduce(0, +) * rows.count / 2)
        let space = UInt8(ascii: " ")
        // Padding is copied from one row of spaces; cells from their contiguous bytes (generic appends cost several times more).
        let spaces = [UInt8](repeating: space, count: (widths.max() ?? 0) + 2)
        var measured = 0
        for row in rows {
            let lineStart = text.count
            for (column, cell) in row.enumerated() {
                if cell.utf8.withContiguousStorageIfAvailable({ text.append(contentsOf: $0) }) == nil { text.append(contentsOf: cell.utf8) }
                if column < row.count - 1 {
                    text.append(contentsOf: spaces[..<(widths[column] - cellWidths[measured] + 2)])
                }
                measured += 1
            }
            while text.count > lineStart, text[text.count - 1] == space { text.removeLast() }
            text.append(UInt8(ascii: "\n"))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The columns a cell takes: its characters. Counted from the bytes when each is ASCII other
    /// than CR or one of the signs the tables write themselves (−, ∂, ×, …), characters that nothing
    /// here can join to a neighbour; any other byte is left to `String.count` (grapheme clusters).
    static func displayWidth(_ cell: String) -> Int {
        let plain: Int?? = cell.utf8.withContiguousStorageIfAvailable(plainWidth)
        return plain.flatMap { $0 } ?? cell.count
    }

    /// The characters of `bytes` when all are plain (see ``displayWidth(_:)``), else nil.
    private static func plainWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var width = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0D { return nil }
                index += 1
            } else if byte == 0xC3, index + 1 < bytes.count, bytes[index + 1] == 0x97 {
                index += 2 // × U+00D7
            } else if byte == 0xE2, index + 2 < bytes.count,
                      (bytes[index + 1], bytes[index + 2]) == (0x88, 0x92) || (bytes[index + 1], bytes[index + 2]) == (0x88, 0x82)
                      || (bytes[index + 1], bytes[index + 2]) == (0x80, 0xA6) {
                index += 3 // − U+2212, ∂ U+2202, … U+2026
            } else {
                return nil
            }
            width += 1
        }
        return width
    }
}
