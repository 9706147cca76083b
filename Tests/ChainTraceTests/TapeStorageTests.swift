import ChainTrace
import Testing
import RealModule

/// The tape's columns are raw buffers written without a check per column: copies must still behave
/// as values, growth must keep every node, reads outside the tape must stop, and the inlined rules
/// recording calls must be the rule records' own.
struct TapeStorageTests {
    /// A snapshot taken while recording keeps what it saw; the trace goes on recording into storage of its own.
    @Test func aSnapshotIsNotChangedByLaterRecording() {
        let trace = Trace(reservingNodes: 4, edges: 4)
        let x = trace.input("x", 2)
        let y = x * x + 1
        let snapshot = trace.tape
        var z = y
        for _ in 0 ..< 100 { z = z * x - 0.5 }
        #expect(snapshot.count == 4 && snapshot.edgeCount == 4)
        #expect(snapshot.value(of: 3) == 5 && trace.tape.value(of: 3) == 5)
        #expect(trace.tape.count == 4 + 100 * 3)
        let again = Trace()
        let x2 = again.input("x", 2)
        _ = x2 * x2 + 1
        #expect(snapshot == again.tape)
        #expect(trace.tape != snapshot)
    }

    /// Two copies of one tape that both append write to storages of their own.
    @Test func copiesAppendIndependently() {
        var first = Tape()
        first.appendLeaf(.input, value: 1, name: "a")
        var second = first
        first.appendUnary(.neg, 0)
        second.appendBinary(.mul, 0, 0)
        second.appendUnary(.relu, 1)
        #expect(first.count == 2 && first.op(of: 1) == .neg && first.value(of: 1) == -1 && first.edgeCount == 1)
        #expect(second.count == 3 && second.op(of: 1) == .mul && second.edgeCount == 3)
        #expect(second.partial(of: 2) == 1 && second.operand(of: 2) == 1)
        #expect(first.name(of: 0) == "a" && second.name(of: 0) == "a")
    }

    /// Growing from empty past many doublings keeps every value, edge and partial (checked against the backward pass).
    @Test func growingFromEmptyKeepsEveryNode() {
        let trace = Trace()
        let x = trace.input("x", 0.5)
        var y = x
        for step in 0 ..< 5_000 { y = step.isMultiple(of: 2) ? y * 0.999 + x : relu(y - 0.001) }
        let tape = trace.tape
        #expect(tape.count == 1 + 2_500 * 3 + 2_500 * 3)
        #expect(tape.columnBytes.allocated >= tape.columnBytes.used)
        let backward = trace.backward(from: y)
        // Replayed by hand: each pair of steps maps y to relu(0.999·y + x − 0.001), slope 0.999 while positive.
        var value = 0.5, slope = 1.0
        for _ in 0 ..< 2_500 {
            value = 0.999 * value + 0.5 - 0.001
            slope = 0.999 * slope + 1
        }
        #expect(abs(y.value - value) <= 1e-9 * abs(value))
        #expect(abs(backward.gradient(of: x) - slope) <= 1e-9 * slope)
    }

    /// Reserving room on a tape grows its own columns in place (one at a time) and copies shared ones,
    /// keeping every node either way.
    @Test func reservingKeepsTheNodesAndLeavesCopiesAlone() {
        var tape = Tape()
        tape.appendLeaf(.input, value: 3, name: "x")
        tape.appendBinary(.mul, 0, 0)
        let copy = tape
        tape.reserveCapacity(nodes: 1_000, edges: 10)
        tape.reserveCapacity(nodes: 10, edges: 5_000)
        #expect(tape == copy)
        #expect(tape.columnBytes.allocated > copy.columnBytes.allocated)
        tape.appendUnary(.tanh, 1)
        #expect(copy.count == 2 && tape.count == 3 && tape.value(of: 1) == 9 && tape.partial(of: 1) == 3)
        #expect(tape.value(of: 2) == Double.tanh(9))
    }

    /// Reading a node or an edge that is not on the tape stops with a message (the columns are raw buffers).
    @Test func readsOutsideTheTapeStop() async {
        await #expect(processExitsWith: .failure) { _ = Tape().value(of: 0) }
        await #expect(processExitsWith: .failure) {
            var tape = Tape()
            tape.appendLeaf(.input, value: 1)
            _ = tape.partial(of: 0)
        }
    }

    /// `+`, `−`, `·`, `−a`, relu and tanh are recorded through inlined copies of their rules: they must
    /// agree with the rule records bit for bit, signed zeros, infinities and NaN included.
    @Test func inlinedRulesAreTheRecordsOwn() {
        let points: [Double] = [0, -0.0, 0.3, -2.5, 1e308, -.infinity, .infinity, .nan, .leastNonzeroMagnitude]
        let bits = { (x: Double) in x.isNaN ? UInt64.max : x.bitPattern }
        for a in points {
            for op in [UnaryOp.neg, .relu, .tanh] {
                let fast = op.evaluate(a, 0), rule = op.rule.evaluate(a, 0)
                #expect(bits(fast.value) == bits(rule.value) && bits(fast.partial) == bits(rule.partial), "\(op)(\(a))")
            }
            for b in points {
                for op in [BinaryOp.add, .sub, .mul] {
                    let fast = op.evaluate(a, b), rule = op.rule.evaluate(a, b)
                    #expect(bits(fast.value) == bits(rule.value) && bits(fast.partials.0) == bits(rule.partials.0)
                            && bits(fast.partials.1) == bits(rule.partials.1), "\(op)(\(a), \(b))")
                }
            }
        }
    }
}
