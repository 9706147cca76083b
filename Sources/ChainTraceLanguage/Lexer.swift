import ChainTrace

/// Splits program text into tokens, one at a time as the parser asks (no array of every token is
/// built); `#` starts a comment that runs to the end of the line. Names are interned as they are
/// met, and a name longer than ``Limits/nameLength`` is refused at its first appearance.
///
/// It reads UTF-8 bytes, so lexing takes time in proportion to the text. Columns still count
/// characters (grapheme clusters), as people see them: a byte below 0x80 followed by another is a
/// whole character (no grapheme cluster joins two ASCII characters once CRLF is gone), and only
/// before and at other bytes does the lexer ask the `String` where the character ends. Text that
/// is all ASCII (checked once) never asks: every byte is a character.
struct Lexer {
    private let text: String
    /// The source's UTF-8 bytes: a token's ``Token/bytes`` index them.
    let bytes: [UInt8]
    private let isASCII: Bool
    private var index = 0
    private var line = 1
    private var column = 1
    /// The names met so far, in order of first appearance.
    private(set) var names = NameTable()
    private let limits: Limits
    private let fail: (SourceLocation, String) -> ProgramError

    /// A lexer of `source`; `lineEndingsNormalised` says the caller already turned CRLF and CR into LF.
    init(_ source: String, lineEndingsNormalised: Bool = false, limits: Limits = Limits(),
         fail: @escaping (SourceLocation, String) -> ProgramError) {
        // Normalise CRLF and CR so columns and lines mean the same everywhere.
        self.text = lineEndingsNormalised ? source : source.replacingLineEndings()
        self.bytes = Array(text.utf8)
        self.isASCII = bytes.reduce(0, |) < 0x80
        self.limits = limits
        self.fail = fail
    }

    /// The next token; `.end` at the end of the text, and again at every call after it.
    mutating func next() throws(ProgramError) -> Token {
        skipSpacesAndComments()
        let start = SourceLocation(line: line, column: column)
        let first = index
        guard index < bytes.count else { return Token(kind: .end, location: start, bytes: first ..< first) }
        // A newline is always a character of its own; `ascii` is 0xFF for every other non-ASCII character.
        if bytes[index] == .newline {
            advance()
            return Token(kind: .newline, location: start, bytes: first ..< index)
        }
        let byte: UInt8, after: UInt8
        if isASCII {
            // Every byte is a character. Read from the bytes alone: calling the helpers below copies
            // the whole lexer (152 bytes) at each call, twice or more per token.
            byte = bytes[index]
            after = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte.isDigit || byte == .dot && after.isDigit { return try number(start) }
            if byte.isASCIILetter || byte == .underscore {
                index += 1
                while index < bytes.count, bytes[index].continuesASCIIName { index += 1 }
                column += index - first
                return try name(first, at: start)
            }
        } else {
            byte = ascii(index)
            after = ascii(index + 1)
            if byte.isDigit || byte == .dot && after.isDigit { return try number(start) }
            if startsName(at: index) {
                while index < bytes.count, continuesName(at: index) { advance() }
                return try name(first, at: start)
            }
        }
        // An operator's bytes are whole ASCII characters (`ascii` said so), none of them a newline.
        if let kind = Self.twoByte(byte, after) {
            index += 2
            column += 2
            return Token(kind: kind, location: start, bytes: first ..< index)
        }
        if let kind = Self.oneByte(byte) {
            index += 1
            column += 1
            return Token(kind: kind, location: start, bytes: first ..< index)
        }
        let c = character(at: index)
        throw fail(start, "unexpected character '\(c.unicodeScalars.first.map { $0.isASCII && $0.value >= 32 ? String(c) : "U+" + String($0.value, radix: 16, uppercase: true) } ?? "")'")
    }

    /// The name whose bytes start at `first` and end at `index`, interned; refused when it is new and too long.
    private mutating func name(_ first: Int, at start: SourceLocation) throws(ProgramError) -> Token {
        let known = names.symbols.count
        let symbol = names.intern(first ..< index, of: bytes)
        if symbol == known, limits.exceedsNameLength(names.symbols[symbol].text) {
            throw fail(start, limits.nameLengthMessage(names.symbols[symbol].text))
        }
        return Token(kind: .name(symbol), location: start, bytes: first ..< index)
    }

    private static func twoByte(_ first: UInt8, _ second: UInt8) -> Token.Kind? {
        switch (first, second) {
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): .power
        case (UInt8(ascii: "+"), UInt8(ascii: "=")): .plusAssign
        case (UInt8(ascii: "-"), UInt8(ascii: "=")): .minusAssign
        case (UInt8(ascii: "*"), UInt8(ascii: "=")): .starAssign
        case (UInt8(ascii: "/"), UInt8(ascii: "=")): .slashAssign
        default: nil
        }
    }

    private static func oneByte(_ byte: UInt8) -> Token.Kind? {
        switch byte {
        case UInt8(ascii: "+"): .plus
        case UInt8(ascii: "-"): .minus
        case UInt8(ascii: "*"): .star
        case UInt8(ascii: "/"): .slash
        case UInt8(ascii: "^"): .power
        case UInt8(ascii: "("): .leftParen
        case UInt8(ascii: ")"): .rightParen
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: "="): .assign
        case UInt8(ascii: "["): .leftBracket
        case UInt8(ascii: "]"): .rightBracket
        case UInt8(ascii: "@"): .at
        default: nil
        }
    }

    private mutating func number(_ start: SourceLocation) throws(ProgramError) -> Token {
        let first = index
        while ascii(index).isDigit || ascii(index) == .dot { advance() }
        let e = ascii(index)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let sign = ascii(index + 1)
            let signed = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
            if ascii(index + (signed ? 2 : 1)).isDigit {
                advance()
                if signed { advance() }
                while ascii(index).isDigit { advance() }
            }
        }
        let text = String(decoding: bytes[first ..< index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw fail(start, "'\(text)' is not a number")
        }
        if index < bytes.count, startsName(at: index) {
            throw fail(SourceLocation(line: line, column: column), "a number cannot run into a name; write '\(text) * \(character(at: index))…' for a product")
        }
        return Token(kind: .number(value), location: start, bytes: first ..< index)
    }

    private mutating func skipSpacesAndComments() {
        if isASCII {
            while index < bytes.count {
                let first = index
                switch bytes[index] {
                case .space, .tab: index += 1
                case .hash: while index < bytes.count, bytes[index] != .newline { index += 1 }
                default: return
                }
                column += index - first
            }
            return
        }
        while index < bytes.count {
            let byte = ascii(index)
            if byte == .space || byte == .tab {
                advance()
            } else if byte == .hash {
                while index < bytes.count, bytes[index] != .newline { advance() }
            } else {
                return
            }
        }
    }

    /// Whether a name starts at `offset`: a letter or `_`.
    // Inlined, as the two below: a call copies the whole lexer (152 bytes), and the general path calls them per character.
    @inline(__always)
    private func startsName(at offset: Int) -> Bool {
        let byte = ascii(offset)
        return byte == 0xFF ? character(at: offset).isLetter : byte.isASCIILetter || byte == .underscore
    }

    /// Whether a name goes on at `offset`: a letter, a digit or `_`.
    @inline(__always)
    private func continuesName(at offset: Int) -> Bool {
        let byte = ascii(offset)
        if byte != 0xFF { return byte.continuesASCIIName }
        let c = character(at: offset)
        return c.isLetter || c.isNumber || c == "_"
    }

    /// Whether the byte at `offset` is a character on its own: ASCII, and not joined by what follows
    /// (a combining mark after `e` makes one character `é`; only a non-ASCII scalar can join it).
    @inline(__always)
    private func isWholeASCII(at offset: Int) -> Bool {
        if isASCII { return true }
        guard bytes[offset] < 0x80 else { return false }
        if offset + 1 == bytes.count || bytes[offset + 1] < 0x80 { return true }
        return text.index(after: stringIndex(offset)) == stringIndex(offset + 1)
    }

    /// The `String` index of the byte at `offset` (O(1) for native UTF-8 strings).
    private func stringIndex(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    /// The character starting at `offset` (a character boundary).
    private func character(at offset: Int) -> Character {
        if isWholeASCII(at: offset) { return Character(UnicodeScalar(bytes[offset])) }
        return text[stringIndex(offset)]
    }

    /// The byte at `offset` when it is a character on its own, 0xFF for any other character, 0 past
    /// the end (neither is a digit, letter, sign or operator).
    @inline(__always) private func ascii(_ offset: Int) -> UInt8 {
        guard offset < bytes.count else { return 0 }
        if isASCII { return bytes[offset] }
        return isWholeASCII(at: offset) ? bytes[offset] : 0xFF
    }

    /// Moves past one character: one byte when it is whole ASCII, else its grapheme cluster's bytes.
    private mutating func advance() {
        if bytes[index] == .newline {
            line += 1
            column = 1
            index += 1
            return
        }
        column += 1
        if isWholeASCII(at: index) {
            index += 1
        } else {
            index = text.utf8.distance(from: text.utf8.startIndex, to: text.index(after: stringIndex(index)))
        }
    }
}

private extension UInt8 {
    static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#"), dot = UInt8(ascii: "."), underscore = UInt8(ascii: "_")

    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    /// A letter, digit or `_`: what continues a name in ASCII text.
    var continuesASCIIName: Bool { isASCIILetter || isDigit || self == .underscore }
}

extension String {
    /// The text with CRLF and lone CR turned into LF (the text itself when it has no CR).
    func replacingLineEndings() -> String {
        // A scan of the contiguous bytes when there are any (the generic `contains` costs 30 instructions a byte).
        let hasCR = utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\r")) } ?? utf8.contains(UInt8(ascii: "\r"))
        guard hasCR else { return self }
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
