import ChainTrace

/// Runs statements in order, appending one node per operation and constant to a tape.
struct Evaluator {
    let program: Program
    let inputs: [String: Double]
    private(set) var tape = Tape()
    private(set) var bindings: [String: NodeID] = [:]
    private(set) var usedInputs: Set<String> = []
    private var line: Int32 = 0

    init(program: Program, inputs: [String: Double]) {
        self.program = program
        self.inputs = inputs
    }

    mutating func execute(_ statement: Statement) throws(ProgramError) {
        line = Int32(statement.targetLocation.line)
        let name = statement.target
        let node: NodeID
        if let op = statement.compound {
            guard let current = bindings[name] else {
                throw program.error(statement.targetLocation, "'\(name)' has no value to update yet; assign it first ('\(name) = …')")
            }
            node = tape.appendBinary(op, current, try evaluate(statement.expression), name: name, line: line)
        } else if case .name(let source, let location) = statement.expression {
            // An alias records nothing and renames nothing: `name` now refers to the same node.
            node = try lookup(source, at: location)
        } else if let literal = statement.expression.literal {
            if bindings[name] == nil {
                usedInputs.insert(name)
                node = tape.appendLeaf(.input, value: inputs[name] ?? literal, name: name, line: line)
            } else {
                node = tape.appendLeaf(.constant, value: literal, name: name, line: line)
            }
        } else {
            node = try evaluate(statement.expression)
            tape.setName(name, of: node)
        }
        bindings[name] = node
    }

    private static let scalarOnly = "a program with tensor syntax runs on the tensor evaluator (see Program.isTensorProgram)"

    /// Recursion follows nesting only, which the parser bounds; runs of `+ -` and `* /` are loops.
    private mutating func evaluate(_ expression: Expression) throws(ProgramError) -> NodeID {
        switch expression {
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
            for link in links {
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
                return tape.appendUnary(unary, try evaluate(arguments[0]), line: line)
            case .binary(let binary):
                let left = try evaluate(arguments[0])
                return tape.appendBinary(binary, left, try evaluate(arguments[1]), line: line)
            }
        }
    }

    private mutating func lookup(_ name: String, at location: SourceLocation) throws(ProgramError) -> NodeID {
        if let node = bindings[name] { return node }
        if let value = inputs[name] {
            usedInputs.insert(name)
            let node = tape.appendLeaf(.input, value: value, name: name, line: line)
            bindings[name] = node
            return node
        }
        throw program.unbound(name, at: location, example: "1.5")
    }
}
