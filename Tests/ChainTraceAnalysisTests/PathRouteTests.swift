import ChainTrace
import ChainTraceAnalysis
import Testing

/// Paths through a repeated operand (`x * x`) say which operand they pass through.
@Suite struct PathRouteTests {
    @Test func repeatedOperandIsTagged() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 3, name: "x")
        let s = tape.appendBinary(.mul, x, x, name: "s")
        let y = tape.appendUnary(.sin, s, name: "y")
        let routes = PathAnalysis(tape: tape, from: x, to: y).paths(limit: 10).paths.map { path in
            path.route(on: tape) { tape.name(of: $0) ?? "#\($0)" }
        }
        #expect(routes.sorted() == ["x →(operand 1) s → y", "x →(operand 2) s → y"])
    }

    @Test func distinctOperandsAreNotTagged() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 3, name: "x")
        let c = tape.appendLeaf(.constant, value: 2)
        let y = tape.appendBinary(.mul, x, c, name: "y")
        let paths = PathAnalysis(tape: tape, from: x, to: y).paths(limit: 10).paths
        #expect(paths.map { $0.route(on: tape) { tape.name(of: $0) ?? "#\($0)" } } == ["x → y"])
    }
}
