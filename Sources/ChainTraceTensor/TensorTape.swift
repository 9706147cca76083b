import ChainTrace

/// A tensor node's position on a ``TensorTape``: nodes are numbered from 0 in recording order.
public typealias TensorNodeID = Int

/// The recorded forward pass of a tensor program, as plain data read through accessors.
///
/// Each node holds its op, shape, value (a ``Tensor``), name, source line and parameter (the exponent
/// of `powc`). An edge joins an operand to the node that consumed it; a consumer's edges are
/// contiguous, in operand order, and a value used twice by one op (`x * x`) has two edges, as on the
/// scalar `Tape`. Unlike the scalar tape no local partial is stored: an edge's local derivative is
/// its rule (``rule(of:)``), a vector-Jacobian product evaluated by the backward pass.
///
/// ```swift
/// var tape = TensorTape()
/// let W = tape.appendInput(Tensor(rows: [[0.1, 0.4], [-0.3, 0.2]]), name: "W")
/// let x = tape.appendInput(Tensor(vector: [0.5, -1.2]), name: "x")
/// let z = try tape.append(.matmul, [W, x])
/// let loss = try tape.append(.sum(axis: nil), [tape.append(.unary(.sigmoid), [z])], name: "J")
/// let record = try TensorBackward(tape: tape, from: loss)
/// ```
public struct TensorTape: Sendable, Equatable {
    private var ops: [TensorOp] = []
    private var values: [Tensor] = []
    private var parameters: [Double] = []
    private var names: [String?] = []
    private var lines: [Int32] = []
    private var edgeStart: [Int] = [0]
    private var edgeInputs: [TensorNodeID] = []
    private var edgeConsumers: [TensorNodeID] = []

    /// An empty tape.
    public init() {}

    /// The number of nodes.
    public var count: Int { ops.count }

    /// The number of edges.
    public var edgeCount: Int { edgeInputs.count }

    /// A node's op.
    public func op(of node: TensorNodeID) -> TensorOp { ops[node] }

    /// A node's value.
    public func value(of node: TensorNodeID) -> Tensor { values[node] }

    /// A node's shape.
    public func shape(of node: TensorNodeID) -> Shape { values[node].shape }

    /// A node's name, if it has one.
    public func name(of node: TensorNodeID) -> String? { names[node] }

    /// A node's source line (1-based), or 0 when unknown.
    public func line(of node: TensorNodeID) -> Int32 { lines[node] }

    /// A node's constant parameter: the exponent of `powc`, 0 for every other op.
    public func parameter(of node: TensorNodeID) -> Double { parameters[node] }

    /// The edge indices of a node's operands, in operand order.
    public func edges(of node: TensorNodeID) -> Range<Int> { edgeStart[node] ..< edgeStart[node + 1] }

    /// A node's operand nodes, in operand order (a repeated operand appears twice).
    public func inputs(of node: TensorNodeID) -> [TensorNodeID] { edges(of: node).map { edgeInputs[$0] } }

    /// The operand an edge carries from.
    public func operand(of edge: Int) -> TensorNodeID { edgeInputs[edge] }

    /// The node that consumed an edge's operand.
    public func consumer(of edge: Int) -> TensorNodeID { edgeConsumers[edge] }

    /// The edge's position among its consumer's operands (0 = left or only, 1 = right).
    public func position(of edge: Int) -> Int { edge - edgeStart[edgeConsumers[edge]] }

    /// The nodes whose edges carry `node` to a consumer, in recording order of the consumers.
    public func consumers(of node: TensorNodeID) -> [TensorNodeID] {
        (0 ..< edgeCount).filter { edgeInputs[$0] == node }.map { edgeConsumers[$0] }
    }

    /// Records a named input leaf.
    @discardableResult
    public mutating func appendInput(_ value: Tensor, name: String, line: Int32 = 0) -> TensorNodeID {
        appendNode(.input, value: value, parameter: 0, name: name, line: line, operands: [])
    }

    /// Records a constant leaf.
    @discardableResult
    public mutating func appendConstant(_ value: Tensor, name: String? = nil, line: Int32 = 0) -> TensorNodeID {
        appendNode(.constant, value: value, parameter: 0, name: name, line: line, operands: [])
    }

    /// Records `op` applied to `operands`, computing its value; throws a ``ShapeError`` (and records
    /// nothing) when the operands' shapes do not fit the op.
    ///
    /// `parameter` is the exponent of `.unary(.powConstant)`, ignored by the others. Leaves are
    /// recorded with ``appendInput(_:name:line:)`` and ``appendConstant(_:name:line:)``.
    @discardableResult
    public mutating func append(
        _ op: TensorOp, _ operands: [TensorNodeID], parameter: Double = 0, name: String? = nil, line: Int32 = 0
    ) throws(ShapeError) -> TensorNodeID {
        precondition(!op.isLeaf, "record leaves with appendInput or appendConstant")
        precondition(operands.count == op.arity, "\(op.name) takes \(op.arity) operand(s), not \(operands.count)")
        precondition(operands.allSatisfy { $0 >= 0 && $0 < count }, "operands \(operands) are not all on this tape (\(count) nodes)")
        let value = try Kernels.evaluate(op, operands.map { values[$0] }, parameter: parameter)
        return appendNode(op, value: value, parameter: parameter, name: name, line: line, operands: operands)
    }

    /// Appends a node whose value was recorded elsewhere (a trace JSON), keeping that value as given.
    ///
    /// The op is applied to the operands' values to check the shapes: a ``ShapeError`` when the
    /// operands do not fit the op or `value`'s shape is not the one the op gives. For leaves pass no
    /// operands. Operand ids must be on the tape and as many as the op takes (check them first).
    @discardableResult
    public mutating func appendRecorded(
        _ op: TensorOp, value: Tensor, operands: [TensorNodeID], parameter: Double = 0, name: String? = nil, line: Int32 = 0
    ) throws(ShapeError) -> TensorNodeID {
        precondition(operands.count == op.arity, "\(op.name) takes \(op.arity) operand(s), not \(operands.count)")
        precondition(operands.allSatisfy { $0 >= 0 && $0 < count }, "operands \(operands) are not all on this tape (\(count) nodes)")
        if !op.isLeaf {
            let shapes = operands.map { shape(of: $0) }
            let computed = try Kernels.evaluate(op, operands.map { values[$0] }, parameter: parameter).shape
            guard computed == value.shape else {
                throw ShapeError(op: op, shapes: shapes, message: "shapes \(shapes.map(\.description).joined(separator: " and ")) give \(computed), not the recorded \(value.shape)")
            }
        }
        return appendNode(op, value: value, parameter: parameter, name: name, line: line, operands: operands)
    }

    /// Gives a node a name (or removes it with nil).
    public mutating func setName(_ name: String?, of node: TensorNodeID) {
        names[node] = name
    }

    private mutating func appendNode(
        _ op: TensorOp, value: Tensor, parameter: Double, name: String?, line: Int32, operands: [TensorNodeID]
    ) -> TensorNodeID {
        let id = count
        for operand in operands {
            edgeInputs.append(operand)
            edgeConsumers.append(id)
        }
        ops.append(op)
        values.append(value)
        parameters.append(parameter)
        names.append(name)
        lines.append(line)
        edgeStart.append(edgeInputs.count)
        return id
    }
}
