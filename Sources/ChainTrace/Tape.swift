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
/// Storage is a structure of columns with 32-bit ids (`TapeStorage`), about 37 bytes per node of a typical program
/// (an operation, a value, an edge start and two edges of an operand id and a partial): names are
/// interned and kept only for the nodes that have one, scopes and lines are stored as runs of
/// consecutive nodes, the consumer of an edge is derived from ``edges(of:)``'s starts rather than
/// stored, and constant parameters (only `powc` has one) live in a side table. Recording a node
/// checks once that the storage is unique and has room, then writes its columns unchecked.
public struct Tape: Sendable, Equatable {
    /// The node and edge columns: operation, value, edge start per node; operand id and partial per edge.
    @usableFromInline var storage: TapeStorage
    /// The storage's buffers and the counts in use (the one place the counts live).
    @usableFromInline var columns: Columns
    /// The nodes whose constant parameter is not 0 (the exponent of ``Op/powConstant``).
    private var parameters: [Int32: Double] = [:]
    /// The named nodes' names, as indices into `nameTable`.
    var nameIndices: [Int32: Int32] = [:]
    var nameTable: [String] = []
    private var nameLookup: [String: Int32] = [:]
    /// Each node's scope, as an index into `scopes`.
    @usableFromInline var scopeIndices = Runs()
    /// Each node's source line (1-based), or 0 when unknown.
    @usableFromInline var lines = Runs()
    /// The scope and line of the last node appended (``runKey(scope:line:)``): a node in the same
    /// scope on the same line, the common case, extends both runs after one comparison, with no
    /// load from the runs' arrays. It starts at scope −1, which no node has (scopes are indices).
    @usableFromInline var lastRunKey = Tape.runKey(scope: -1, line: 0)
    /// The distinct scopes, each a path of group names from the outermost; index 0 is the root `[]`.
    package private(set) var scopes: [[String]] = [[]]
    private var scopeLookup: [[String]: Int32] = [[]: 0]

    /// An empty tape.
    public init() {
        storage = TapeStorage(nodes: 0, edges: 0)
        columns = storage.columns
    }

    /// An empty tape with room for `nodes` nodes and `edges` edges, so recording does not regrow its columns.
    public init(reservingNodes nodes: Int, edges: Int) {
        storage = TapeStorage(nodes: nodes, edges: edges)
        columns = storage.columns
    }

    /// Makes room for `nodes` more nodes and `edges` more edges.
    public mutating func reserveCapacity(nodes: Int, edges: Int) {
        let n = count + Swift.max(nodes, 0), e = edgeCount + Swift.max(edges, 0)
        if !isKnownUniquelyReferenced(&storage) {
            replaceStorage(nodes: n, edges: e)
        } else if n > columns.nodeCapacity || e > columns.edgeCapacity {
            columns = storage.grow(columns, nodes: Swift.max(n, columns.nodeCapacity), edges: Swift.max(e, columns.edgeCapacity))
        }
    }

    /// The number of nodes.
    @inlinable public var count: Int { columns.nodeCount }

    /// The number of edges.
    @inlinable public var edgeCount: Int { columns.edgeCount }

    /// Each node's operation, in node order (a copy: read one node with ``op(of:)``).
    package var ops: [Op] { Array(UnsafeBufferPointer(start: columns.ops, count: count)) }

    /// Each node's value, in node order (a copy: read one node with ``value(of:)``).
    package var values: [Double] { Array(UnsafeBufferPointer(start: columns.values, count: count)) }

    /// The bytes the node and edge columns take: used (count × stride) and allocated (capacity ×
    /// stride, of which pages never written are not resident). Names, scopes and lines are not counted.
    public var columnBytes: (used: Int, allocated: Int) {
        (Columns.bytes(of: (nodes: count, edges: edgeCount)), columns.allocatedBytes)
    }

    /// A node's operation.
    @inlinable public func op(of node: NodeID) -> Op {
        checkNode(node)
        return columns.ops[node]
    }

    /// A node's value, computed in the forward pass.
    @inlinable public func value(of node: NodeID) -> Double {
        checkNode(node)
        return columns.values[node]
    }

    /// A node's constant parameter: the exponent of ``Op/powConstant``, 0 for every other operation.
    public func parameter(of node: NodeID) -> Double { parameters[Int32(truncatingIfNeeded: node)] ?? 0 }

    /// A node's name, if it has one.
    public func name(of node: NodeID) -> String? {
        checkNode(node)
        return nameIndices[Int32(truncatingIfNeeded: node)].map { nameTable[Int($0)] }
    }

    /// A node's source line (1-based), or 0 when unknown.
    public func line(of node: NodeID) -> Int32 {
        checkNode(node)
        return lines[node]
    }

    /// A node's scope path.
    public func scope(of node: NodeID) -> [String] { scopes[Int(scopeIndex(of: node))] }

    /// The edges of a node's operands, in operand order.
    @inlinable public func edges(of node: NodeID) -> Range<EdgeID> {
        checkNode(node)
        return Int(columns.edgeStart[node]) ..< Int(columns.edgeStart[node + 1])
    }

    /// A node's operand node ids, in operand order.
    public func inputs(of node: NodeID) -> [NodeID] { edges(of: node).map(operand(of:)) }

    /// The operand an edge carries into its consumer.
    @inlinable public func operand(of edge: EdgeID) -> NodeID {
        checkEdge(edge)
        return Int(columns.operands[edge])
    }

    /// The node that consumed an edge's operand: the node whose ``edges(of:)`` contain it.
    ///
    /// Found by binary search over the nodes' first edges (not stored: it is derivable).
    public func consumer(of edge: EdgeID) -> NodeID {
        checkEdge(edge)
        // The first node whose edges start after `edge`, less one: leaves (no edges) share their
        // start with the next node, and are skipped by taking the last node starting at or before it.
        var low = 0, high = count
        let target = Int32(truncatingIfNeeded: edge)
        while low < high {
            let middle = (low + high) / 2
            if columns.edgeStart[middle + 1] <= target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// An edge's place among its consumer's operands: 0 for the first (`a`), 1 for the second (`b`).
    public func position(of edge: EdgeID) -> Int { edge - Int(columns.edgeStart[consumer(of: edge)]) }

    /// An edge's local partial ∂consumer/∂operand.
    @inlinable public func partial(of edge: EdgeID) -> Double {
        checkEdge(edge)
        return columns.partials[edge]
    }

    /// Stops with a message when `node` is not on the tape: the columns are raw buffers, so every
    /// read from outside is checked here.
    @inlinable func checkNode(_ node: NodeID) {
        precondition(node >= 0 && node < count, "node \(node) is not on this tape (\(count) nodes)")
    }

    /// Stops with a message when `edge` is not on the tape.
    @inlinable func checkEdge(_ edge: EdgeID) {
        precondition(edge >= 0 && edge < edgeCount, "edge \(edge) is not on this tape (\(edgeCount) edges)")
    }

    /// The number of distinct scopes (the root `[]` included); scope indices run below it.
    package var scopeCount: Int { scopes.count }

    /// Whether the two tapes record the same operations on the same operands (values aside).
    package func hasSameGraph(as other: Tape) -> Bool {
        columns.hasSameGraph(as: other.columns)
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
        checkNode(node)
        return scopeIndices[node]
    }

    /// Records a leaf and returns its id.
    @inlinable @discardableResult
    package mutating func appendLeaf(_ op: Op, value: Double, name: String? = nil, scope: Int32 = 0, line: Int32 = 0, storageIsUnique: Bool = false) -> NodeID {
        precondition(op.isLeaf, "appendLeaf takes .input or .constant, not \(op)")
        reserveForAppend(edges: 0, storageIsUnique: storageIsUnique)
        return appendNode(op, value: value, parameter: 0, name: name, scope: scope, line: line)
    }

    /// Records a one-operand primitive applied to `a`, computing its value and local partial.
    @inlinable @discardableResult
    package mutating func appendUnary(_ op: UnaryOp, _ a: NodeID, parameter: Double = 0, name: String? = nil, scope: Int32 = 0, line: Int32 = 0, storageIsUnique: Bool = false) -> NodeID {
        checkNode(a)
        reserveForAppend(edges: 1, storageIsUnique: storageIsUnique)
        let result = op.evaluate(columns.values[a], parameter)
        appendEdge(operand: a, partial: result.partial)
        return appendNode(Op(op), value: result.value, parameter: parameter, name: name, scope: scope, line: line)
    }

    /// Records a two-operand primitive applied to `a` and `b`, computing its value and local partials.
    @inlinable @discardableResult
    package mutating func appendBinary(_ op: BinaryOp, _ a: NodeID, _ b: NodeID, name: String? = nil, scope: Int32 = 0, line: Int32 = 0, storageIsUnique: Bool = false) -> NodeID {
        precondition(a >= 0 && a < count && b >= 0 && b < count, "operands \(a), \(b) are not both on this tape (\(count) nodes)")
        reserveForAppend(edges: 2, storageIsUnique: storageIsUnique)
        let result = op.evaluate(columns.values[a], columns.values[b])
        appendEdges(a, result.partials.0, b, result.partials.1)
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
        reserveForAppend(edges: inputs.count)
        for input in inputs {
            appendEdge(operand: input.node, partial: input.partial)
        }
        return appendNode(op, value: value, parameter: parameter, name: name, scope: internScope(scope), line: line)
    }

    /// Gives a node a name (or removes it with nil).
    package mutating func setName(_ name: String?, of node: NodeID) {
        checkNode(node)
        nameIndices[Int32(truncatingIfNeeded: node)] = name.map { internName($0) }
    }

    /// Names the node being appended (not yet counted, so not checked).
    @usableFromInline
    mutating func storeName(_ name: String, of node: NodeID) {
        nameIndices[Int32(truncatingIfNeeded: node)] = internName(name)
    }

    private mutating func internName(_ name: String) -> Int32 {
        if let index = nameLookup[name] { return index }
        let index = Int32(nameTable.count)
        nameTable.append(name)
        nameLookup[name] = index
        return index
    }

    /// Makes sure the storage is this tape's alone and has room for one more node and `edges` more
    /// edges: the one check per recorded node, after which the columns are written without checks.
    /// `storageIsUnique` is the caller's word that no copy of this tape shares its storage (a
    /// ``Trace`` that has appended since it last handed its tape out), which skips the runtime's
    /// uniqueness check; without it the storage is checked.
    @inlinable @inline(__always)
    mutating func reserveForAppend(edges: Int, storageIsUnique: Bool = false) {
        if _fastPath((storageIsUnique || isKnownUniquelyReferenced(&storage)) && columns.nodeCount < columns.nodeCapacity
            && edges <= columns.edgeCapacity - columns.edgeCount) { return }
        grow(edges: edges)
    }

    /// Gives the storage room to spare (doubled where full, as an array grows), copying it first when shared.
    @usableFromInline @inline(never)
    mutating func grow(edges: Int) {
        // Ids and edge starts are 32-bit: a tape stops (rather than wrapping) at 2³¹ − 1 nodes or edges.
        precondition(count < Int(Int32.max) && edgeCount + edges < Int(Int32.max), "a tape holds at most \(Int32.max) nodes and edges")
        let nodes = count < columns.nodeCapacity ? columns.nodeCapacity : Swift.max(16, columns.nodeCapacity * 2)
        let neededEdges = edgeCount + edges
        let edgeRoom = neededEdges <= columns.edgeCapacity ? columns.edgeCapacity : Swift.max(32, columns.edgeCapacity * 2, neededEdges)
        if isKnownUniquelyReferenced(&storage) {
            columns = storage.grow(columns, nodes: nodes, edges: edgeRoom)
        } else {
            replaceStorage(nodes: nodes, edges: edgeRoom)
        }
    }

    /// Moves the columns into a new storage of this tape's own, with the given room.
    mutating func replaceStorage(nodes: Int, edges: Int) {
        let counts = (columns.nodeCount, columns.edgeCount)
        storage = TapeStorage.copy(of: columns, nodes: nodes, edges: edges)
        columns = storage.columns
        (columns.nodeCount, columns.edgeCount) = counts
    }

    /// Writes one edge; ``reserveForAppend(edges:storageIsUnique:)`` made room for it, so the counts
    /// (below the capacities, at most 2³¹) cannot overflow: they are incremented unchecked here and below.
    @inlinable @inline(__always)
    mutating func appendEdge(operand: NodeID, partial: Double) {
        let edge = columns.edgeCount
        // Clamping keeps an out-of-range id out of range, so validate() still reports it.
        columns.operands[edge] = Int32(clamping: operand)
        columns.partials[edge] = partial
        columns.edgeCount = edge &+ 1
    }

    /// Writes a binary node's two edges; ``reserveForAppend(edges:storageIsUnique:)`` made room for them.
    @inlinable @inline(__always)
    mutating func appendEdges(_ a: NodeID, _ partialA: Double, _ b: NodeID, _ partialB: Double) {
        let edge = columns.edgeCount
        // Operands of a recorded operation are checked node ids: they fit in 32 bits.
        columns.operands[edge] = Int32(truncatingIfNeeded: a)
        columns.partials[edge] = partialA
        columns.operands[edge &+ 1] = Int32(truncatingIfNeeded: b)
        columns.partials[edge &+ 1] = partialB
        columns.edgeCount = edge &+ 2
    }

    /// Writes one node after its edges; ``reserveForAppend(edges:storageIsUnique:)`` made room for it.
    @inlinable @inline(__always)
    mutating func appendNode(_ op: Op, value: Double, parameter: Double, name: String?, scope: Int32, line: Int32) -> NodeID {
        let id = columns.nodeCount
        // Stored by bit pattern, so −0 and NaN exponents survive; +0 is the default and not stored.
        if parameter.bitPattern != 0 { setParameter(parameter, of: id) }
        if let name { storeName(name, of: id) }
        columns.ops[id] = op
        columns.values[id] = value
        columns.edgeStart[id &+ 1] = Int32(truncatingIfNeeded: columns.edgeCount)
        columns.nodeCount = id &+ 1
        let key = Self.runKey(scope: scope, line: line)
        if key != lastRunKey { startRuns(scope: scope, line: line, key: key, at: id) }
        return id
    }

    /// Both runs' values for `node`, the first whose scope or line differs from the last node's.
    @usableFromInline @inline(never)
    mutating func startRuns(scope: Int32, line: Int32, key: UInt64, at node: NodeID) {
        scopeIndices.append(scope, for: node)
        lines.append(line, for: node)
        lastRunKey = key
    }

    /// A node's scope and line in one number, compared once per node.
    @inlinable @inline(__always)
    static func runKey(scope: Int32, line: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: scope)) << 32 | UInt64(UInt32(bitPattern: line))
    }

    @usableFromInline
    mutating func setParameter(_ parameter: Double, of node: NodeID) {
        parameters[Int32(truncatingIfNeeded: node)] = parameter
    }

    /// Two tapes are equal when their nodes and edges are; the name and scope tables' order is not compared.
    public static func == (lhs: Tape, rhs: Tape) -> Bool {
        guard lhs.lines == rhs.lines, lhs.columns.hasSameContents(as: rhs.columns) else { return false }
        return (0 ..< lhs.count).allSatisfy { node in
            lhs.name(of: node) == rhs.name(of: node) && lhs.scope(of: node) == rhs.scope(of: node)
                && sameNumber(lhs.parameter(of: node), rhs.parameter(of: node))
        }
    }
}

/// Bitwise-equal-or-both-NaN comparison: a tape with NaN values still equals its own copy.
func sameNumbers<Numbers: Collection<Double>>(_ a: Numbers, _ b: Numbers) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { sameNumber($0, $1) }
}

/// Equal, or both NaN.
func sameNumber(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
