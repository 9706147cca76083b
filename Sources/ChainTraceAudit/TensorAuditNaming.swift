import ChainTrace
import ChainTraceTensor

/// How a tensor audit names nodes and edges: a named node by its name, an unnamed one by its formula
/// (`W2ᵀ · delta2`, `o ⊙ (1 − o)`), with `⊙` for elementwise products and `·` for matrix products.
struct TensorAuditNaming {
    let tape: TensorTape
    /// Formulas nest at most this deep; deeper operands are written `…` (the text stays short, and no
    /// recursion goes as deep as a program's expression).
    static let deepest = 6
    /// Unnamed constants with at most this many elements are written out.
    static let longestLiteral = 6

    func node(_ id: TensorNodeID) -> AuditedNode {
        AuditedNode(id: id, name: tape.name(of: id) ?? text(of: id))
    }

    func edge(_ index: Int) -> AuditedEdge {
        let consumer = tape.consumer(of: index)
        var derivative: String?
        if case .unary(let unary) = tape.op(of: consumer), unary.rule.isCallable {
            derivative = unary == .sigmoid ? "σ′" : unary.rawValue + "′"
        }
        return AuditedEdge(index: index, consumer: node(consumer), operand: node(tape.operand(of: index)),
                           derivativeName: derivative, rule: tape.rule(of: index).text)
    }

    /// 0 for a named computed node (what the author called it), 1 for a named input, 2 for an intermediate.
    func rank(_ id: TensorNodeID) -> Int {
        tape.name(of: id) == nil ? 2 : (tape.op(of: id) == .input ? 1 : 0)
    }

    /// A node's formula: its name if it has one, else its op applied to its operands' formulas.
    func text(of id: TensorNodeID) -> String {
        formula(id, depth: 0).text
    }

    /// A formula's text and how tightly it binds: 1 a sum, 2 an elementwise product (or a number times a
    /// tensor), 3 a matrix product, 4 a negation, 5 an atom. A product of one kind brackets the other's.
    private func formula(_ id: TensorNodeID, depth: Int) -> (text: String, binding: Int) {
        if let name = tape.name(of: id) { return (name, 5) }
        let value = tape.value(of: id)
        if tape.op(of: id) == .constant, value.shape.count <= Self.longestLiteral {
            // A small constant reads best as the literal it was written as: 0.5, [0.7, 0.2, 0.1].
            let numbers = value.elements.map { NumberText.significant($0, digits: 6) }
            switch value.shape.rank {
            case 0: return (numbers[0], 5)
            case 1: return ("[" + numbers.joined(separator: ", ") + "]", 5)
            default:
                let columns = value.shape.dimensions[value.shape.rank - 1]
                let rows = stride(from: 0, to: numbers.count, by: columns).map { "[" + numbers[$0 ..< $0 + columns].joined(separator: ", ") + "]" }
                return (value.shape.rank == 2 ? "[" + rows.joined(separator: ", ") + "]" : "t\(id)", 5)
            }
        }
        guard depth < Self.deepest else { return ("…", 5) }
        let operands = tape.inputs(of: id).map { formula($0, depth: depth + 1) }
        func wrap(_ operand: (text: String, binding: Int), below binding: Int) -> String {
            operand.binding < binding ? "(" + operand.text + ")" : operand.text
        }
        // The left operand of a product: a product of the same kind reads without brackets.
        func product(_ operand: (text: String, binding: Int), of kind: Int) -> String {
            operand.binding == kind ? operand.text : wrap(operand, below: 4)
        }
        switch tape.op(of: id) {
        case .input, .constant: return ("t\(id)", 5)
        case .unary(.neg): return ("−" + wrap(operands[0], below: 5), 4)
        case .unary(.powConstant): return (wrap(operands[0], below: 5) + "^" + NumberText.significant(tape.parameter(of: id), digits: 6), 5)
        case .unary(let unary): return (unary.rawValue + "(" + operands[0].text + ")", 5)
        case .binary(.add): return (operands[0].text + " + " + wrap(operands[1], below: 2), 1)
        case .binary(.sub): return (operands[0].text + " − " + wrap(operands[1], below: 2), 1)
        case .binary(.mul):
            let elementwise = tape.inputs(of: id).allSatisfy { tape.shape(of: $0).rank > 0 }
            return (product(operands[0], of: 2) + (elementwise ? " ⊙ " : "·") + wrap(operands[1], below: 4), 2)
        case .binary(.div): return (product(operands[0], of: 2) + " / " + wrap(operands[1], below: 4), 2)
        case .binary(let binary): return (binary.rawValue + "(" + operands[0].text + ", " + operands[1].text + ")", 5)
        case .matmul: return (product(operands[0], of: 3) + " · " + wrap(operands[1], below: 4), 3)
        case .transpose: return (wrap(operands[0], below: 5) + "ᵀ", 5)
        case .sum, .mean, .softmax, .logsumexp, .dot, .crossEntropy:
            return (tape.op(of: id).name + "(" + operands.map(\.text).joined(separator: ", ") + ")", 5)
        case .index(let index):
            return (wrap(operands[0], below: 5) + "[" + index.map(String.init).joined(separator: ",") + "]", 5)
        }
    }
}
