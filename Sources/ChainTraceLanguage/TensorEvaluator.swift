import ChainTrace
import ChainTraceTensor

/// Runs a tensor program's statements in order, recording one tensor node per operation and
/// constant; scalars are rank-0 tensors. Its rules for names, inputs and aliases are the scalar
/// ``Evaluator``'s; a shape error is located at the operator and names the expression and both shapes.
struct TensorEvaluator: StatementRunner {
    let program: Program
    let inputs: [String: Tensor]
    private(set) var tape = TensorTape()
    var nodes: [TensorNodeID?]
    var usedInputs: Set<String> = []
    var line: Int32 = 0
    static let exampleValue = "[1, 2]"

    init(program: Program, inputs: [String: Tensor]) {
        self.program = program
        self.inputs = inputs
        self.nodes = Array(repeating: nil, count: program.names.count)
    }

    func literal(of expression: ExpressionID) -> Tensor? {
        switch program.expressions[expression] {
        case .number(let value, _): Tensor(scalar: value)
        case .tensor(let literal, _): Tensor(program.expressions.literal(literal))
        default: nil
        }
    }

    mutating func update(_ current: TensorNodeID, by op: BinaryOp, with expression: ExpressionID, named name: String,
                         at location: SourceLocation) throws(ProgramError) -> TensorNodeID {
        let operand = try evaluate(expression)
        let program = program
        let node = try record(.binary(op), [current, operand], at: location,
                              text: "\(name) \(Infix.arithmetic(op).symbol)= \(program.text(expression))")
        tape.setName(name, of: node)
        return node
    }

    mutating func recordInput(_ name: String, value: Tensor) -> TensorNodeID {
        tape.appendInput(value, name: name, line: line)
    }

    mutating func recordConstant(_ name: String, literal: Tensor) -> TensorNodeID {
        tape.appendConstant(literal, name: name, line: line)
    }

    mutating func setName(_ name: String, of node: TensorNodeID) { tape.setName(name, of: node) }

    /// An `--at` value must have the shape of the program's literal.
    func inputValue(_ name: String, literal: Tensor, at location: SourceLocation) throws(ProgramError) -> Tensor {
        guard let value = inputs[name] else { return literal }
        guard value.shape == literal.shape else {
            throw program.error(location, "--at \(name)=…: the value has shape \(value.shape) but the program's \(name) has shape "
                + "\(literal.shape); give \(literal.shape.count) number\(literal.shape.count == 1 ? "" : "s") shaped like the literal")
        }
        return value
    }

    /// Recursion follows nesting only, which the parser bounds; runs of `+ - * / @` are loops.
    mutating func evaluate(_ expression: ExpressionID) throws(ProgramError) -> TensorNodeID {
        // A copy for the messages' autoclosures, which may not read `self` while `record` changes it.
        let program = program
        switch program.expressions[expression] {
        case .number(let value, _):
            return tape.appendConstant(Tensor(scalar: value), line: line)
        case .tensor(let literal, _):
            return tape.appendConstant(Tensor(program.expressions.literal(literal)), line: line)
        case .name(let name, let location):
            return try lookup(name, at: location)
        case .negate(let a, let location):
            return try record(.unary(.neg), [evaluate(a)], at: location, text: program.text(expression))
        case .powConstant(let a, let p, let location):
            return try record(.unary(.powConstant), [evaluate(a)], parameter: p, at: location, text: program.text(expression))
        case .binary(let op, let a, let b, let location):
            let left = try evaluate(a)
            return try record(.binary(op), [left, evaluate(b)], at: location, text: program.text(expression))
        case .chain(let first, let links):
            var left = try evaluate(first)
            for position in links {
                let link = program.expressions.link(position)
                let op: TensorOp = switch link.op {
                case .arithmetic(let op): .binary(op)
                case .matmul: .matmul
                }
                // Written only for a message, and flat: the chain is never rebuilt as nested chains.
                left = try record(op, [left, evaluate(link.operand)], at: link.location,
                                  text: program.expressions.text(chain: first, links: links.lowerBound ..< position, names: program.names, limit: 40)
                                      + " " + link.op.symbol + " " + program.text(link.operand, limit: 40, asOperand: true))
            }
            return left
        case .call(let op, let arguments, let location):
            let operands = try evaluate(arguments)
            let tensorOp: TensorOp = switch op.kind {
            case .leaf: preconditionFailure("the parser accepts only functions as calls, not '\(op.rawValue)'")
            case .unary(let unary): .unary(unary)
            case .binary(let binary): .binary(binary)
            }
            return try record(tensorOp, operands, at: location, text: program.text(expression))
        case .tensorCall(let function, let arguments, let axis, let location):
            return try record(function.op(axis: axis), try evaluate(arguments), at: location, text: program.text(expression))
        case .index(let a, let indices, let location):
            return try record(.index(program.expressions.indices(indices)), [evaluate(a)], at: location, text: program.text(expression))
        }
    }

    private mutating func evaluate(_ arguments: Range<Int32>) throws(ProgramError) -> [TensorNodeID] {
        var operands: [TensorNodeID] = []
        for position in arguments { operands.append(try evaluate(program.expressions.argument(position))) }
        return operands
    }

    /// Records one operation; a shape error becomes `file:line:col: W1 @ x: shapes … do not match …`.
    private mutating func record(_ op: TensorOp, _ operands: [TensorNodeID], parameter: Double = 0,
                                 at location: SourceLocation, text: @autoclosure () -> String) throws(ProgramError) -> TensorNodeID {
        do {
            return try tape.append(op, operands, parameter: parameter, line: line)
        } catch {
            throw program.error(location, "\(text()): \(error.message)")
        }
    }
}

extension Tensor {
    /// The tensor a literal writes.
    init(_ literal: TensorLiteral) {
        self.init(shape: Shape(literal.dimensions), elements: literal.elements)
    }
}

extension TensorFunction {
    /// The engine's op for a call, with its axis.
    func op(axis: Int?) -> TensorOp {
        switch self {
        case .sum: .sum(axis: axis)
        case .mean: .mean(axis: axis)
        case .logsumexp: .logsumexp(axis: axis)
        case .transpose: .transpose
        case .softmax: .softmax
        case .dot: .dot
        case .crossEntropy: .crossEntropy
        }
    }
}
