import ChainTrace

extension Expression {
    /// The expression written back as source text with single spaces (`W1 @ x + b1`), at most about
    /// `limit` characters (`…` after), to name the operation a shape error is about.
    ///
    /// Recursion follows nesting, which the parser bounds; a long chain stops at the limit.
    /// As an operand (`asOperand`), an operation of its own is bracketed: `W @ (x + y)`.
    func text(limit: Int = 60, asOperand: Bool = false) -> String {
        var text = ""
        if asOperand {
            writeOperand(to: &text, limit: limit)
        } else {
            write(to: &text, limit: limit)
        }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    private func write(to text: inout String, limit: Int) {
        guard text.count <= limit else { return }
        switch self {
        case .number(let value, _):
            text += NumberText.exact(value)
        case .name(let name, _):
            text += name.text
        case .negate(let a, _):
            text += "-"
            a.writeOperand(to: &text, limit: limit)
        case .binary(let op, let a, let b, _):
            text += op == .pow ? "" : "\(op.rawValue)("
            a.writeOperand(to: &text, limit: limit)
            text += op == .pow ? "^" : ", "
            b.writeOperand(to: &text, limit: limit)
            text += op == .pow ? "" : ")"
        case .chain(let first, let links):
            first.write(to: &text, limit: limit)
            for link in links where text.count <= limit {
                text += " " + link.op.symbol + " "
                link.operand.writeOperand(to: &text, limit: limit)
            }
        case .powConstant(let a, let p, _):
            a.writeOperand(to: &text, limit: limit)
            text += "^" + NumberText.exact(p)
        case .call(let op, let arguments, _):
            text += op.rawValue
            write(arguments, axis: nil, to: &text, limit: limit)
        case .tensorCall(let function, let arguments, let axis, _):
            text += function.rawValue
            write(arguments, axis: axis, to: &text, limit: limit)
        case .tensor(let literal, _):
            text += literal.dimensions.count == 1 ? "[…]" : "[[…]]"
        case .index(let a, let indices, _):
            a.writeOperand(to: &text, limit: limit)
            text += "[" + indices.map(String.init).joined(separator: ", ") + "]"
        }
    }

    /// Writes the expression, in brackets when it is an operation of its own (a chain, a sign, a power).
    private func writeOperand(to text: inout String, limit: Int) {
        switch self {
        case .chain, .negate, .powConstant, .binary(.pow, _, _, _):
            text += "("
            write(to: &text, limit: limit)
            text += ")"
        default:
            write(to: &text, limit: limit)
        }
    }

    private func write(_ arguments: [Expression], axis: Int?, to text: inout String, limit: Int) {
        text += "("
        for (position, argument) in arguments.enumerated() {
            if position > 0 { text += ", " }
            argument.write(to: &text, limit: limit)
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
