/// The recorder: a tape being written, with the scope that new nodes are placed in.
///
/// ```swift
/// let trace = Trace()
/// let x = trace.input("x", 2)
/// let y = pow(x * x + 1, 3).named("y")
/// let result = trace.backward(from: y)
/// result.gradient(of: x)   // 300
/// ```
public final class Trace {
    /// Everything recorded so far.
    ///
    /// The copy handed out shares the tape's storage, so the next append checks it again.
    public var tape: Tape {
        storageIsUnique = false
        return recorded
    }

    /// The tape being written.
    ///
    /// Unchecked exclusivity: every access is a short call of this file that calls no user code, so
    /// no two can overlap, and recording no longer pays a dynamic exclusivity check per node.
    @exclusivity(unchecked) @usableFromInline var recorded: Tape
    private var scopePath: [String] = []
    /// The scope new nodes are placed in (unchecked exclusivity, as `recorded`).
    @exclusivity(unchecked) @usableFromInline var scopeIndex: Int32 = 0
    /// Whether `recorded`'s storage is this trace's alone: true after any append (which copies a
    /// shared storage first), false once ``tape`` has handed out a copy that may share it. While it
    /// holds, appends skip the runtime's uniqueness check, a call per node (unchecked exclusivity,
    /// as `recorded`).
    @exclusivity(unchecked) @usableFromInline var storageIsUnique = false

    /// An empty trace; `nodes` and `edges` reserve room for a computation whose size is known, so
    /// recording it does not regrow the tape's storage.
    public init(reservingNodes nodes: Int = 0, edges: Int = 0) {
        recorded = Tape(reservingNodes: nodes, edges: edges)
    }

    /// Records a named input leaf with the given value.
    public func input(_ name: String, _ value: Double) -> Traced {
        Traced(trace: self, id: appended(recorded.appendLeaf(.input, value: value, name: name, scope: scopeIndex, storageIsUnique: storageIsUnique)))
    }

    /// Records a constant leaf.
    public func constant(_ value: Double, name: String? = nil) -> Traced {
        Traced(trace: self, id: appended(recorded.appendLeaf(.constant, value: value, name: name, scope: scopeIndex, storageIsUnique: storageIsUnique)))
    }

    /// Runs `body` with every node it records placed in the group `name`, nested in the current one.
    ///
    /// Scopes become clusters in diagrams and can be collapsed: `trace.scope("layer1") { … }`.
    public func scope<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
        let saved = (scopePath, scopeIndex)
        scopePath.append(name)
        scopeIndex = recorded.internScope(scopePath)
        defer { (scopePath, scopeIndex) = saved }
        return try body()
    }

    /// Runs the backward pass from `output` and returns its record.
    public func backward(from output: Traced) -> Backward {
        guard let id = output.id, output.trace === self else {
            preconditionFailure("backward(from:) needs a value recorded on this trace; record constants with trace.constant(_:)")
        }
        return Backward(tape: recorded, from: id)
    }

    @inlinable @inline(__always)
    func record(_ op: UnaryOp, _ a: NodeID, parameter: Double) -> NodeID {
        appended(recorded.appendUnary(op, a, parameter: parameter, scope: scopeIndex, storageIsUnique: storageIsUnique))
    }

    @inlinable @inline(__always)
    func record(_ op: BinaryOp, _ a: NodeID, _ b: NodeID) -> NodeID {
        appended(recorded.appendBinary(op, a, b, scope: scopeIndex, storageIsUnique: storageIsUnique))
    }

    @usableFromInline
    func recordConstant(_ value: Double) -> NodeID {
        appended(recorded.appendLeaf(.constant, value: value, scope: scopeIndex, storageIsUnique: storageIsUnique))
    }

    /// Notes that an append made the storage this trace's alone, and passes its node on.
    @inlinable @inline(__always)
    func appended(_ node: NodeID) -> NodeID {
        storageIsUnique = true
        return node
    }

    /// A value's forward-pass value, read without copying the tape.
    @inlinable
    func value(of node: NodeID) -> Double { recorded.value(of: node) }

    func setName(_ name: String, of node: NodeID) {
        recorded.setName(name, of: node)
    }
}

extension Backward {
    /// ∂output/∂value for a value recorded on the trace this pass ran on.
    public func gradient(of value: Traced) -> Double {
        guard let id = value.id, id < gradients.count else {
            preconditionFailure("gradient(of:) needs a value recorded on the traced computation; a detached constant has no gradient")
        }
        return gradients[id]
    }
}
