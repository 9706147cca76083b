/// The parser's tensor syntax: literals, indexing and `axis=` arguments. Each is read by a loop over
/// tokens: a literal has at most two levels of `[`, so nothing here recurses on user input.
extension Parser {
    /// Reads the rest of a literal whose `[` is at `open` (already consumed): a vector of numbers, or
    /// a matrix whose rows are vectors of one length. Newlines inside a literal are spaces, so a
    /// matrix may be written a row per line.
    mutating func tensorLiteral(at open: SourceLocation) throws(ProgramError) -> TensorLiteral {
        try skipNewlines()
        guard current.kind == .leftBracket else {
            let numbers = try row(openedAt: open)
            return TensorLiteral(dimensions: [numbers.count], elements: numbers)
        }
        var elements: [Double] = []
        var rows = 0, columns = 0
        while true {
            let start = current
            guard start.kind == .leftBracket else {
                throw fail(start.location, "expected '[' to start row \(rows + 1) of the matrix opened at \(where: open), found \(describe(start))")
            }
            try advance()
            let numbers = try row(openedAt: start.location)
            if rows == 0 {
                columns = numbers.count
            } else if numbers.count != columns {
                throw fail(start.location, "ragged matrix: row \(rows + 1) has \(count: numbers.count) but row 1 has \(count: columns); "
                    + "every row of a matrix holds the same number of elements")
            }
            rows += 1
            elements += numbers
            if try closes(openedAt: open, after: "row \(rows) of the matrix") {
                return TensorLiteral(dimensions: [rows, columns], elements: elements)
            }
            try skipNewlines()
        }
    }

    /// Applies `x[i]` or `W[i, j]` (the `[` is current, at `open`) to the operand just read.
    mutating func indexing(_ operand: ExpressionID, at open: SourceLocation) throws(ProgramError) -> ExpressionID {
        usesTensors = true
        if case .index = store[operand] {
            throw fail(open, "an indexed element is a number and cannot be indexed again; give all indices in one pair of brackets, as in 'W[1, 0]'")
        }
        try advance()
        var indices: [Int] = []
        while true {
            indices.append(try wholeNumber("an index"))
            let next = current
            try advance()
            switch next.kind {
            case .comma: continue
            case .rightBracket: return store.add(.index(operand, indices: store.addIndices(indices), open))
            default: throw fail(next.location, "expected ',' or ']' in the index opened at \(where: open), found \(describe(next))")
            }
        }
    }

    /// After a call's `,` (consumed): `axis=N)` read to its `)`, or nil when the next argument is an expression.
    mutating func axisArgument(of name: String, _ callee: Callee) throws(ProgramError) -> Int? {
        guard case .name(let symbol) = current.kind, names.symbols[symbol].text == "axis", try peek().kind == .assign else { return nil }
        guard case .tensor(let function) = callee, function.takesAxis else {
            let takers = TensorFunction.allCases.filter(\.takesAxis).map(\.rawValue).joined(separator: ", ")
            throw fail(current.location, "'\(name)' takes no axis argument (\(takers) do)")
        }
        try advance()
        try advance()
        let axis = try wholeNumber("an axis")
        guard current.kind == .rightParen else {
            throw fail(current.location, "expected ')' after the axis (axis=… is the last argument of '\(name)'), found \(describe(current))")
        }
        try advance()
        return axis
    }

    /// Signed numbers separated by commas, up to the `]` that closes the `[` at `open`.
    private mutating func row(openedAt open: SourceLocation) throws(ProgramError) -> [Double] {
        var numbers: [Double] = []
        while true {
            numbers.append(try signedNumber())
            if try closes(openedAt: open, after: "a number") { return numbers }
        }
    }

    /// Reads `,` (false: more follows) or `]` (true: closed), skipping newlines; anything else is an error.
    private mutating func closes(openedAt open: SourceLocation, after what: String) throws(ProgramError) -> Bool {
        try skipNewlines()
        let next = current
        try advance()
        switch next.kind {
        case .comma:
            try skipNewlines()
            return false
        case .rightBracket:
            return true
        default:
            throw fail(next.location, "expected ',' or ']' after \(what) in the literal opened at \(where: open), found \(describe(next))")
        }
    }

    mutating func signedNumber() throws(ProgramError) -> Double {
        let token = current
        try advance()
        switch token.kind {
        case .number(let value):
            return value
        case .minus, .plus:
            guard case .number(let value) = current.kind else {
                throw fail(current.location, "expected a number after '\(text(of: token))' in a literal, found \(describe(current))")
            }
            try advance()
            return token.kind == .minus ? -value : value
        case .leftBracket:
            throw fail(token.location, "expected a number, found '['; a vector holds numbers, a matrix rows of numbers (at most two levels of '[')")
        case .rightBracket:
            throw fail(token.location, "expected a number, found ']'; a literal holds at least one number, with no ',' before its ']'")
        default:
            throw fail(token.location, "a literal holds plain numbers, found \(describe(token)); compute outside it, as in 'W @ x + b'")
        }
    }

    /// A whole number from 0, as indices and axes are written.
    private mutating func wholeNumber(_ what: String) throws(ProgramError) -> Int {
        let token = current
        guard case .number(let value) = token.kind, value == value.rounded(), let whole = Int(exactly: value), whole < Int(Int32.max) else {
            throw fail(token.location, "\(what) is a whole number counted from 0, found \(describe(token))")
        }
        try advance()
        return whole
    }

    private mutating func skipNewlines() throws(ProgramError) {
        while current.kind == .newline { try advance() }
    }
}

extension String.StringInterpolation {
    /// `line:column`, as messages point at another place.
    mutating func appendInterpolation(where location: SourceLocation) {
        appendLiteral("\(location.line):\(location.column)")
    }

    /// `1 element`, `3 elements`.
    mutating func appendInterpolation(count: Int) {
        appendLiteral("\(count) element\(count == 1 ? "" : "s")")
    }
}
