import ChainTrace

/// A parsed expression; every case keeps the location of the token that made it, for messages.
///
/// Only the cases that hold an expression are boxed: a number or a name (most of a program) sits in
/// its parent's storage, with no allocation of its own to make and free.
enum Expression: Sendable {
    case number(Double, SourceLocation)
    case name(Symbol, SourceLocation)
    indirect case negate(Expression, SourceLocation)
    indirect case binary(BinaryOp, Expression, Expression, SourceLocation)
    /// A left-associative run at one precedence level, `a + b - c` or `a * b @ c`: kept flat, so a
    /// sum of 50,000 terms (a loss over a data set) is evaluated by a loop and freed without recursion.
    indirect case chain(Expression, [ChainLink])
    indirect case powConstant(Expression, Double, SourceLocation)
    case call(Op, [Expression], SourceLocation)
    /// A vector or matrix of plain numbers, `[1, 2]` or `[[1, 2], [3, 4]]`; located at its `[`.
    case tensor(TensorLiteral, SourceLocation)
    /// One element of a tensor, `x[1]` or `W[1, 0]`: a scalar linked to the tensor; located at the `[`.
    indirect case index(Expression, [Int], SourceLocation)
    /// A tensor function (`sum`, `softmax`, …) with its `axis=` argument when given.
    case tensorCall(TensorFunction, [Expression], axis: Int?, SourceLocation)

    /// The value when the expression is a plain number, optionally negative.
    var literal: Double? {
        if case .number(let value, _) = self { return value }
        return nil
    }

    /// Whether the expression is a literal of plain numbers, scalar or tensor: assigned first, it makes an input.
    var isLiteral: Bool {
        switch self {
        case .number, .tensor: true
        default: false
        }
    }
}

/// An infix operator of a ``Expression/chain(_:_:)``: an elementwise arithmetic operation or `@`.
enum Infix: Sendable, Equatable {
    case arithmetic(BinaryOp)
    /// `@`, the matrix product, at the precedence of `*`.
    case matmul
}

/// One step of a ``Expression/chain(_:_:)``: the operator, its location and the operand to its right.
struct ChainLink: Sendable {
    let op: Infix
    let location: SourceLocation
    let operand: Expression
}

/// One line of a program: `target = expression`, or a compound assignment such as `target += expression`.
struct Statement: Sendable {
    let target: Symbol
    let targetLocation: SourceLocation
    /// The operation of a compound assignment (`+=` is `.add`), nil for `=`.
    let compound: BinaryOp?
    let expression: Expression
}
