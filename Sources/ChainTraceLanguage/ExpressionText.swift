import ChainTrace

extension Program {
    /// The expression `id` written back as source text (``ExpressionStore/text(_:names:limit:asOperand:)``).
    func text(_ id: ExpressionID, limit: Int = 60, asOperand: Bool = false) -> String {
        expressions.text(id, names: names, limit: limit, asOperand: asOperand)
    }
}

extension ExpressionStore {
    /// The expression `id` written back as source text with single spaces (`W1 @ x + b1`), at most
    /// about `limit` characters (`…` after), to name the operation a shape error is about; `names`
    /// are the program's names.
    ///
    /// Recursion follows nesting, which the parser bounds; a long chain stops at the limit.
    /// As an operand (`asOperand`), an operation of its own is bracketed: `W @ (x + y)`.
    func text(_ id: ExpressionID, names: [Symbol], limit: Int = 60, asOperand: Bool = false) -> String {
        var text = ""
        if asOperand {
            writeOperand(id, names: names, to: &text, limit: limit)
        } else {
            write(id, names: names, to: &text, limit: limit)
        }
        return Self.cut(text, limit: limit)
    }

    /// The start of a chain, `first` and the links in `links`, written as ``text(_:names:limit:asOperand:)`` writes it.
    func text(chain first: ExpressionID, links: Range<Int32>, names: [Symbol], limit: Int) -> String {
        var text = ""
        writeChain(first, links: links, names: names, to: &text, limit: limit)
        return Self.cut(text, limit: limit)
    }

    private static func cut(_ text: String, limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    private func write(_ id: ExpressionID, names: [Symbol], to text: inout String, limit: Int) {
        guard text.count <= limit else { return }
        switch self[id] {
        case .number(let value, _):
            text += NumberText.exact(value)
        case .name(let symbol, _):
            text += names[symbol].text
        case .negate(let a, _):
            text += "-"
            writeOperand(a, names: names, to: &text, limit: limit)
        case .binary(let op, let a, let b, _):
            text += op == .pow ? "" : "\(op.rawValue)("
            writeOperand(a, names: names, to: &text, limit: limit)
            text += op == .pow ? "^" : ", "
            writeOperand(b, names: names, to: &text, limit: limit)
            text += op == .pow ? "" : ")"
        case .chain(let first, let links):
            writeChain(first, links: links, names: names, to: &text, limit: limit)
        case .powConstant(let a, let p, _):
            writeOperand(a, names: names, to: &text, limit: limit)
            text += "^" + NumberText.exact(p)
        case .call(let op, let arguments, _):
            text += op.rawValue
            write(arguments, axis: nil, names: names, to: &text, limit: limit)
        case .tensorCall(let function, let arguments, let axis, _):
            text += function.rawValue
            write(arguments, axis: axis, names: names, to: &text, limit: limit)
        case .tensor(let literal, _):
            text += self.literal(literal).dimensions.count == 1 ? "[…]" : "[[…]]"
        case .index(let a, let indices, _):
            writeOperand(a, names: names, to: &text, limit: limit)
            text += "[" + self.indices(indices).map(String.init).joined(separator: ", ") + "]"
        }
    }

    private func writeChain(_ first: ExpressionID, links: Range<Int32>, names: [Symbol], to text: inout String, limit: Int) {
        write(first, names: names, to: &text, limit: limit)
        for position in links where text.count <= limit {
            let link = link(position)
            text += " " + link.op.symbol + " "
            writeOperand(link.operand, names: names, to: &text, limit: limit)
        }
    }

    /// Writes the expression, in brackets when it is an operation of its own (a chain, a sign, a power).
    private func writeOperand(_ id: ExpressionID, names: [Symbol], to text: inout String, limit: Int) {
        switch self[id] {
        case .chain, .negate, .powConstant, .binary(.pow, _, _, _):
            text += "("
            write(id, names: names, to: &text, limit: limit)
            text += ")"
        default:
            write(id, names: names, to: &text, limit: limit)
        }
    }

    private func write(_ arguments: Range<Int32>, axis: Int?, names: [Symbol], to text: inout String, limit: Int) {
        text += "("
        for position in arguments {
            if position > arguments.lowerBound { text += ", " }
            write(argument(position), names: names, to: &text, limit: limit)
        }
        if let axis { text += ", axis=\(axis)" }
        text += ")"
    }
}

extension Infix {
    /// The operator as written: `+`, `-`, `*`, `/`, `^`, `@`.
    var symbol: String {
        switch self {
        case .matmul: "@"
        case .arithmetic(let op):
            switch op {
            case .add: "+"
            case .sub: "-"
            case .mul: "*"
            case .div: "/"
            case .pow: "^"
            case .min, .max: op.rawValue
            }
        }
    }
}
