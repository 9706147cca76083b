@testable import ChainTrace
import Testing

/// The recording engine's fast paths (issue 15): the backward pass as one loop over the tape's
/// columns, the operators' consuming operands, and the column buffers kept for the next tape.
struct RecordingEngineTests {
    /// The backward pass written plainly through the tape's accessors: the oracle for the column loop.
    static func plainBackward(_ tape: Tape, from output: NodeID) -> (gradients: [Double], steps: [Int32]) {
        var gradients = [Double](repeating: 0, count: tape.count)
        var reached = [Bool](repeating: false, count: tape.count)
        var steps: [Int32] = []
        gradients[output] = 1
        reached[output] = true
        for consumer in stride(from: output, through: 0, by: -1) where reached[consumer] {
            for edge in tape.edges(of: consumer) {
                gradients[tape.operand(of: edge)] += gradients[consumer] * tape.partial(of: edge)
                reached[tape.operand(of: edge)] = true
                steps.append(Int32(edge))
            }
        }
        return (gradients, steps)
    }

    /// From every tenth node of random programs (leaves, unreached nodes and branch points included),
    /// the column loop gives the plain pass's gradients bit for bit and its steps in its order.
    @Test(arguments: 0 ..< 10)
    func backwardMatchesThePlainPass(seed: UInt64) {
        let tape = BackwardTests.randomProgram(seed: 100 + seed, size: 300).tape
        for output in stride(from: tape.count - 1, through: 0, by: -10) {
            let pass = Backward(tape: tape, from: output), plain = Self.plainBackward(tape, from: output)
            #expect(pass.steps == plain.steps)
            #expect(pass.gradients.map(\.bitPattern) == plain.gradients.map(\.bitPattern))
        }
    }

    /// An operand that is not an earlier node (a tape rebuilt from elsewhere and not validated)
    /// stops the pass instead of sending a contribution to a node it has already passed.
    @Test func anOperandAfterItsConsumerStopsThePass() async {
        await #expect(processExitsWith: .failure) {
            var tape = Tape()
            tape.appendLeaf(.input, value: 1)
            tape.appendRecorded(.add, value: 2, parameter: 0, inputs: [(0, 1), (2, 1)], name: nil, scope: [], line: 0)
            tape.appendUnary(.neg, 0)
            tape.appendUnary(.neg, 1)
            _ = Backward(tape: tape, from: 3)
        }
    }

    /// The operators hand a temporary's reference to the trace over to their result: every value
    /// still keeps its trace alive, and once the last one goes the trace is freed (no reference left over).
    @Test func valuesKeepTheirTraceAliveAndNoLonger() {
        weak var weakTrace: Trace?
        var result: Traced? = {
            let trace = Trace()
            weakTrace = trace
            let x = trace.input("x", 3), w = trace.input("w", -2)
            var sum = trace.constant(1)
            for _ in 0 ..< 4 { sum = sum + w * x - x / w }   // 1 − 4 · 4.5 = −17
            return relu(-(sum * sum) + tanh(x) * 0 + 1000)   // 1000 − 289
        }()
        #expect(weakTrace != nil)
        let value: Double? = result?.value
        #expect(value == 711)
        if let result { #expect(result.trace?.backward(from: result).gradient(of: result) == 1) }
        result = nil
        #expect(weakTrace == nil)
    }

    /// Kept buffers come back empty, whatever the last tape left in them, and only once.
    @Test func keptBuffersComeBackEmpty() {
        var spare = SpareBuffers<Columns>()
        var columns = Columns(nodes: 10_000, edges: 20_000)
        columns.nodeCount = 5
        columns.edgeCount = 7
        columns.edgeStart[0] = 99
        #expect(spare.keep(columns) == nil)
        let taken = spare.take((nodes: 9_000, edges: 20_000))?.emptied
        #expect(taken?.values == columns.values && taken?.partials == columns.partials)
        #expect(taken?.nodeCount == 0 && taken?.edgeCount == 0 && taken?.edgeStart[0] == 0)
        #expect(spare.take((nodes: 9_000, edges: 20_000)) == nil)
        taken?.deallocate()
    }

    /// A tape takes kept buffers only when every column has room and it needs at least half of their
    /// bytes (13 per node, 12 per edge, and one edge start); small and very large storages are not
    /// kept, and a newer one replaces the one kept.
    @Test func onlyFittingTapesTakeKeptBuffers() {
        var spare = SpareBuffers<Columns>()
        let kept = Columns(nodes: 10_000, edges: 20_000)
        #expect(kept.allocatedBytes == 10_000 * 13 + 20_000 * 12 + 4)
        #expect(spare.keep(kept) == nil)
        #expect(spare.take((nodes: 10_001, edges: 100)) == nil)
        #expect(spare.take((nodes: 100, edges: 20_001)) == nil)
        #expect(spare.take((nodes: 4_000, edges: 10_000)) == nil)
        // Half the bytes, not half the elements: 14,800 of 30,000 elements, 187,604 of 370,004 bytes.
        #expect(spare.take((nodes: 10_000, edges: 4_800))?.values == kept.values)
        #expect(spare.keep(kept) == nil)
        let small = Columns(nodes: 100, edges: 200), huge = Columns(nodes: 3_000_000, edges: 0)
        #expect(spare.keep(small)?.values == small.values)
        #expect(spare.keep(huge)?.values == huge.values)
        let newer = Columns(nodes: 20_000, edges: 20_000)
        #expect(spare.keep(newer)?.values == kept.values)
        #expect(spare.take((nodes: 20_000, edges: 20_000))?.values == newer.values)
        for columns in [kept, small, huge, newer] { columns.deallocate() }
    }

    /// A trace recorded into a freed trace's buffers equals the same computation recorded from empty.
    @Test func aTraceInReusedBuffersEqualsAFreshOne() {
        func record(_ trace: Trace, scale: Double) -> Traced {
            var sum = trace.input("x", 0.5)
            for step in 0 ..< 4_000 { sum = step.isMultiple(of: 3) ? relu(sum * Traced(scale) - 0.25) : sum + trace.constant(Double(step)) * 1e-4 }
            return sum
        }
        for scale in [0.9, 1.1] {
            do { _ = record(Trace(reservingNodes: 9_000, edges: 12_000), scale: 2) }
            let reused = Trace(reservingNodes: 9_000, edges: 12_000), fresh = Trace()
            let a = record(reused, scale: scale), b = record(fresh, scale: scale)
            #expect(reused.tape == fresh.tape)
            #expect(reused.backward(from: a) == fresh.backward(from: b))
        }
    }

    /// A trace appends without the runtime's uniqueness check only while no copy of its tape is out:
    /// handing out ``Trace/tape`` makes the next append move to storage of its own (there is room
    /// left, so only the check can see the copy), and the copy keeps what it saw.
    @Test func appendsAfterHandingOutTheTapeCopyItFirst() {
        let trace = Trace(reservingNodes: 100, edges: 100)
        let x = trace.input("x", 2)
        var y = x * x
        #expect(trace.storageIsUnique)
        let snapshot = trace.tape
        #expect(!trace.storageIsUnique && trace.recorded.storage === snapshot.storage)
        y = y + x
        #expect(trace.storageIsUnique && trace.recorded.storage !== snapshot.storage)
        let unchanged = trace.recorded.storage
        y = y * 3
        #expect(trace.recorded.storage === unchanged)
        #expect(snapshot.count == 2 && snapshot.edgeCount == 2 && snapshot.value(of: 1) == 4)
        #expect(trace.tape.count == 5 && y.value == 18 && trace.backward(from: y).gradient(of: x) == 15)
    }

    /// Scope and line runs kept through the one-compare fast path read back per node as before:
    /// a run starts wherever either changes, line 0 and the root scope included.
    @Test func scopeAndLineRunsStartWhereEitherChanges() {
        var tape = Tape()
        let inner = tape.internScope(["layer"])
        let placed: [(scope: Int32, line: Int32)] = [(0, 0), (0, 0), (inner, 0), (inner, 7), (inner, 7), (0, 7), (0, 0), (inner, 0)]
        for (scope, line) in placed { tape.appendLeaf(.input, value: 1, scope: scope, line: line) }
        #expect((0 ..< placed.count).map { tape.scopeIndex(of: $0) } == placed.map(\.scope))
        #expect((0 ..< placed.count).map { tape.line(of: $0) } == placed.map(\.line))
        #expect(tape.lines.starts == [0, 3, 6] && tape.scopeIndices.starts == [0, 2, 5, 7])
    }

    /// Backward passes one after another, some while earlier records are still held (their arrays
    /// then shared with the kept set), give the plain pass's gradients and steps bit for bit, and a
    /// record held across later passes keeps what it had.
    @Test func recordsMadeInKeptArraysEqualThePlainPass() {
        let tape = BackwardTests.randomProgram(seed: 7, size: 9_000).tape
        let outputs = [tape.count - 1, tape.count / 2, tape.count - 1, tape.count - 300, 40, tape.count - 1]
        let held = Backward(tape: tape, from: tape.count - 1)
        let heldGradients = held.gradients.map(\.bitPattern), heldSteps = held.steps
        for output in outputs {
            let plain = Self.plainBackward(tape, from: output)
            for _ in 0 ..< 2 {
                let pass = Backward(tape: tape, from: output)
                #expect(pass.steps == plain.steps)
                #expect(pass.gradients.map(\.bitPattern) == plain.gradients.map(\.bitPattern))
            }
            let alsoHeld = Backward(tape: tape, from: output), next = Backward(tape: tape, from: outputs[0])
            #expect(alsoHeld.steps == plain.steps && alsoHeld.gradients.map(\.bitPattern) == plain.gradients.map(\.bitPattern))
            #expect(next == held)
        }
        #expect(held.gradients.map(\.bitPattern) == heldGradients && held.steps == heldSteps)
    }

    /// A kept array no one else holds is refilled in place; one a record still holds is copied,
    /// and the record's array is left as it was.
    @Test func keptArraysAreRefilledInPlaceOnlyWhenNoRecordHoldsThem() {
        func address(_ array: [Double]) -> UnsafeRawPointer? { array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        var unique = [Double](repeating: 5, count: 1_000)
        let before = address(unique)
        Backward.refill(&unique, count: 800, with: 0)
        #expect(address(unique) == before && unique == [Double](repeating: 0, count: 800))
        let held = [Double](repeating: 5, count: 1_000)
        var refilled = held
        Backward.refill(&refilled, count: 1_000, with: 0)
        #expect(address(refilled) != address(held) && refilled == [Double](repeating: 0, count: 1_000))
        #expect(held == [Double](repeating: 5, count: 1_000))
        func kept(_ steps: [Int32], count: Int) -> [Int32] {
            var steps = steps
            Backward.refill(&steps, count: count, with: 0, keepingContents: true)
            return steps
        }
        #expect(kept([4, 5, 6, 7], count: 2) == [4, 5] && kept([4, 5, 6, 7], count: 6) == [4, 5, 6, 7, 0, 0])
        #expect(kept([], count: 3) == [0, 0, 0])
    }

    /// A pass takes the kept arrays only when they have room and it needs at least half of their
    /// bytes, and only once; small and very large records are not kept, and a newer one replaces
    /// the one kept.
    @Test func onlyFittingPassesTakeKeptArrays() {
        func arrays(_ nodes: Int, _ edges: Int) -> RecordArrays {
            RecordArrays(gradients: [Double](repeating: 0, count: nodes), reached: [Bool](repeating: false, count: nodes),
                         steps: [Int32](repeating: 0, count: edges))
        }
        func address(_ kept: RecordArrays?) -> UnsafeRawPointer? {
            kept?.gradients.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        var spare = SpareBuffers<RecordArrays>()
        let kept = arrays(10_000, 20_000)
        #expect(spare.keep(kept) == nil)
        #expect(spare.take((nodes: 10_000 + 1_000, reached: 100, edges: 100)) == nil)
        #expect(spare.take((nodes: 100, reached: 100, edges: 40_000)) == nil)
        #expect(spare.take((nodes: 2_000, reached: 2_000, edges: 4_000)) == nil)
        #expect(address(spare.take((nodes: 9_000, reached: 9_000, edges: 20_000))) == address(kept))
        #expect(spare.take((nodes: 9_000, reached: 9_000, edges: 20_000)) == nil)
        let small = arrays(100, 200), huge = arrays(5_000_000, 0)
        #expect(address(spare.keep(small)) == address(small))
        #expect(address(spare.keep(huge)) == address(huge))
        #expect(spare.keep(kept) == nil)
        let newer = arrays(20_000, 20_000)
        #expect(address(spare.keep(newer)) == address(kept))
        #expect(address(spare.take((nodes: 20_000, reached: 20_000, edges: 20_000))) == address(newer))
    }
}
