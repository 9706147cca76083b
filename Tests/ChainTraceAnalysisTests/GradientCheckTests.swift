import ChainTrace
import ChainTraceAnalysis
import ChainTraceLanguage
import Foundation
import Testing
import ChainTraceTestSupport

@Suite struct GradientCheckTests {
    /// A test double for the engine: records y = sin(x)·sin(x) + x, but with a wrong derivative
    /// rule for sin (∂ sin(a)/∂a = −cos a instead of cos a) written onto the tape.
    static func tapeWithWrongSinRule(x value: Double, wrong: Bool) -> Tape {
        var tape = Tape()
        let x = tape.appendRecorded(.input, value: value, parameter: 0, inputs: [], name: "x", scope: [], line: 1)
        let sinPartial = wrong ? -Foundation.cos(value) : Foundation.cos(value)
        let s = tape.appendRecorded(.sin, value: Foundation.sin(value), parameter: 0, inputs: [(x, sinPartial)], name: "s", scope: [], line: 2)
        let sv = Foundation.sin(value)
        let square = tape.appendRecorded(.mul, value: sv * sv, parameter: 0, inputs: [(s, sv), (s, sv)], name: nil, scope: [], line: 3)
        tape.appendRecorded(.add, value: sv * sv + value, parameter: 0, inputs: [(square, 1), (x, 1)], name: "y", scope: [], line: 3)
        return tape
    }

    @Test func correctRulesPass() {
        let tape = Self.tapeWithWrongSinRule(x: 0.8, wrong: false)
        let check = GradientCheck(tape: tape, backward: Backward(tape: tape, from: tape.count - 1))
        #expect(check.passed)
        #expect((check.worstInput?.error ?? 1) < 1e-8)
        #expect((check.worstEdge?.error ?? 1) < 1e-8)
    }

    @Test func wrongDerivativeRuleIsCaughtAtItsEdgeAndAtTheInput() throws {
        let tape = Self.tapeWithWrongSinRule(x: 0.8, wrong: true)
        #expect(tape.validate().isEmpty)
        let check = GradientCheck(tape: tape, backward: Backward(tape: tape, from: tape.count - 1))
        #expect(!check.passed)
        let edge = try #require(check.worstEdge)
        #expect(edge.edge == tape.edges(of: 1).lowerBound)  // the sin edge, nowhere else
        #expect(close(edge.finiteDifference, Foundation.cos(0.8), tolerance: 1e-8))
        #expect(edge.error > 0.5)
        let input = try #require(check.worstInput)
        #expect(input.node == 0 && input.error > 0.1)
        let otherEdges = check.edges.filter { $0.edge != edge.edge }
        #expect(otherEdges.allSatisfy { $0.error < 1e-8 })
    }

    @Test func everyPrimitiveRulePassesOnRandomPrograms() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0 ..< 30 {
            let tape = Fixtures.randomProgram(&generator, operations: 12)
            let check = GradientCheck(tape: tape, backward: Backward(tape: tape, from: tape.count - 1))
            #expect(check.passed, "worst input \(String(describing: check.worstInput)), worst edge \(String(describing: check.worstEdge))")
        }
    }

    @Test func tamperedValueIsReported() throws {
        var tape = Tape()
        let x = tape.appendRecorded(.input, value: 2, parameter: 0, inputs: [], name: "x", scope: [], line: 0)
        tape.appendRecorded(.exp, value: 7, parameter: 0, inputs: [(x, Foundation.exp(2))], name: "y", scope: [], line: 0)
        let check = GradientCheck(tape: tape, backward: Backward(tape: tape, from: 1))
        #expect(!check.passed)
        let worst = try #require(check.worstValue)
        #expect(worst.node == 1)
    }

    @Test func kinksAreSkippedNotFailed() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 0, name: "x")
        tape.appendUnary(.relu, x, name: "y")
        let check = GradientCheck(tape: tape, backward: Backward(tape: tape, from: 1))
        #expect(check.edges[0].skipped != nil)
        #expect(check.inputs[0].crossesKink)
        #expect(check.passed)
    }

    @Test func stepScalesWithTheValue() {
        #expect(GradientCheck.step(for: 0) > 1e-6 && GradientCheck.step(for: 0) < 1e-5)
        #expect(GradientCheck.step(for: 1e6) > 1 && GradientCheck.step(for: 1e6) < 10)
    }

    @Test func nanOriginOfLogOfXMinusX() throws {
        let run = try Program(source: "x = 1\ny = log(x - x)\n", file: "nan.ct").run()
        let tape = run.tape
        let forward = try #require(NonFiniteOrigin.forward(on: tape))
        #expect(forward.pass == .forward)
        #expect(tape.ops[forward.node] == .log)
        #expect(forward.operandValues == [0])
        #expect(forward.number == -.infinity)
        #expect(forward.line == 2)
        let backward = Backward(tape: tape, from: run.output)
        #expect(backward.gradients[0].isNaN)
        let origin = try #require(NonFiniteOrigin.backward(backward, on: tape))
        #expect(origin.node == forward.node)
        #expect(origin.edge == tape.edges(of: forward.node).lowerBound)
        #expect(origin.number == .infinity)
        let text = origin.description(on: tape, names: NodeNames(tape: tape))
        #expect(text.contains("line 2") && text.contains("ln(#1)"))
        let check = GradientCheck(tape: tape, backward: backward)
        #expect(!check.passed)
    }

    @Test func finiteTapeHasNoOrigin() {
        let (tape, _, y) = Fixtures.diamond(x: 1)
        #expect(NonFiniteOrigin.forward(on: tape) == nil)
        #expect(NonFiniteOrigin.backward(Backward(tape: tape, from: y), on: tape) == nil)
    }
}
