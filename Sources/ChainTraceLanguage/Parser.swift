import ChainTrace

/// The parser of the program language: statements line by line, expressions by operator precedence.
///
/// Precedence, loosest first: `+ -`, then `* / @`, then unary minus, then `^`/`**`
/// (right-associative, binding tighter than unary minus as in Python: `-x^2` is `-(x^2)`), then
/// indexing (`-x[0]^2` is `-((x[0])^2)`).
///
/// Expressions are parsed with explicit stacks, not by recursion, so no input can overflow the
/// call stack here; a run of `+ -` or of `* /` becomes one flat ``Expression/chain(_:links:)`` (a sum
/// may have any number of terms), and every expression goes into one flat ``ExpressionStore``. Tokens
/// are read from the lexer as they are needed. Nesting through brackets, calls, signs and exponents is
/// limited to ``Limits/nestingDepth`` levels, because the evaluator walks the tree recursively. Tensor literals
/// have at most two levels of `[` and are read by a loop (`Parser+Tensor.swift`); an indexed
/// element cannot be indexed again, so indexing adds at most one level per operand.
struct Parser {
    /// Where the tokens come from, one at a time; it holds the names they refer to and the source's bytes.
    private(set) var lexer: Lexer
    /// The token being looked at.
    private(set) var current: Token
    /// The token after `current` when ``peek()`` has read it.
    private var lookahead: Token?
    let fail: (SourceLocation, String) -> ProgramError
    let limits: Limits
    /// Every expression parsed so far; statements refer to their roots in it.
    var store: ExpressionStore
    /// ``expression()``'s stacks, kept between expressions.
    private var spareOperands: [ExpressionID] = []
    private var sparePending: [Pending] = []
    /// Whether any statement uses tensor syntax (a `[` literal, `@`, indexing, a tensor function), noted as it is parsed.
    var usesTensors = false

    /// A parser of what `lexer` reads; it reads the first token.
    init(lexer: Lexer, limits: Limits, fail: @escaping (SourceLocation, String) -> ProgramError) throws(ProgramError) {
        var lexer = lexer
        self.current = try lexer.next()
        self.store = ExpressionStore(sourceBytes: lexer.bytes.count)
        self.lexer = lexer
        self.limits = limits
        self.fail = fail
    }

    /// The names the tokens refer to, with the function each one calls (as far as the lexer has read).
    var names: NameTable { lexer.names }

    /// Moves to the next token.
    mutating func advance() throws(ProgramError) {
        if let next = lookahead {
            current = next
            lookahead = nil
        } else {
            current = try lexer.next()
        }
    }

    /// The token after `current`, read ahead.
    mutating func peek() throws(ProgramError) -> Token {
        if let lookahead { return lookahead }
        let next = try lexer.next()
        lookahead = next
        return next
    }

    mutating func statements() throws(ProgramError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            switch current.kind {
            case .end:
                return statements
            case .newline:
                try advance()
            default:
                statements.append(try statement())
                guard current.kind == .newline || current.kind == .end else {
                    throw fail(current.location, "expected the end of the statement, found \(describe(current))")
                }
            }
        }
    }

    private mutating func statement() throws(ProgramError) -> Statement {
        guard case .name(let symbol) = current.kind else {
            throw fail(current.location, "expected a statement 'name = expression', found \(describe(current))")
        }
        let target = names.symbols[symbol]
        let targetLocation = current.location
        if case .scalar? = names.callees[symbol] {
            throw fail(targetLocation, "'\(target.text)' is a function name and cannot be assigned; choose another name")
        }
        try advance()
        let compound: BinaryOp?
        switch current.kind {
        case .assign: compound = nil
        case .plusAssign: compound = .add
        case .minusAssign: compound = .sub
        case .starAssign: compound = .mul
        case .slashAssign: compound = .div
        default:
            throw fail(current.location, "expected '=' after '\(target.text)' (a statement assigns a name: '\(target.text) = …'), found \(describe(current))")
        }
        try advance()
        return Statement(target: target, targetLocation: targetLocation, compound: compound, expression: try expression())
    }

    /// What an expression still has open: prefix signs, binary operators waiting for their right
    /// operand, brackets and calls waiting for their `)`.
    private enum Pending {
        case sign(negate: Bool, SourceLocation)
        case binary(Infix, level: Int, SourceLocation)
        case bracket(SourceLocation)
        case call(String, Callee, SourceLocation, arguments: Int)

        /// How tightly it binds: `+ -` 1, `* /` 2, signs 3, `^` 4; brackets and calls hold everything (0).
        var level: Int {
            switch self {
            case .sign: 3
            case .binary(_, let level, _): level
            case .bracket, .call: 0
            }
        }
    }

    private mutating func expression() throws(ProgramError) -> ExpressionID {
        // The stacks of the previous expression, emptied: a program's lines reuse one pair of buffers.
        var operands = spareOperands, pending = sparePending
        spareOperands = []
        sparePending = []
        defer {
            operands.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            spareOperands = operands
            sparePending = pending
        }
        var depth = 0
        while true {
            // An operand is expected: signs, brackets and calls open, until a number or a name.
            operand: while true {
                let token = current
                try advance()
                let opened: Pending
                switch token.kind {
                case .minus: opened = .sign(negate: true, token.location)
                case .plus: opened = .sign(negate: false, token.location)
                case .leftParen: opened = .bracket(token.location)
                case .number(let value):
                    operands.append(store.add(.number(value, token.location)))
                    break operand
                case .leftBracket:
                    usesTensors = true
                    let literal = store.addLiteral(try tensorLiteral(at: token.location))
                    operands.append(store.add(.tensor(literal, token.location)))
                    break operand
                case .name(let symbol) where current.kind == .leftParen:
                    let name = names.symbols[symbol].text
                    guard let callee = names.callees[symbol] else { throw unknownFunction(name, at: token.location) }
                    try advance()
                    if current.kind == .rightParen {
                        try advance()
                        operands.append(try call(name, callee, [], at: token.location))
                        break operand
                    }
                    opened = .call(name, callee, token.location, arguments: 0)
                case .name(let symbol):
                    if case .scalar? = names.callees[symbol] {
                        let name = names.symbols[symbol].text
                        throw fail(token.location, "'\(name)' is a function; call it as \(name)(…)")
                    }
                    operands.append(store.add(.name(symbol, token.location)))
                    break operand
                default:
                    throw fail(token.location, "expected an expression, found \(describe(token))")
                }
                depth += 1
                try check(depth, at: token.location)
                pending.append(opened)
            }
            // An operator is expected: binary operators wait for an operand; `)` and `,` close what they can.
            closing: while true {
                let token = current
                if token.kind == .leftBracket {
                    // Indexing binds tightest: it applies to the operand just read, before any reduction.
                    operands.append(try indexing(operands.removeLast(), at: token.location))
                    continue closing
                }
                let binary: (Infix, level: Int)? = switch token.kind {
                case .plus: (.arithmetic(.add), 1)
                case .minus: (.arithmetic(.sub), 1)
                case .star: (.arithmetic(.mul), 2)
                case .slash: (.arithmetic(.div), 2)
                case .at: (.matmul, 2)
                case .power: (.arithmetic(.pow), 4)
                default: nil
                }
                if let (op, level) = binary {
                    if op == .matmul { usesTensors = true }
                    // Equal levels are left for one flat chain, and `^` is right-associative: reduce only what binds tighter.
                    depth -= reduce(&operands, &pending, tighterThan: level)
                    if level == 4 {
                        depth += 1
                        try check(depth, at: token.location)
                    }
                    try advance()
                    pending.append(.binary(op, level: level, token.location))
                    break closing
                }
                depth -= reduce(&operands, &pending, tighterThan: 0)
                switch (token.kind, pending.last) {
                case (.rightParen, .bracket?):
                    try advance()
                    depth -= 1
                    pending.removeLast()
                case (.rightParen, .call(let name, let callee, let location, let count)?), (.comma, .call(let name, let callee, let location, let count)?):
                    try advance()
                    pending.removeLast()
                    let axis = token.kind == .comma ? try axisArgument(of: name, callee) : nil
                    guard token.kind == .rightParen || axis != nil else {
                        pending.append(.call(name, callee, location, arguments: count + 1))
                        break closing
                    }
                    depth -= 1
                    let call = try call(name, callee, operands.suffix(count + 1), axis: axis, at: location)
                    operands.removeLast(count + 1)
                    operands.append(call)
                case (_, .bracket(let open)?):
                    throw fail(token.location, "expected ')' to close the '(' at \(open.line):\(open.column), found \(describe(token))")
                case (_, .call(let name, _, _, _)?):
                    throw fail(token.location, "expected ',' or ')' in the call to '\(name)', found \(describe(token))")
                default:
                    // Whatever follows (the end of the line, or a stray `)` or `,`) is the statement's to judge.
                    return operands[0]
                }
            }
        }
    }

    /// Builds the operations on top of `pending` that bind tighter than `level`, up to the
    /// innermost open bracket or call; returns how many levels of nesting that closed.
    private mutating func reduce(_ operands: inout [ExpressionID], _ pending: inout [Pending], tighterThan level: Int) -> Int {
        var closed = 0
        while let top = pending.last, top.level > level {
            switch top {
            case .sign(let negate, let location):
                pending.removeLast()
                closed += 1
                let operand = operands.removeLast()
                // A negative literal is one constant, not a negation of a constant.
                if !negate {
                    operands.append(operand)
                } else if case .number(let value, _) = store[operand] {
                    store.replace(operand, with: .number(-value, location))
                    operands.append(operand)
                } else {
                    operands.append(store.add(.negate(operand, location)))
                }
            case .binary(_, 4, let location):
                pending.removeLast()
                closed += 1
                let exponent = operands.removeLast(), base = operands.removeLast()
                if let p = store[exponent].literal {
                    // The exponent, the operand just read, is the last node: it becomes the parameter.
                    store.removeLast(exponent)
                    operands.append(store.add(.powConstant(base, p, location)))
                } else {
                    operands.append(store.add(.binary(.pow, base, exponent, location)))
                }
            case .binary(_, let run, _):
                // The whole run of one level at once: `a - b + c` is one chain of two links, built in order.
                var count = 0
                while count < pending.count, case .binary(_, run, _) = pending[pending.count - 1 - count] { count += 1 }
                let firstOperator = pending.count - count, firstOperand = operands.count - count
                let firstLink = store.linkCount
                for offset in 0 ..< count {
                    guard case .binary(let op, _, let location) = pending[firstOperator + offset] else { break }
                    store.addLink(ChainLink(op: op, location: location, operand: operands[firstOperand + offset]))
                }
                // One at a time: `removeLast(_:)` goes through the generic `replaceSubrange`, several times slower here.
                for _ in 0 ..< count {
                    pending.removeLast()
                    operands.removeLast()
                }
                let first = operands.removeLast()
                operands.append(store.add(.chain(first, links: firstLink ..< store.linkCount)))
            case .bracket, .call:
                return closed
            }
        }
        return closed
    }

    private func check(_ depth: Int, at location: SourceLocation) throws(ProgramError) {
        guard depth <= limits.nestingDepth else {
            throw fail(location, "expression nested deeper than \(limits.nestingDepth) levels (brackets, calls, signs and exponents); "
                + "give parts of it names on earlier lines " + Limits.hit("nesting depth", limits.nestingDepth, option: "--max-depth"))
        }
    }

    private mutating func call(_ name: String, _ callee: Callee, _ arguments: ArraySlice<ExpressionID>, axis: Int? = nil,
                               at location: SourceLocation) throws(ProgramError) -> ExpressionID {
        guard arguments.count == callee.arity else {
            throw fail(location, "'\(name)' takes \(callee.arity) argument\(callee.arity == 1 ? "" : "s"), found \(arguments.count)")
        }
        switch callee {
        case .scalar(let op):
            let first = arguments.startIndex
            if op == .pow, let p = store[arguments[first + 1]].literal {
                // The exponent, the last argument read, is the last node: it becomes the parameter.
                store.removeLast(arguments[first + 1])
                return store.add(.powConstant(arguments[first], p, location))
            }
            return store.add(.call(op, arguments: store.addArguments(arguments), location))
        case .tensor(let function):
            usesTensors = true
            return store.add(.tensorCall(function, arguments: store.addArguments(arguments), axis: axis, location))
        }
    }

    private func unknownFunction(_ name: String, at location: SourceLocation) -> ProgramError {
        var message = "unknown function '\(name)'"
        if let suggestion = FunctionCatalog.closest(to: name) { message += "; did you mean '\(suggestion)'?" }
        message += " (functions: \(FunctionCatalog.names.joined(separator: ", ")))"
        return fail(location, message)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: "the end of the program"
        case .newline: "the end of the line"
        case .number: "the number '\(text(of: token))'"
        case .name(let symbol): "the name '\(names.symbols[symbol].text)'"
        default: "'\(text(of: token))'"
        }
    }

    /// The characters the token was read from.
    func text(of token: Token) -> String {
        String(decoding: lexer.bytes[token.bytes], as: UTF8.self)
    }
}
