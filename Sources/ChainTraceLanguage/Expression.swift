import ChainTrace

/// A parsed expression; every case keeps the location of the token that made it, for messages.
indirect enum Expression: Sendable {
    case number(Double, SourceLocation)
    case name(String, SourceLocation)
    case negate(Expression, SourceLocation)
    case binary(Op, Expression, Expression, SourceLocation)
    /// A left-associative run at one precedence level, `a + b - c` or `a * b / c`: kept flat, so a
    /// sum of 50,000 terms (a loss over a data set) is evaluated by a loop and freed without recursion.
    case chain(Expression, [ChainLink])
    case powConstant(Expression, Double, SourceLocation)
    case call(Op, [Expression], SourceLocation)

    /// The value when the expression is a plain number, optionally negative.
    var literal: Double? {
        if case .number(let value, _) = self { return value }
        return nil
    }
}

/// One step of a ``Expression/chain(_:_:)``: the operator, its location and the operand to its right.
struct ChainLink: Sendable {
    let op: Op
    let location: SourceLocation
    let operand: Expression
}

/// One line of a program: `target = expression`, or a compound assignment such as `target += expression`.
struct Statement: Sendable {
    let target: String
    let targetLocation: SourceLocation
    /// The operation of a compound assignment (`+=` is `.add`), nil for `=`.
    let compound: Op?
    let expression: Expression
}
