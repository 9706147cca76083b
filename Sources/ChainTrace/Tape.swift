/// A node's position on a tape: nodes are numbered from 0 in the order they were recorded.
public typealias NodeID = Int

/// An edge's position on a tape: edges are numbered from 0 in the order they were recorded, so a
/// consumer's edges are contiguous and in operand order (``Tape/edges(of:)``).
public typealias EdgeID = Int

/// The recorded forward pass as plain data, read through accessors by node id and by edge id.
///
/// An edge joins an operand node to the node that consumed it; a consumer's edges are contiguous,
/// in operand order, and carry the local partial ∂consumer/∂operand computed during the forward
/// pass. Repeated operands (`x * x`) are distinct edges. No closures are stored: the backward pass,
/// JSON, DOT and HTML all read the same data.
///
/// Storage is a structure of arrays with 32-bit ids, about 37 bytes per node of a typical program
/// (an operation, a value, an edge start and two edges of an operand id and a partial): names are
/// interned and kept only for the nodes that have one, scopes and lines are stored as runs of
/// consecutive nodes, the consumer of an edge is derived from ``edges(of:)``'s starts rather than
/// stored, and constant parameters (only `powc` has one) live in a side table.
public struct Tape: Sendable, Equatable {
    /// Each node's operation.
    package private(set) var ops: [Op] = []
    /// Each node's value.
    package private(set) var values: [Double] = []
    /// The nodes whose constant parameter is not 0 (the exponent of ``Op/powConstant``).
    private var parameters: [Int32: Double] = [:]
    /// The named nodes' names, as indices into `nameTable`.
    private var nameIndices: [Int32: Int32] = [:]
    private var nameTable: [String] = []
    private var nameLookup: [String: Int32] = [:]
    /// Each node's scope, as an index into `scopes`.
    private var scopeIndices = Runs()
    /// Each node's source line (1-based), or 0 when unknown.
    private var lines = Runs()
    /// The first edge of each node; node `n`'s edges are `edgeStart[n] ..< edgeStart[n + 1]`.
    private var edgeStart: [Int32] = [0]
    /// Each edge's operand node.
    private var edgeOperands: [Int32] = []
    /// Each edge's local partial ∂consumer/∂operand.
    private var partials: [Double] = []
    /// The distinct scopes, each a path of group names from the outermost; index 0 is the root `[]`.
    package private(set) var scopes: [[String]] = [[]]
    private var scopeLookup: [[String]: Int32] = [[]: 0]

    /// An empty tape.
    public init() {}

    /// An empty tape with room for `nodes` nodes and `edges` edges, so recording does not regrow its storage.
    public init(reservingNodes nodes: Int, edges: Int) {
        reserveCapacity(nodes: nodes, edges: edges)
    }

    /// Makes room for `nodes` more nodes and `edges` more edges.
    public mutating func reserveCapacity(nodes: Int, edges: Int) {
        let n = count + nodes, e = edgeCount + edges
        ops.reserveCapacity(n)
        values.reserveCapacity(n)
        edgeStart.reserveCapacity(n + 1)
        edgeOperands.reserveCapacity(e)
        partials.reserveCapacity(e)
    }

    /// The number of nodes.
    public var count: Int { ops.count }

    /// The number of edges.
    public var edgeCount: Int { edgeOperands.count }

    /// A node's operation.
    public func op(of node: NodeID) -> Op { ops[node] }

    /// A node's value, computed in the forward pass.
    public func value(of node: NodeID) -> Double { values[node] }

    /// A node's constant parameter: the exponent of ``Op/powConstant``, 0 for every other operation.
    public func parameter(of node: NodeID) -> Double { parameters[Int32(truncatingIfNeeded: node)] ?? 0 }

    /// A node's name, if it has one.
    public func name(of node: NodeID) -> String? {
        precondition(node >= 0 && node < count, "node \(node) is not on this tape (\(count) nodes)")
        return nameIndices[Int32(truncatingIfNeeded: node)].map { nameTable[Int($0)] }
    }

    /// A node's source line (1-based), or 0 when unknown.
    public func line(of node: NodeID) -> Int32 {
        precondition(node >= 0 && node < count, "node \(node) is not on this tape (\(count) nodes)")
        return lines[node]
    }

    /// A node's scope path.
    public func scope(of node: NodeID) -> [String] { scopes[Int(scopeIndex(of: node))] }

    /// The edges of a node's operands, in operand order.
    public func edges(of node: NodeID) -> Range<EdgeID> { Int(edgeStart[node]) ..< Int(edgeStart[node + 1]) }

    /// A node's operand node ids, in operand order.
    public func inputs(of node: NodeID) -> [NodeID] { edges(of: node).map(operand(of:)) }

    /// The operand an edge carries into its consumer.
    public func operand(of edge: EdgeID) -> NodeID { Int(edgeOperands[edge]) }

    /// The node that consumed an edge's operand: the node whose ``edges(of:)`` contain it.
    ///
    /// Found by binary search over the nodes' first edges (not stored: it is derivable).
    public func consumer(of edge: EdgeID) -> NodeID {
        precondition(edge >= 0 && edge < edgeCount, "edge \(edge) is not on this tape (\(edgeCount) edges)")
        // The first node whose edges start after `edge`, less one: leaves (no edges) share their
        // start with the next node, and are skipped by taking the last node starting at or before it.
        var low = 0, high = count
        let target = Int32(truncatingIfNeeded: edge)
        while low < high {
            let middle = (low + high) / 2
            if edgeStart[middle + 1] <= target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// An edge's place among its consumer's operands: 0 for the first (`a`), 1 for the second (`b`).
    public func position(of edge: EdgeID) -> Int { edge - Int(edgeStart[consumer(of: edge)]) }

    /// An edge's local partial ∂consumer/∂operand.
    public func partial(of edge: EdgeID) -> Double { partials[edge] }

    /// The number of distinct scopes (the root `[]` included); scope indices run below it.
    package var scopeCount: Int { scopes.count }

    /// Whether the two tapes record the same operations on the same operands (values aside).
    package func hasSameGraph(as other: Tape) -> Bool {
        ops == other.ops && edgeStart == other.edgeStart && edgeOperands == other.edgeOperands
    }

    /// The index of a scope path among the tape's scopes, adding it if it is new.
    package mutating func internScope(_ path: [String]) -> Int32 {
        if let index = scopeLookup[path] { return index }
        let index = Int32(scopes.count)
        scopes.append(path)
        scopeLookup[path] = index
        return index
    }

    /// A node's scope index (checked by ``validate()``).
    package func scopeIndex(of node: NodeID) -> Int32 {
        precondition(node >= 0 && node < count, "node \(node) is not on this tape (\(count) nodes)")
        return scopeIndices[node]
    }

    /// Records a leaf and returns its id.
    @discardableResult
    package mutating func appendLeaf(_ op: Op, value: Double, name: String? = nil, scope: Int32 = 0, line: Int32 = 0) -> NodeID {
        precondition(op.isLeaf, "appendLeaf takes .input or .constant, not \(op)")
        return appendNode(op, value: value, parameter: 0, name: name, scope: scope, line: line)
    }

    /// Records a one-operand primitive applied to `a`, computing its value and local partial.
    @discardableResult
    package mutating func appendUnary(_ op: UnaryOp, _ a: NodeID, parameter: Double = 0, name: String? = nil, scope: Int32 = 0, line: Int32 = 0) -> NodeID {
        precondition(a >= 0 && a < count, "operand \(a) is not on this tape (\(count) nodes)")
        let result = op.evaluate(values[a], parameter)
        appendEdge(operand: a, partial: result.partial)
        return appendNode(Op(op), value: result.value, parameter: parameter, name: name, scope: scope, line: line)
    }

    /// Records a two-operand primitive applied to `a` and `b`, computing its value and local partials.
    @discardableResult
    package mutating func appendBinary(_ op: BinaryOp, _ a: NodeID, _ b: NodeID, name: String? = nil, scope: Int32 = 0, line: Int32 = 0) -> NodeID {
        precondition(a >= 0 && a < count && b >= 0 && b < count, "operands \(a), \(b) are not both on this tape (\(count) nodes)")
        let result = op.evaluate(values[a], values[b])
        appendEdge(operand: a, partial: result.partials.0)
        appendEdge(operand: b, partial: result.partials.1)
        return appendNode(Op(op), value: result.value, parameter: 0, name: name, scope: scope, line: line)
    }

    /// Appends a node exactly as given, without computing or checking anything.
    ///
    /// This is how a tape read from elsewhere (a trace JSON) is rebuilt; call ``validate()``
    /// afterwards. `inputs` are (operand node, local partial) pairs in operand order.
    @discardableResult
    package mutating func appendRecorded(
        _ op: Op, value: Double, parameter: Double, inputs: [(node: NodeID, partial: Double)],
        name: String?, scope: [String], line: Int32
    ) -> NodeID {
        for input in inputs {
            appendEdge(operand: input.node, partial: input.partial)
        }
        return appendNode(op, value: value, parameter: parameter, name: name, scope: internScope(scope), line: line)
    }

    /// Gives a node a name (or removes it with nil).
    package mutating func setName(_ name: String?, of node: NodeID) {
        precondition(node >= 0 && node < count, "node \(node) is not on this tape (\(count) nodes)")
        nameIndices[Int32(truncatingIfNeeded: node)] = name.map { internName($0) }
    }

    private mutating func internName(_ name: String) -> Int32 {
        if let index = nameLookup[name] { return index }
        let index = Int32(nameTable.count)
        nameTable.append(name)
        nameLookup[name] = index
        return index
    }

    private mutating func appendEdge(operand: NodeID, partial: Double) {
        // Clamping keeps an out-of-range id out of range, so validate() still reports it.
        edgeOperands.append(Int32(clamping: operand))
        partials.append(partial)
    }

    private mutating func appendNode(_ op: Op, value: Double, parameter: Double, name: String?, scope: Int32, line: Int32) -> NodeID {
        let id = ops.count
        // Stored by bit pattern, so −0 and NaN exponents survive; +0 is the default and not stored.
        if parameter.bitPattern != 0 { parameters[Int32(truncatingIfNeeded: id)] = parameter }
        if let name { nameIndices[Int32(truncatingIfNeeded: id)] = internName(name) }
        ops.append(op)
        values.append(value)
        scopeIndices.append(scope, for: id)
        lines.append(line, for: id)
        edgeStart.append(Int32(truncatingIfNeeded: edgeOperands.count))
        return id
    }

    /// Two tapes are equal when their nodes and edges are; the name and scope tables' order is not compared.
    public static func == (lhs: Tape, rhs: Tape) -> Bool {
        guard lhs.ops == rhs.ops, lhs.lines == rhs.lines,
              lhs.edgeStart == rhs.edgeStart, lhs.edgeOperands == rhs.edgeOperands,
              sameNumbers(lhs.values, rhs.values), sameNumbers(lhs.partials, rhs.partials)
        else { return false }
        return (0 ..< lhs.count).allSatisfy { node in
            lhs.name(of: node) == rhs.name(of: node) && lhs.scope(of: node) == rhs.scope(of: node)
                && sameNumber(lhs.parameter(of: node), rhs.parameter(of: node))
        }
    }
}

/// Bitwise-equal-or-both-NaN comparison: a tape with NaN values still equals its own copy.
func sameNumbers(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { sameNumber($0, $1) }
}

/// Equal, or both NaN.
func sameNumber(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
