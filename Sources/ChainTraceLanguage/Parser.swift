import ChainTrace

/// Recursive-descent parser for the program language.
///
/// Precedence, loosest first: `+ -`, then `* /`, then unary minus, then `^`/`**`
/// (right-associative, binding tighter than unary minus as in Python: `-x^2` is `-(x^2)`).
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private let fail: (SourceLocation, String) -> ProgramError

    init(tokens: [Token], fail: @escaping (SourceLocation, String) -> ProgramError) {
        self.tokens = tokens
        self.fail = fail
    }

    mutating func statements() throws(ProgramError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            switch current.kind {
            case .end:
                return statements
            case .newline:
                index += 1
            default:
                statements.append(try statement())
                guard current.kind == .newline || current.kind == .end else {
                    throw fail(current.location, "expected the end of the statement, found \(describe(current))")
                }
            }
        }
    }

    private mutating func statement() throws(ProgramError) -> Statement {
        guard case .name(let target) = current.kind else {
            throw fail(current.location, "expected a statement 'name = expression', found \(describe(current))")
        }
        let targetLocation = current.location
        if FunctionCatalog.op(named: target) != nil {
            throw fail(targetLocation, "'\(target)' is a function name and cannot be assigned; choose another name")
        }
        index += 1
        let compound: BinaryOp?
        switch current.kind {
        case .assign: compound = nil
        case .plusAssign: compound = .add
        case .minusAssign: compound = .sub
        case .starAssign: compound = .mul
        case .slashAssign: compound = .div
        default:
            throw fail(current.location, "expected '=' after '\(target)' (a statement assigns a name: '\(target) = …'), found \(describe(current))")
        }
        index += 1
        return Statement(target: target, targetLocation: targetLocation, compound: compound, expression: try expression())
    }

    private mutating func expression() throws(ProgramError) -> Expression {
        var left = try term()
        while true {
            let op: BinaryOp
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .sub
            default: return left
            }
            let location = current.location
            index += 1
            left = .binary(op, left, try term(), location)
        }
    }

    private mutating func term() throws(ProgramError) -> Expression {
        var left = try unary()
        while true {
            let op: BinaryOp
            switch current.kind {
            case .star: op = .mul
            case .slash: op = .div
            default: return left
            }
            let location = current.location
            index += 1
            left = .binary(op, left, try unary(), location)
        }
    }

    private mutating func unary() throws(ProgramError) -> Expression {
        let location = current.location
        switch current.kind {
        case .minus:
            index += 1
            let operand = try unary()
            // A negative literal is one constant, not a negation of a constant.
            if case .number(let value, _) = operand { return .number(-value, location) }
            return .negate(operand, location)
        case .plus:
            index += 1
            return try unary()
        default:
            return try power()
        }
    }

    private mutating func power() throws(ProgramError) -> Expression {
        let base = try primary()
        guard current.kind == .power else { return base }
        let location = current.location
        index += 1
        let exponent = try unary()
        if let p = exponent.literal { return .powConstant(base, p, location) }
        return .binary(.pow, base, exponent, location)
    }

    private mutating func primary() throws(ProgramError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            index += 1
            return .number(value, token.location)
        case .name(let name):
            index += 1
            if current.kind == .leftParen { return try call(name, at: token.location) }
            if FunctionCatalog.op(named: name) != nil {
                throw fail(token.location, "'\(name)' is a function; call it as \(name)(…)")
            }
            return .name(name, token.location)
        case .leftParen:
            index += 1
            let inner = try expression()
            guard current.kind == .rightParen else {
                throw fail(current.location, "expected ')' to close the '(' at \(token.location.line):\(token.location.column), found \(describe(current))")
            }
            index += 1
            return inner
        default:
            throw fail(token.location, "expected an expression, found \(describe(token))")
        }
    }

    private mutating func call(_ name: String, at location: SourceLocation) throws(ProgramError) -> Expression {
        guard let op = FunctionCatalog.op(named: name) else {
            var message = "unknown function '\(name)'"
            if let suggestion = FunctionCatalog.closest(to: name) { message += "; did you mean '\(suggestion)'?" }
            message += " (functions: \(FunctionCatalog.names.joined(separator: ", ")))"
            throw fail(location, message)
        }
        index += 1
        var arguments: [Expression] = []
        if current.kind != .rightParen {
            arguments.append(try expression())
            while current.kind == .comma {
                index += 1
                arguments.append(try expression())
            }
        }
        guard current.kind == .rightParen else {
            throw fail(current.location, "expected ',' or ')' in the call to '\(name)', found \(describe(current))")
        }
        index += 1
        guard arguments.count == op.arity else {
            throw fail(location, "'\(name)' takes \(op.arity) argument\(op.arity == 1 ? "" : "s"), found \(arguments.count)")
        }
        if op == .pow, let p = arguments[1].literal { return .powConstant(arguments[0], p, location) }
        return .call(op, arguments, location)
    }

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: "the end of the program"
        case .newline: "the end of the line"
        case .number: "the number '\(token.text)'"
        case .name(let name): "the name '\(name)'"
        default: "'\(token.text)'"
        }
    }
}
