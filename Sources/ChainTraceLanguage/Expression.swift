import ChainTrace

/// A parsed expression; every case keeps the location of the token that made it, for messages.
indirect enum Expression: Sendable {
    case number(Double, SourceLocation)
    case name(String, SourceLocation)
    case negate(Expression, SourceLocation)
    case binary(BinaryOp, Expression, Expression, SourceLocation)
    case powConstant(Expression, Double, SourceLocation)
    case call(Op, [Expression], SourceLocation)

    /// The value when the expression is a plain number, optionally negative.
    var literal: Double? {
        if case .number(let value, _) = self { return value }
        return nil
    }
}

/// One line of a program: `target = expression`, or a compound assignment such as `target += expression`.
struct Statement: Sendable {
    let target: String
    let targetLocation: SourceLocation
    /// The operation of a compound assignment (`+=` is `.add`), nil for `=`.
    let compound: BinaryOp?
    let expression: Expression
}
