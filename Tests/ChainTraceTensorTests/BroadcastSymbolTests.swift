import ChainTrace
import ChainTraceTensor
import Testing

/// A broadcast operand's local Jacobian is written as the op's partial times the copy the broadcast
/// makes, a Kronecker product of `1ₙ` (a column of n ones, the repeated axes) and `Iₙ` (the kept
/// axes); the matrix the symbol names is the explicit local Jacobian.
struct BroadcastSymbolTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let op: BinaryOp
        let shapes: [[Int]]
        /// The operand whose edge is checked.
        let position: Int
        let symbol: String
        /// The copy's Kronecker factors: (repeated, length).
        let copy: [(Bool, Int)]

        var testDescription: String { "\(op) \(shapes.map { Shape($0).description }.joined(separator: " ")) → \(symbol)" }
    }

    static let cases: [Case] = [
        Case(op: .add, shapes: [[4, 3], [3]], position: 1, symbol: "1₄ ⊗ I₃", copy: [(true, 4), (false, 3)]),
        Case(op: .add, shapes: [[4, 1], [4, 3]], position: 0, symbol: "I₄ ⊗ 1₃", copy: [(false, 4), (true, 3)]),
        Case(op: .add, shapes: [[2, 1, 3], [2, 4, 3]], position: 0, symbol: "I₂ ⊗ 1₄ ⊗ I₃", copy: [(false, 2), (true, 4), (false, 3)]),
        Case(op: .add, shapes: [[2, 4, 3], [3]], position: 1, symbol: "1₈ ⊗ I₃", copy: [(true, 8), (false, 3)]),
        Case(op: .add, shapes: [[], [5]], position: 0, symbol: "1₅", copy: [(true, 5)]),
        Case(op: .add, shapes: [[12, 12], [12]], position: 1, symbol: "1₁₂ ⊗ I₁₂", copy: [(true, 12), (false, 12)]),
        Case(op: .sub, shapes: [[4, 3], [3]], position: 1, symbol: "−(1₄ ⊗ I₃)", copy: [(true, 4), (false, 3)]),
        Case(op: .mul, shapes: [[4, 3], [3]], position: 1, symbol: "diag(a)·(1₄ ⊗ I₃)", copy: [(true, 4), (false, 3)]),
        Case(op: .mul, shapes: [[], [5]], position: 0, symbol: "diag(b)·1₅", copy: [(true, 5)]),
        // A leading axis of length 1 repeats nothing: the Jacobian is the partial alone.
        Case(op: .add, shapes: [[1, 3], [3]], position: 1, symbol: "I", copy: [(false, 3)]),
    ]

    /// The Kronecker product of columns of ones and identities, rows and columns row-major.
    static func kronecker(_ factors: [(Bool, Int)]) -> [[Double]] {
        factors.reduce([[1.0]]) { product, factor in
            let (repeated, length) = factor
            let block: [[Double]] = repeated ? Array(repeating: [1], count: length)
                : (0 ..< length).map { i in (0 ..< length).map { $0 == i ? 1 : 0 } }
            return product.flatMap { row in block.map { blockRow in row.flatMap { x in blockRow.map { x * $0 } } } }
        }
    }

    @Test(arguments: cases)
    func theSymbolNamesTheExplicitJacobian(_ c: Case) throws {
        var tape = TensorTape()
        let operands = c.shapes.enumerated().map { index, dims in
            let shape = Shape(dims)
            return tape.appendInput(Tensor(shape: shape, elements: (0 ..< shape.count).map { Double($0 % 7) / 4 - 0.6 }), name: index == 0 ? "a" : "b")
        }
        let consumer = try tape.append(.binary(c.op), operands)
        let edge = tape.edges(of: consumer).lowerBound + c.position
        #expect(tape.jacobianSymbol(of: edge) == c.symbol)
        // The copy times the op's partial, one factor per row (a row is a result element).
        let other = tape.value(of: operands[1 - c.position])
        let copy = Self.kronecker(c.copy)
        let jacobian = try #require(tape.localJacobian(of: edge))
        #expect(jacobian.rows == copy.count && jacobian.columns == copy[0].count)
        for row in 0 ..< jacobian.rows {
            let scale: Double = switch c.op {
            case .mul: other.elements.count == 1 ? other.elements[0] : other.elements[row % other.elements.count]
            case .sub: c.position == 0 ? 1 : -1
            default: 1
            }
            for column in 0 ..< jacobian.columns {
                #expect(abs(jacobian[row, column] - scale * copy[row][column]) < 1e-12, "[\(row), \(column)]")
            }
        }
    }
}
