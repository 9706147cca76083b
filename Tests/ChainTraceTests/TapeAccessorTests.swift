import ChainTrace
import Testing

/// The tape read through its accessors: edges by `EdgeID`, consumers derived from the edge starts,
/// interned names, the side table of parameters, and storage small enough to record millions of nodes.
struct TapeAccessorTests {
    /// A tape whose consumers are separated by leaves (which own no edges), with a repeated operand.
    static func mixedTape() -> Tape {
        let trace = Trace()
        let x = trace.input("x", 2), c = trace.constant(3)
        let y = x * c                       // edges 0, 1
        let k = trace.constant(0.5, name: "k")
        let z = sin(y) + k                  // sin: edge 2; +: edges 3, 4
        _ = (x * x).named("square")         // edges 5, 6
        _ = pow(z, 1.5)                     // edge 7
        return trace.tape
    }

    @Test func everyEdgeKnowsItsConsumerOperandAndPosition() {
        let tape = Self.mixedTape()
        var seen = 0
        for node in 0 ..< tape.count {
            for (position, edge) in tape.edges(of: node).enumerated() {
                #expect(tape.consumer(of: edge) == node, "edge \(edge)")
                #expect(tape.position(of: edge) == position, "edge \(edge)")
                #expect(tape.operand(of: edge) == tape.inputs(of: node)[position])
                seen += 1
            }
        }
        #expect(seen == tape.edgeCount && seen == 8)
        #expect(tape.consumer(of: 7) == tape.count - 1)
        #expect(tape.operand(of: 5) == 0 && tape.operand(of: 6) == 0)
    }

    /// Scopes are stored as runs: leaving a scope and entering it again starts new runs, and every
    /// node still reads back the scope it was recorded in.
    @Test func scopesReadBackPerNodeAcrossRuns() {
        let trace = Trace()
        let x = trace.input("x", 1)
        var expected: [[String]] = [[]]
        var y = x
        for round in 0 ..< 3 {
            y = trace.scope("a") { trace.scope("b\(round % 2)") { sin(y) + 1 } }
            expected += Array(repeating: ["a", "b\(round % 2)"], count: 3)  // sin, the constant 1, +
            y = y * x
            expected.append([])
        }
        let tape = trace.tape
        #expect((0 ..< tape.count).map(tape.scope(of:)) == expected)
    }

    @Test func namesAreInternedAndRenamable() throws {
        var tape = Tape()
        let a = tape.appendLeaf(.input, value: 1, name: "w")
        let b = tape.appendLeaf(.input, value: 2, name: "w")
        let c = tape.appendBinary(.add, a, b)
        #expect(tape.name(of: a) == "w" && tape.name(of: b) == "w" && tape.name(of: c) == nil)
        tape.setName("sum", of: c)
        tape.setName(nil, of: a)
        #expect(tape.name(of: a) == nil && tape.name(of: b) == "w" && tape.name(of: c) == "sum")
        #expect(try tape.node(named: "w") == b)
    }

    @Test func parametersLiveOnlyOnTheNodesThatHaveThem() {
        let trace = Trace()
        let x = trace.input("x", 2)
        let p = pow(x, -0.0), q = pow(x, 3.0), r = x + 1
        let tape = trace.tape
        #expect(tape.parameter(of: p.id!).sign == .minus && tape.parameter(of: p.id!) == 0)
        #expect(tape.parameter(of: q.id!) == 3 && tape.parameter(of: r.id!) == 0 && tape.parameter(of: x.id!) == 0)
        let other = Trace()
        let y = other.input("x", 2)
        _ = (pow(y, -0.0), pow(y, 2.0), y + 1)
        #expect(other.tape != tape, "a different exponent is a different tape")
    }

    @Test func ordinalsFollowDeclarationOrderAndReachTheRules() {
        for (index, op) in UnaryOp.allCases.enumerated() {
            #expect(op.ordinal == index, "\(op)")
            let fast = op.evaluate(0.3, 2), rule = op.rule.evaluate(0.3, 2)
            #expect(fast.value.bitPattern == rule.value.bitPattern && fast.partial.bitPattern == rule.partial.bitPattern, "\(op)")
        }
        for (index, op) in BinaryOp.allCases.enumerated() {
            #expect(op.ordinal == index, "\(op)")
            let fast = op.evaluate(0.3, 2), rule = op.rule.evaluate(0.3, 2)
            #expect(fast.value == rule.value && fast.partials == rule.partials, "\(op)")
        }
    }

    @Test func reservingCapacityRecordsTheSameTape() {
        func record(_ trace: Trace) -> Tape {
            let x = trace.input("x", 0.7)
            var y = x
            for _ in 0 ..< 50 { y = tanh(y * x + 1) }
            return trace.tape
        }
        #expect(record(Trace(reservingNodes: 200, edges: 400)) == record(Trace()))
    }

    /// The storage the micrograd benchmark measures: at most 32 bytes of arrays per node for an
    /// MLP-like computation (sums and products of two operands, constants, a few named inputs):
    /// an operation, a value, an edge start, and per edge an operand id and a partial; names,
    /// scopes and lines cost nothing per node.
    @Test func storageIsAtMost32BytesPerNode() {
        let trace = Trace()
        let weights = (0 ..< 64).map { trace.input("w\($0)", Double($0) / 64) }
        var total: Traced = 0
        for point in 0 ..< 200 {
            var sum = trace.constant(Double(point))
            for w in weights { sum = sum + w * trace.constant(0.5) }
            total = total + relu(sum)
        }
        let tape = trace.tape
        let perNode = Double(Self.arrayBytes(of: tape)) / Double(tape.count)
        #expect(tape.count > 30_000)
        #expect(perNode <= 32, "\(perNode) bytes per node")
    }

    /// The element bytes of every array stored in `value` or in the structures it stores, and of a
    /// tape's node and edge columns (raw buffers, which the tape reports).
    static func arrayBytes(of value: Any) -> Int {
        if let array = value as? any UsedBytes { return array.usedBytes }
        let columns = (value as? Tape)?.columnBytes.used ?? 0
        return Mirror(reflecting: value).children.reduce(columns) { $0 + arrayBytes(of: $1.value) }
    }

    /// The walk the trace JSON writer takes through the nodes reads what the per-node accessors
    /// read: names (unnamed nodes between named ones, a renamed node), re-entered scopes, lines.
    @Test func theAttributeWalkReadsWhatTheAccessorsRead() {
        var tape = Tape()
        let scopes: [[String]] = [[], ["a"], ["a", "b"], ["a"], []]
        for node in 0 ..< 60 {
            tape.appendRecorded(
                node < 2 ? .input : .neg, value: Double(node), parameter: 0, inputs: node < 2 ? [] : [(node: node - 1, partial: -1)],
                name: node % 3 == 0 ? "n\(node % 7)" : nil, scope: scopes[(node / 5) % scopes.count], line: Int32(node % 4 == 0 ? 0 : node / 2))
        }
        tape.setName("renamed", of: 1)
        tape.setName(nil, of: 3)
        var walk = tape.attributeWalk()
        for node in 0 ..< tape.count {
            #expect(walk.node == node)
            let (name, scope, line) = walk.next()
            #expect(name.map { tape.names[Int($0)] } == tape.name(of: node), "node \(node)")
            #expect(tape.scopes[Int(scope)] == tape.scope(of: node) && line == tape.line(of: node), "node \(node)")
        }
        #expect(Tape().attributeWalk().node == 0)
    }
}

/// An array's element bytes (count × stride).
private protocol UsedBytes { var usedBytes: Int { get } }
extension Array: UsedBytes { fileprivate var usedBytes: Int { count * MemoryLayout<Element>.stride } }
