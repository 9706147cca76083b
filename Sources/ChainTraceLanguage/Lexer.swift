/// Splits program text into tokens; `#` starts a comment that runs to the end of the line.
struct Lexer {
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private let fail: (SourceLocation, String) -> ProgramError

    init(_ source: String, fail: @escaping (SourceLocation, String) -> ProgramError) {
        // Normalise CRLF and CR so columns and lines mean the same everywhere.
        self.characters = Array(source.replacingLineEndings())
        self.fail = fail
    }

    private static let twoCharacter: [String: Token.Kind] = [
        "**": .power, "+=": .plusAssign, "-=": .minusAssign, "*=": .starAssign, "/=": .slashAssign,
    ]
    private static let oneCharacter: [Character: Token.Kind] = [
        "+": .plus, "-": .minus, "*": .star, "/": .slash, "^": .power,
        "(": .leftParen, ")": .rightParen, ",": .comma, "=": .assign,
        "[": .leftBracket, "]": .rightBracket, "@": .at,
    ]

    mutating func tokens() throws(ProgramError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(ProgramError) -> Token {
        skipSpacesAndComments()
        let start = SourceLocation(line: line, column: column)
        guard index < characters.count else { return Token(kind: .end, location: start, text: "") }
        let c = characters[index]
        if c == "\n" {
            advance()
            return Token(kind: .newline, location: start, text: "\\n")
        }
        if c.isASCII && c.isNumber || c == "." && peek(1)?.isASCIIDigit == true {
            return try number(start)
        }
        if c.isLetter || c == "_" {
            var text = ""
            while let d = peek(0), d.isLetter || d.isNumber || d == "_" {
                text.append(d)
                advance()
            }
            return Token(kind: .name(text), location: start, text: text)
        }
        let two = peek(1).map { String([c, $0]) } ?? ""
        if let kind = Self.twoCharacter[two] {
            advance(); advance()
            return Token(kind: kind, location: start, text: two)
        }
        if let kind = Self.oneCharacter[c] {
            advance()
            return Token(kind: kind, location: start, text: String(c))
        }
        throw fail(start, "unexpected character '\(c.unicodeScalars.first.map { $0.isASCII && $0.value >= 32 ? String(c) : "U+" + String($0.value, radix: 16, uppercase: true) } ?? "")'")
    }

    private mutating func number(_ start: SourceLocation) throws(ProgramError) -> Token {
        var text = ""
        while let d = peek(0), d.isASCIIDigit || d == "." {
            text.append(d)
            advance()
        }
        if let e = peek(0), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if peek(signed ? 2 : 1)?.isASCIIDigit == true {
                text.append(e)
                advance()
                if signed, let sign = peek(0) {
                    text.append(sign)
                    advance()
                }
                while let d = peek(0), d.isASCIIDigit {
                    text.append(d)
                    advance()
                }
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw fail(start, "'\(text)' is not a number")
        }
        if let d = peek(0), d.isLetter || d == "_" {
            throw fail(SourceLocation(line: line, column: column), "a number cannot run into a name; write '\(text) * \(d)…' for a product")
        }
        return Token(kind: .number(value), location: start, text: text)
    }

    private mutating func skipSpacesAndComments() {
        while let c = peek(0) {
            if c == " " || c == "\t" {
                advance()
            } else if c == "#" {
                while let d = peek(0), d != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func advance() {
        if characters[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The text with CRLF and lone CR turned into LF.
    func replacingLineEndings() -> String {
        var result = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in unicodeScalars {
            if scalar == "\n" && afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = scalar == "\r"
            result.append(afterCarriageReturn ? "\n" : scalar)
        }
        return String(result)
    }
}
