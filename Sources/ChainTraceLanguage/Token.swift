/// A lexical token of the program language.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case name(String)
        case plus, minus, star, slash, power, leftParen, rightParen, comma
        /// `[` `]` (tensor literals and indexing) and `@` (matrix product): tensor syntax.
        case leftBracket, rightBracket, at
        case assign, plusAssign, minusAssign, starAssign, slashAssign
        case newline, end
    }

    let kind: Kind
    let location: SourceLocation
    /// The characters the token was read from (for messages).
    let text: String
}
