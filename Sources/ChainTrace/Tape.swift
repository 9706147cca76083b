/// A node's position on a tape: nodes are numbered from 0 in the order they were recorded.
public typealias NodeID = Int

/// The recorded forward pass as plain data: flat arrays indexed by node id and by edge index.
///
/// An edge joins an operand (its `input` node) to the node that consumed it; a consumer's edges
/// are contiguous, in operand order, and carry the local partial ∂consumer/∂operand computed during
/// the forward pass. Repeated operands (`x * x`) are distinct edges. No closures are stored: the
/// backward pass, JSON, DOT and HTML all read these arrays.
public struct Tape: Sendable, Equatable {
    /// Each node's operation.
    public private(set) var ops: [Op] = []
    /// Each node's value.
    public private(set) var values: [Double] = []
    /// Each node's constant parameter (the exponent of ``Op/powConstant``; 0 otherwise).
    public private(set) var parameters: [Double] = []
    /// Each node's name, if it has one.
    public private(set) var names: [String?] = []
    /// Each node's scope, as an index into ``scopes``.
    public private(set) var scopeIndices: [Int32] = []
    /// Each node's source line (1-based), or 0 when unknown.
    public private(set) var lines: [Int32] = []
    /// The first edge of each node; node `n`'s edges are `edgeStart[n] ..< edgeStart[n + 1]`.
    public private(set) var edgeStart: [Int] = [0]
    /// Each edge's operand node.
    public private(set) var edgeInputs: [Int32] = []
    /// Each edge's consumer node.
    public private(set) var edgeConsumers: [Int32] = []
    /// Each edge's local partial ∂consumer/∂operand.
    public private(set) var partials: [Double] = []
    /// The distinct scopes, each a path of group names from the outermost; index 0 is the root `[]`.
    public private(set) var scopes: [[String]] = [[]]
    private var scopeLookup: [[String]: Int32] = [[]: 0]

    /// An empty tape.
    public init() {}

    /// The number of nodes.
    public var count: Int { ops.count }

    /// The number of edges.
    public var edgeCount: Int { edgeInputs.count }

    /// The edge indices of a node's operands, in operand order.
    public func edges(of node: NodeID) -> Range<Int> { edgeStart[node] ..< edgeStart[node + 1] }

    /// A node's operand node ids, in operand order.
    public func inputs(of node: NodeID) -> [NodeID] { edges(of: node).map { Int(edgeInputs[$0]) } }

    /// A node's scope path.
    public func scope(of node: NodeID) -> [String] { scopes[Int(scopeIndices[node])] }

    /// The index of a scope path in ``scopes``, adding it if it is new.
    public mutating func internScope(_ path: [String]) -> Int32 {
        if let index = scopeLookup[path] { return index }
        let index = Int32(scopes.count)
        scopes.append(path)
        scopeLookup[path] = index
        return index
    }

    /// Records a leaf and returns its id.
    @discardableResult
    public mutating func appendLeaf(_ op: Op, value: Double, name: String? = nil, scope: Int32 = 0, line: Int32 = 0) -> NodeID {
        precondition(op.isLeaf, "appendLeaf takes .input or .constant, not \(op)")
        return appendNode(op, value: value, parameter: 0, name: name, scope: scope, line: line)
    }

    /// Records a one-operand primitive applied to `a`, computing its value and local partial.
    @discardableResult
    public mutating func appendUnary(_ op: UnaryOp, _ a: NodeID, parameter: Double = 0, name: String? = nil, scope: Int32 = 0, line: Int32 = 0) -> NodeID {
        precondition(a >= 0 && a < count, "operand \(a) is not on this tape (\(count) nodes)")
        let result = op.rule.evaluate(values[a], parameter)
        let id = count
        appendEdge(input: a, consumer: id, partial: result.partial)
        return appendNode(Op(op), value: result.value, parameter: parameter, name: name, scope: scope, line: line)
    }

    /// Records a two-operand primitive applied to `a` and `b`, computing its value and local partials.
    @discardableResult
    public mutating func appendBinary(_ op: BinaryOp, _ a: NodeID, _ b: NodeID, name: String? = nil, scope: Int32 = 0, line: Int32 = 0) -> NodeID {
        precondition(a >= 0 && a < count && b >= 0 && b < count, "operands \(a), \(b) are not both on this tape (\(count) nodes)")
        let result = op.rule.evaluate(values[a], values[b])
        let id = count
        appendEdge(input: a, consumer: id, partial: result.partials.0)
        appendEdge(input: b, consumer: id, partial: result.partials.1)
        return appendNode(Op(op), value: result.value, parameter: 0, name: name, scope: scope, line: line)
    }

    /// Appends a node exactly as given, without computing or checking anything.
    ///
    /// This is how a tape read from elsewhere (a trace JSON) is rebuilt; call ``validate()``
    /// afterwards. `inputs` are (operand node, local partial) pairs in operand order.
    @discardableResult
    public mutating func appendRecorded(
        _ op: Op, value: Double, parameter: Double, inputs: [(node: NodeID, partial: Double)],
        name: String?, scope: [String], line: Int32
    ) -> NodeID {
        let id = count
        for input in inputs {
            appendEdge(input: input.node, consumer: id, partial: input.partial)
        }
        return appendNode(op, value: value, parameter: parameter, name: name, scope: internScope(scope), line: line)
    }

    /// Gives a node a name (or removes it with nil).
    public mutating func setName(_ name: String?, of node: NodeID) {
        names[node] = name
    }

    private mutating func appendEdge(input: NodeID, consumer: NodeID, partial: Double) {
        // Clamping keeps an out-of-range id out of range, so validate() still reports it.
        edgeInputs.append(Int32(clamping: input))
        edgeConsumers.append(Int32(clamping: consumer))
        partials.append(partial)
    }

    private mutating func appendNode(_ op: Op, value: Double, parameter: Double, name: String?, scope: Int32, line: Int32) -> NodeID {
        ops.append(op)
        values.append(value)
        parameters.append(parameter)
        names.append(name)
        scopeIndices.append(scope)
        lines.append(line)
        edgeStart.append(edgeInputs.count)
        return ops.count - 1
    }

    /// Two tapes are equal when their nodes and edges are; the scope table's order is not compared.
    public static func == (lhs: Tape, rhs: Tape) -> Bool {
        guard lhs.ops == rhs.ops, lhs.names == rhs.names, lhs.lines == rhs.lines,
              lhs.edgeStart == rhs.edgeStart, lhs.edgeInputs == rhs.edgeInputs,
              sameNumbers(lhs.values, rhs.values), sameNumbers(lhs.parameters, rhs.parameters),
              sameNumbers(lhs.partials, rhs.partials)
        else { return false }
        return (0 ..< lhs.count).allSatisfy { lhs.scope(of: $0) == rhs.scope(of: $0) }
    }
}

/// Bitwise-equal-or-both-NaN comparison: a tape with NaN values still equals its own copy.
func sameNumbers(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}
