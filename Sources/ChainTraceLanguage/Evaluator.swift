import ChainTrace

/// Runs statements in order, appending one node per operation and constant to a tape.
struct Evaluator: StatementRunner {
    let program: Program
    let inputs: [String: Double]
    private(set) var tape = Tape()
    var nodes: [NodeID?]
    var usedInputs: Set<String> = []
    var line: Int32 = 0
    static let exampleValue = "1.5"

    init(program: Program, inputs: [String: Double]) {
        self.program = program
        self.inputs = inputs
        self.nodes = Array(repeating: nil, count: program.names.count)
    }

    func literal(of expression: ExpressionID) -> Double? { program.expressions[expression].literal }

    mutating func update(_ current: NodeID, by op: BinaryOp, with expression: ExpressionID, named name: String,
                         at location: SourceLocation) throws(ProgramError) -> NodeID {
        tape.appendBinary(op, current, try evaluate(expression), name: name, line: line)
    }

    func inputValue(_ name: String, literal: Double, at location: SourceLocation) -> Double { inputs[name] ?? literal }

    mutating func recordInput(_ name: String, value: Double) -> NodeID {
        tape.appendLeaf(.input, value: value, name: name, line: line)
    }

    mutating func recordConstant(_ name: String, literal: Double) -> NodeID {
        tape.appendLeaf(.constant, value: literal, name: name, line: line)
    }

    mutating func setName(_ name: String, of node: NodeID) { tape.setName(name, of: node) }

    private static let scalarOnly = "a program with tensor syntax runs on the tensor evaluator (see Program.isTensorProgram)"

    /// Recursion follows nesting only, which the parser bounds; runs of `+ -` and `* /` are loops.
    mutating func evaluate(_ expression: ExpressionID) throws(ProgramError) -> NodeID {
        switch program.expressions[expression] {
        case .number(let value, _):
            return tape.appendLeaf(.constant, value: value, line: line)
        case .name(let name, let location):
            return try lookup(name, at: location)
        case .negate(let a, _):
            return tape.appendUnary(.neg, try evaluate(a), line: line)
        case .powConstant(let a, let p, _):
            return tape.appendUnary(.powConstant, try evaluate(a), parameter: p, line: line)
        case .binary(let op, let a, let b, _):
            let left = try evaluate(a)
            return tape.appendBinary(op, left, try evaluate(b), line: line)
        case .chain(let first, let links):
            var left = try evaluate(first)
            for position in links {
                let link = program.expressions.link(position)
                guard case .arithmetic(let op) = link.op else { preconditionFailure(Self.scalarOnly) }
                left = tape.appendBinary(op, left, try evaluate(link.operand), line: line)
            }
            return left
        case .tensor, .index, .tensorCall:
            preconditionFailure(Self.scalarOnly)
        case .call(let op, let arguments, _):
            switch op.kind {
            case .leaf:
                preconditionFailure("the parser accepts only functions as calls, not '\(op.rawValue)'")
            case .unary(let unary):
                return tape.appendUnary(unary, try evaluate(program.expressions.argument(arguments.lowerBound)), line: line)
            case .binary(let binary):
                let left = try evaluate(program.expressions.argument(arguments.lowerBound))
                return tape.appendBinary(binary, left, try evaluate(program.expressions.argument(arguments.lowerBound + 1)), line: line)
            }
        }
    }
}
