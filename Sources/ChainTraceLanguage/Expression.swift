import ChainTrace

/// A parsed expression's place in its program's ``ExpressionStore``.
struct ExpressionID: Equatable, Sendable {
    let index: Int32
}

/// One node of a parsed expression; every case keeps the location of the token that made it, for
/// messages. Children are ``ExpressionID``s in the same ``ExpressionStore``, and lists (a chain's
/// links, a call's arguments, indices, literals) are ranges of the store's arrays, so a node is plain
/// data: a program's expressions are a few arrays, made and freed without one allocation per node.
enum Expression: Sendable {
    case number(Double, SourceLocation)
    /// A name: its ``Symbol/index`` in the program's names.
    case name(Int, SourceLocation)
    case negate(ExpressionID, SourceLocation)
    case binary(BinaryOp, ExpressionID, ExpressionID, SourceLocation)
    /// A left-associative run at one precedence level, `a + b - c` or `a * b @ c`: kept flat, so a
    /// sum of 50,000 terms (a loss over a data set) is evaluated by a loop. `links` are positions
    /// in ``ExpressionStore/links``.
    case chain(ExpressionID, links: Range<Int32>)
    case powConstant(ExpressionID, Double, SourceLocation)
    /// A scalar function; `arguments` are positions in ``ExpressionStore/arguments``.
    case call(Op, arguments: Range<Int32>, SourceLocation)
    /// A vector or matrix of plain numbers, `[1, 2]` or `[[1, 2], [3, 4]]` (its position in
    /// ``ExpressionStore/literals``); located at its `[`.
    case tensor(Int32, SourceLocation)
    /// One element of a tensor, `x[1]` or `W[1, 0]` (`indices` are positions in
    /// ``ExpressionStore/indices``): a scalar linked to the tensor; located at the `[`.
    case index(ExpressionID, indices: Range<Int32>, SourceLocation)
    /// A tensor function (`sum`, `softmax`, …) with its `axis=` argument when given.
    case tensorCall(TensorFunction, arguments: Range<Int32>, axis: Int?, SourceLocation)

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

/// An infix operator of a ``Expression/chain(_:links:)``: an elementwise arithmetic operation or `@`.
enum Infix: Sendable, Equatable {
    case arithmetic(BinaryOp)
    /// `@`, the matrix product, at the precedence of `*`.
    case matmul
}

/// One step of a ``Expression/chain(_:links:)``: the operator, its location and the operand to its right.
struct ChainLink: Sendable {
    let op: Infix
    let location: SourceLocation
    let operand: ExpressionID
}

/// One line of a program: `target = expression`, or a compound assignment such as `target += expression`.
struct Statement: Sendable {
    let target: Symbol
    let targetLocation: SourceLocation
    /// The operation of a compound assignment (`+=` is `.add`), nil for `=`.
    let compound: BinaryOp?
    let expression: ExpressionID
}
