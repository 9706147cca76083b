/// A lexical token of the program language. It holds no text of its own (it is plain data): a
/// name is its index in the program's ``NameTable``, and messages cut the token's text out of the
/// source by its byte range.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        /// A name: its index in the ``NameTable`` the lexer filled.
        case name(Int)
        case plus, minus, star, slash, power, leftParen, rightParen, comma
        /// `[` `]` (tensor literals and indexing) and `@` (matrix product): tensor syntax.
        case leftBracket, rightBracket, at
        case assign, plusAssign, minusAssign, starAssign, slashAssign
        case newline, end
    }

    let kind: Kind
    let location: SourceLocation
    /// The UTF-8 bytes of the source the token was read from (for messages).
    let bytes: Range<Int>
}
