/// A scalar whose arithmetic is recorded on a ``Trace``, so Swift code reads like the maths it traces.
///
/// A traced value is either recorded (a node on a trace) or a detached constant, such as a literal
/// or `Traced.pi`, that has not met a trace yet. When a detached constant meets a recorded value it
/// is recorded as a constant node on that value's trace; arithmetic between detached constants is
/// plain arithmetic and records nothing.
public struct Traced {
    /// The trace the value is recorded on, or nil for a detached constant.
    public let trace: Trace?
    /// The node id on ``trace`` (a tape's ids are 32-bit); meaningless for a detached constant.
    @usableFromInline let node: Int32
    /// A detached constant's value; 0 for a recorded value (whose value is on the tape).
    @usableFromInline let detachedValue: Double

    /// The node id on ``trace``, or nil for a detached constant.
    public var id: NodeID? { trace == nil ? nil : Int(node) }

    @inlinable
    init(trace: Trace, id: NodeID) {
        self.trace = trace
        self.node = Int32(truncatingIfNeeded: id)
        self.detachedValue = 0
    }

    /// A detached constant.
    public init(_ value: Double) {
        self.trace = nil
        self.node = 0
        self.detachedValue = value
    }

    /// The value computed in the forward pass.
    @inlinable public var value: Double {
        guard let trace else { return detachedValue }
        return trace.value(of: Int(node))
    }

    /// The same node with a name (shown in tables, diagrams and JSON); detached constants stay unnamed.
    public func named(_ name: String) -> Traced {
        if let trace, let id { trace.setName(name, of: id) }
        return self
    }

    /// Applies a one-operand primitive, recording it when `self` is recorded.
    @inlinable
    consuming func apply(_ op: UnaryOp, parameter: Double = 0) -> Traced {
        guard let trace else {
            return Traced(op.evaluate(detachedValue, parameter).value)
        }
        return Traced(trace: trace, id: trace.record(op, Int(node), parameter: parameter))
    }

    /// Applies a two-operand primitive, recording it when either operand is recorded.
    ///
    /// Two values on one trace, the case of nearly every operation, are recorded inline; a
    /// detached operand or two traces take the general path.
    @inlinable
    static func apply(_ op: BinaryOp, _ a: consuming Traced, _ b: consuming Traced) -> Traced {
        if let trace = a.trace, trace === b.trace {
            // The right operand ends here, before the recording: see Traced+Operators.swift.
            let right = Int(b.node)
            _ = consume b
            return Traced(trace: trace, id: trace.record(op, Int(a.node), right))
        }
        return applyMixed(op, a, b)
    }

    /// ``apply(_:_:_:)`` where at least one operand is a detached constant, or the two are on different traces.
    @usableFromInline
    static func applyMixed(_ op: BinaryOp, _ a: Traced, _ b: Traced) -> Traced {
        guard let trace = a.trace ?? b.trace else {
            return Traced(op.evaluate(a.detachedValue, b.detachedValue).value)
        }
        precondition(a.trace.map { $0 === trace } ?? true && b.trace.map { $0 === trace } ?? true,
                     "operands are recorded on two different traces; use one Trace for one computation")
        return Traced(trace: trace, id: trace.record(op, a.node(on: trace), b.node(on: trace)))
    }

    private func node(on trace: Trace) -> NodeID {
        self.trace == nil ? trace.recordConstant(detachedValue) : Int(node)
    }
}

extension Traced: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A detached constant from a literal.
    public init(floatLiteral value: Double) { self.init(value) }
    /// A detached constant from a literal.
    public init(integerLiteral value: Int) { self.init(Double(value)) }
}

extension Traced: CustomStringConvertible {
    /// The value, with the node id when recorded: `300.0 (#5)`.
    public var description: String {
        id.map { "\(value) (#\($0))" } ?? "\(value)"
    }
}
