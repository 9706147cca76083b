import ChainTrace
import ChainTraceTestSupport
import ChainTraceText
import Foundation
import RealModule
import Testing

/// The backward record on random programs: branch sums, repeatability, and agreement with finite differences.
struct BackwardTests {
    /// A random smooth program over a few inputs, recorded on a tape; returns the tape and its inputs.
    static func randomProgram(seed: UInt64, size: Int) -> (tape: Tape, inputs: [NodeID]) {
        var random = SplitMix64(seed: seed)
        var tape = Tape()
        let inputs = (0 ..< 3).map { tape.appendLeaf(.input, value: Double.random(in: 0.2 ... 1.5, using: &random), name: "x\($0)") }
        var pool = inputs
        for _ in 0 ..< size {
            let a = pool.randomElement(using: &random) ?? inputs[0]
            let b = pool.randomElement(using: &random) ?? inputs[0]
            let node: NodeID
            switch Int.random(in: 0 ..< 9, using: &random) {
            case 0: node = tape.appendBinary(.add, a, b)
            case 1: node = tape.appendBinary(.sub, a, b)
            case 2: node = tape.appendBinary(.mul, a, b)
            case 3: node = tape.appendBinary(.mul, a, a)
            case 4: node = tape.appendUnary(.sin, a)
            case 5: node = tape.appendUnary(.tanh, a)
            case 6: node = tape.appendUnary(.sigmoid, a)
            case 7: node = tape.appendBinary(.add, a, tape.appendLeaf(.constant, value: 0.5))
            default: node = tape.appendUnary(.powConstant, a, parameter: 2)
            }
            pool.append(node)
        }
        return (tape, inputs)
    }

    /// Re-evaluates a tape with one leaf changed, replaying each primitive's value rule.
    static func replay(_ tape: Tape, setting leaf: NodeID, to value: Double) -> [Double] {
        var values = tape.values
        values[leaf] = value
        for node in 0 ..< tape.count {
            let inputs = tape.inputs(of: node)
            switch tape.op(of: node).kind {
            case .leaf: continue
            case .unary(let op): values[node] = op.rule.evaluate(values[inputs[0]], tape.parameter(of: node)).value
            case .binary(let op): values[node] = op.rule.evaluate(values[inputs[0]], values[inputs[1]]).value
            }
        }
        return values
    }

    @Test(arguments: 0 ..< 40)
    func gradientIsTheSumOfContributionsAtEveryNode(seed: Int) {
        let (tape, _) = Self.randomProgram(seed: UInt64(seed), size: 25)
        #expect(tape.validate().isEmpty)
        let backward = Backward(tape: tape, from: tape.count - 1)
        #expect(tape.validate(backward).isEmpty)
        let reached = backward.reachedNodes(on: tape)
        var expected = [Double](repeating: 0, count: tape.count)
        var consumers = [Int](repeating: 0, count: tape.count)
        for edge in 0 ..< tape.edgeCount where reached[tape.consumer(of: edge)] {
            let input = tape.operand(of: edge)
            expected[input] += backward.gradients[tape.consumer(of: edge)] * tape.partial(of: edge)
            consumers[input] += 1
        }
        let arrivals = backward.arrivals(on: tape)
        for node in 0 ..< tape.count where node != backward.output {
            #expect(backward.gradients[node].isApproximatelyEqual(to: expected[node], absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "node \(node)")
            #expect(arrivals[node].count == consumers[node], "node \(node) receives one contribution per consuming edge")
            let sum = arrivals[node].reduce(0) { $0 + backward.contribution(of: $1, on: tape) }
            #expect(sum.isApproximatelyEqual(to: backward.gradients[node], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        }
    }

    @Test(arguments: 0 ..< 20)
    func gradientsAgreeWithFiniteDifferences(seed: Int) {
        let (tape, inputs) = Self.randomProgram(seed: UInt64(1000 + seed), size: 15)
        let output = tape.count - 1
        let backward = Backward(tape: tape, from: output)
        for input in inputs {
            let numeric = centralDifference(at: tape.value(of: input)) { Self.replay(tape, setting: input, to: $0)[output] }
            #expect(backward.gradients[input].isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-5, relativeTolerance: 1e-5), "seed \(seed), input \(input)")
        }
    }

    @Test func repeatedOperandsAreDistinctEdges() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 3, name: "x")
        let y = tape.appendBinary(.mul, x, x)
        let z = tape.appendBinary(.add, y, y)
        let backward = Backward(tape: tape, from: z)
        #expect(tape.edgeCount == 4)
        #expect(backward.steps.count == 4)
        #expect(backward.arrivals(on: tape)[x].count == 2)
        #expect(backward.arrivals(on: tape)[y].count == 2)
        #expect(backward.gradients[x].isApproximatelyEqual(to: 4 * 3, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }

    @Test func runningAgainOrFromAnotherOutputDoesNotAccumulate() {
        let trace = Trace()
        let x = trace.input("x", 0.7)
        let u = sin(x) * x
        let v = u + exp(x)
        let first = trace.backward(from: v)
        let second = trace.backward(from: v)
        let other = trace.backward(from: u)
        let again = trace.backward(from: v)
        #expect(first == second && second == again)
        let xid = x.id ?? -1
        #expect(other.gradients[xid].isApproximatelyEqual(to: cos(0.7) * 0.7 + sin(0.7), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(first.gradients[xid].isApproximatelyEqual(to: cos(0.7) * 0.7 + sin(0.7) + exp(0.7), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
    }

    @Test func nodesTheOutputDoesNotDependOnGetZeroAndNoSteps() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 1)
        let y = tape.appendLeaf(.input, value: 2)
        let a = tape.appendUnary(.exp, x)
        let later = tape.appendBinary(.mul, a, y)
        let backward = Backward(tape: tape, from: a)
        #expect(backward.gradients[y] == 0 && backward.gradients[later] == 0)
        #expect(backward.steps.count == 1)
        #expect(backward.reachedNodes(on: tape) == [true, false, true, false])
    }

    @Test func detachedConstantsMeetATraceAsConstantNodes() {
        let trace = Trace()
        let x = trace.input("x", 2)
        let y = 3 * x + Traced.init(1.5) * 2
        #expect(y.value.isApproximatelyEqual(to: 9, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(trace.tape.ops.filter { $0 == .constant }.count == 2)
        #expect(trace.backward(from: y).gradients[x.id ?? -1].isApproximatelyEqual(to: 3, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }

    @Test func scopesAreRecordedAsPaths() {
        let trace = Trace()
        let x = trace.input("x", 1)
        let y = trace.scope("layer1") { trace.scope("neuron0") { tanh(x) } }
        #expect(trace.tape.scope(of: y.id ?? -1) == ["layer1", "neuron0"])
        #expect(trace.tape.scope(of: x.id ?? -1) == [])
    }

    @Test func validationFindsBrokenTapes() {
        var tape = Tape()
        tape.appendRecorded(.input, value: 1, parameter: 0, inputs: [], name: "x", scope: [], line: 0)
        tape.appendRecorded(.add, value: 1, parameter: 0, inputs: [(0, 1)], name: nil, scope: [], line: 0)
        tape.appendRecorded(.neg, value: 1, parameter: 0, inputs: [(5, 1)], name: nil, scope: [], line: 0)
        tape.appendRecorded(.neg, value: 1, parameter: 0, inputs: [(3, 1)], name: nil, scope: [], line: 0)
        let problems = tape.validate()
        #expect(problems.map(\.place) == [.node(1), .operand(2, 0), .operand(3, 0)])
        #expect(problems[0].message.contains("takes 2 operands, found 1"))
        #expect(problems[2].message.contains("inputs must precede use"))
    }

    @Test func printerShowsEveryNodeAndStep() {
        let trace = Trace()
        let a = trace.input("a", 2)
        let b = (a * a).named("b")
        let backward = trace.backward(from: b)
        let printer = TapePrinter()
        let nodes = printer.nodes(trace.tape, backward: backward)
        #expect(nodes.contains("a #0  input  2"))
        #expect(nodes.contains("a #0 (∂ 2), a #0 (∂ 2)"))
        let steps = printer.steps(trace.tape, backward: backward)
        #expect(steps.contains("a #0: 2 + 2 = 4"))
    }

    @Test func longNamesAreShortenedInTheTables() {
        // A 100,000-character name padded every row of both tables to its width (about 600 MB in all).
        let long = String(repeating: "λ", count: 100_000)
        let trace = Trace()
        let a = trace.input(long, 2)
        var v = a
        for _ in 0 ..< 200 { v = v * a }
        let backward = trace.backward(from: v.named("y"))
        let printer = TapePrinter()
        let nodes = printer.nodes(trace.tape, backward: backward)
        let steps = printer.steps(trace.tape, backward: backward)
        let shown = DisplayText.shortened(long, to: TapePrinter.nameWidth) + " #0"
        #expect(shown.count == TapePrinter.nameWidth + 3)
        #expect(nodes.contains(shown + "  input"))
        #expect(steps.contains(shown))
        #expect(nodes.utf8.count + steps.utf8.count < 200_000)
        #expect(TapePrinter.label(a.id ?? -1, on: trace.tape) == shown)
        #expect(trace.tape.name(of: a.id ?? -1) == long, "the tape keeps the whole name")
    }

    @Test func significantDigits() {
        #expect(NumberText.significant(0.1 + 0.2, digits: 6) == "0.3")
        #expect(NumberText.significant(123_456_789, digits: 3) == "1.23e8")
        #expect(NumberText.significant(-0.000123456, digits: 2) == "−0.00012")
        #expect(NumberText.exact(300) == "300")
        #expect(NumberText.exact(.nan) == "NaN")
    }
}
