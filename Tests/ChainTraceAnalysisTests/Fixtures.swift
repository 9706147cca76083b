import ChainTrace
import ChainTraceTestSupport

/// Graphs with known path counts and path sums.
enum Fixtures {
    /// x → sin, x → exp, y = sin(x)·exp(x): two paths, ∂y/∂x = (cos x + sin x)·eˣ.
    static func diamond(x value: Double) -> (tape: Tape, x: NodeID, y: NodeID) {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: value, name: "x")
        let a = tape.appendUnary(.sin, x, name: "a")
        let b = tape.appendUnary(.exp, x, name: "b")
        let y = tape.appendBinary(.mul, a, b, name: "y")
        return (tape, x, y)
    }

    /// colah's e = (a + b)·(b + 1) with c = a + b and d = b + 1.
    static func colah(a aValue: Double, b bValue: Double) -> (tape: Tape, a: NodeID, b: NodeID, e: NodeID) {
        var tape = Tape()
        let a = tape.appendLeaf(.input, value: aValue, name: "a")
        let b = tape.appendLeaf(.input, value: bValue, name: "b")
        let c = tape.appendBinary(.add, a, b, name: "c")
        let one = tape.appendLeaf(.constant, value: 1)
        let d = tape.appendBinary(.add, b, one, name: "d")
        let e = tape.appendBinary(.mul, c, d, name: "e")
        return (tape, a, b, e)
    }

    /// k diamonds in a row, v ← sin(v) + cos(v): 2^k paths from x to the output.
    static func diamondChain(_ k: Int, x value: Double = 0.3) -> (tape: Tape, x: NodeID, y: NodeID) {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: value, name: "x")
        var v = x
        for _ in 0 ..< k {
            let left = tape.appendUnary(.sin, v)
            let right = tape.appendUnary(.cos, v)
            v = tape.appendBinary(.add, left, right)
        }
        return (tape, x, v)
    }

    /// A random program over 2–3 inputs with well-behaved primitives; the output is the last node.
    static func randomProgram(_ generator: inout SplitMix64, operations: Int) -> Tape {
        var tape = Tape()
        let inputs = Int.random(in: 2 ... 3, using: &generator)
        for index in 0 ..< inputs {
            tape.appendLeaf(.input, value: Double.random(in: -1.5 ... 1.5, using: &generator), name: "x\(index)")
        }
        let unary: [UnaryOp] = [.sin, .cos, .tanh, .sigmoid, .neg, .powConstant, .atan]
        let binary: [BinaryOp] = [.add, .sub, .mul, .mul, .add]
        for _ in 0 ..< operations {
            // Favour recent nodes so the graph is deep and full of shared subexpressions.
            let pick = { (generator: inout SplitMix64) -> NodeID in
                let low = Swift.max(0, tape.count - 5)
                return Bool.random(using: &generator) ? Int.random(in: low ..< tape.count, using: &generator) : Int.random(in: 0 ..< tape.count, using: &generator)
            }
            if Bool.random(using: &generator) {
                let operand = pick(&generator)
                var op = unary.randomElement(using: &generator) ?? .sin
                // Positive bases only for powc: the fixtures keep the tapes they were written with.
                if op == .powConstant && tape.value(of: operand) <= 0 { op = .sin }
                tape.appendUnary(op, operand, parameter: op == .powConstant ? Double(Int.random(in: 2 ... 3, using: &generator)) : 0)
            } else {
                let op = binary.randomElement(using: &generator) ?? .add
                tape.appendBinary(op, pick(&generator), pick(&generator))
            }
            // Keep values small, so products of partials stay finite however deep the program.
            if Swift.abs(tape.value(of: tape.count - 1)) > 3 { tape.appendUnary(.tanh, tape.count - 1) }
        }
        return tape
    }
}
