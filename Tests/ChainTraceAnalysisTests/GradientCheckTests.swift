import ChainTrace
import ChainTraceAnalysis
import ChainTraceLanguage
import ChainTraceTestSupport
import Foundation
import RealModule
import Testing

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
        #expect(edge.finiteDifference.isApproximatelyEqual(to: Foundation.cos(0.8), absoluteTolerance: 1e-8, relativeTolerance: 1e-8))
        #expect(edge.error > 0.5)
        let input = try #require(check.worstInput)
        #expect(input.node == 0 && input.error > 0.1)
        let otherEdges = check.edges.filter { $0.edge != edge.edge }
        #expect(otherEdges.allSatisfy { $0.error < 1e-8 })
    }

    @Test func everyPrimitiveRulePassesOnRandomPrograms() {
        var generator = SplitMix64(seed: 5)
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
        #expect(tape.op(of: forward.node) == .log)
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

    /// `n` inputs summed through sines: `y = sin(x0)·x1 + sin(x1)·x2 + …`, one flat sum.
    static func wideSum(_ n: Int) throws -> ProgramRun {
        var source = ""
        for index in 0 ..< n { source += "x\(index) = \(Double(index % 7 + 1) / 4)\n" }
        source += "y = " + (0 ..< n).map { "sin(x\($0)) * x\(($0 + 1) % n)" }.joined(separator: " + ")
        return try Program(source: source, file: "wide.ct").run()
    }

    @Test func finiteDifferencesReplayOnlyWhatDependsOnTheInput() throws {
        // The replay of a perturbed input starts from the whole replay; it must give the same
        // differences as replaying everything (here with relu and max, whose kinks are tracked).
        var generator = SplitMix64(seed: 5)
        for _ in 0 ..< 30 {
            var tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 3 ... 14, using: &generator))
            let last = tape.count - 1
            tape.appendUnary(.relu, tape.appendBinary(.max, last, 0))
            let backward = Backward(tape: tape, from: tape.count - 1)
            let check = GradientCheck(tape: tape, backward: backward)
            let inputs = (0 ..< tape.count).filter { tape.op(of: $0) == .input }
            #expect(check.inputs.map(\.node) == inputs)
            for result in check.inputs {
                let value = tape.value(of: result.node), h = result.step
                let plus = Replay.values(of: tape, overriding: [result.node: value + h])[backward.output]
                let minus = Replay.values(of: tape, overriding: [result.node: value - h])[backward.output]
                #expect(result.finiteDifference == (plus - minus) / (2 * h))
            }
        }
    }

    @Test func manyInputsAreCheckedUpToTheLimitLargestGradientsFirst() throws {
        // 2,000 inputs took two minutes when every input replayed the whole tape.
        let run = try Self.wideSum(400)
        let backward = Backward(tape: run.tape, from: run.output)
        let clock = ContinuousClock()
        let start = clock.now
        let check = GradientCheck(tape: run.tape, backward: backward, maxInputs: 100)
        #expect(clock.now - start < .seconds(2))
        #expect(check.passed)
        #expect(check.inputCount == 400 && check.inputs.count == 100)
        #expect(check.inputs.map(\.node) == check.inputs.map(\.node).sorted())
        let smallestChecked = check.inputs.map { Swift.abs($0.gradient) }.min() ?? 0
        let inputs = (0 ..< run.tape.count).filter { run.tape.op(of: $0) == .input }
        let left = inputs.filter { node in !check.inputs.contains { $0.node == node } }
        #expect(left.allSatisfy { Swift.abs(backward.gradients[$0]) <= smallestChecked })
    }
}
