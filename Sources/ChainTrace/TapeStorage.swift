import Synchronization

/// The node and edge columns of a ``Tape``: five buffers that grow together, written without a
/// check per column.
///
/// Recording appends one node and its edges per operation; with one array per column every append
/// paid its own uniqueness and capacity check (four to six per node). Here the tape checks once per
/// node (``Tape/reserveForAppend(edges:storageIsUnique:)``: unique, and room for one node and its edges) and then
/// writes the columns directly. The buffers are the tape's own: every index written is below the
/// capacities checked there, and every index read from outside is checked by the tape's accessors.
///
/// A tape is a value: copies share one storage until one of them appends, which copies it first
/// (copy on write, as arrays do). Only a uniquely referenced storage is ever written, which is what
/// makes the unchecked `Sendable` conformance sound. The tape keeps the buffers' pointers and counts
/// itself (``Columns``); this object owns the memory.
@usableFromInline
final class TapeStorage: @unchecked Sendable {
    /// The buffers and their capacities (the counts in use are the tape's, in its copy of ``Columns``).
    @usableFromInline private(set) var columns: Columns

    /// Empty storage with room for `nodes` nodes and `edges` edges.
    /// A storage that reserves room takes the spare buffers when they fit (``SpareBuffers``).
    @usableFromInline
    init(nodes: Int, edges: Int) {
        let nodes = Swift.max(nodes, 0), edges = Swift.max(edges, 0)
        if nodes > 0 || edges > 0, let spare = Self.spare.withLock({ $0.take((nodes: nodes, edges: edges)) }) {
            columns = spare.emptied
        } else {
            columns = Columns(nodes: nodes, edges: edges)
        }
    }

    deinit {
        Self.spare.withLock { $0.keep(columns) }?.deallocate()
    }

    /// The buffers of the last storage freed, for the next tape that reserves room (one set, shared
    /// by every thread, so behind a lock taken once per tape made or freed).
    private static let spare = Mutex(SpareBuffers<Columns>())

    /// A storage holding a copy of `columns`' contents, with room for at least `nodes` nodes and
    /// `edges` edges in all.
    @usableFromInline
    static func copy(of columns: Columns, nodes: Int, edges: Int) -> TapeStorage {
        let copy = TapeStorage(nodes: Swift.max(nodes, columns.nodeCount), edges: Swift.max(edges, columns.edgeCount))
        copy.columns.ops.update(from: columns.ops, count: columns.nodeCount)
        copy.columns.values.update(from: columns.values, count: columns.nodeCount)
        copy.columns.edgeStart.update(from: columns.edgeStart, count: columns.nodeCount + 1)
        copy.columns.operands.update(from: columns.operands, count: columns.edgeCount)
        copy.columns.partials.update(from: columns.partials, count: columns.edgeCount)
        return copy
    }

    /// Gives the columns room for `nodes` nodes and `edges` edges, keeping the first `columns.nodeCount`
    /// nodes and `columns.edgeCount` edges; returns the new columns with those counts. Only the tape
    /// that holds this storage uniquely calls it.
    ///
    /// One column at a time, each old buffer freed as soon as it is copied: growing all five at
    /// once would hold two copies of the whole tape at the peak (as much as 2× its resident memory).
    func grow(_ current: Columns, nodes: Int, edges: Int) -> Columns {
        var grown = current
        grown.nodeCapacity = Swift.max(nodes, current.nodeCount)
        grown.edgeCapacity = Swift.max(edges, current.edgeCount)
        if grown.nodeCapacity != current.nodeCapacity {
            grown.ops = Self.moved(current.ops, count: current.nodeCount, capacity: grown.nodeCapacity)
            grown.values = Self.moved(current.values, count: current.nodeCount, capacity: grown.nodeCapacity)
            grown.edgeStart = Self.moved(current.edgeStart, count: current.nodeCount + 1, capacity: grown.nodeCapacity + 1)
        }
        if grown.edgeCapacity != current.edgeCapacity {
            grown.operands = Self.moved(current.operands, count: current.edgeCount, capacity: grown.edgeCapacity)
            grown.partials = Self.moved(current.partials, count: current.edgeCount, capacity: grown.edgeCapacity)
        }
        columns = grown
        return grown
    }

    /// A new buffer of `capacity` holding the first `count` elements of `old`, which is freed.
    private static func moved<Element>(_ old: UnsafeMutablePointer<Element>, count: Int, capacity: Int) -> UnsafeMutablePointer<Element> {
        let new = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        new.update(from: old, count: count)
        old.deallocate()
        return new
    }

    /// Bytes per node and per edge across the columns (the extra edge start aside).
    static let bytesPerNode = MemoryLayout<Op>.stride + MemoryLayout<Double>.stride + MemoryLayout<Int32>.stride
    static let bytesPerEdge = MemoryLayout<Int32>.stride + MemoryLayout<Double>.stride
}

/// The columns' buffers with their counts and capacities, kept in the tape itself: reading and
/// writing them goes through plain pointers held by the tape, so recording a node neither loads
/// nor retains the storage object (which only owns the memory and answers the uniqueness check).
/// Sendable for the reason `TapeStorage` is: only a tape whose storage is unique writes through them.
@usableFromInline
struct Columns: @unchecked Sendable {
    @usableFromInline var nodeCount = 0
    @usableFromInline var edgeCount = 0
    @usableFromInline var nodeCapacity: Int
    @usableFromInline var edgeCapacity: Int
    /// Each node's operation.
    @usableFromInline var ops: UnsafeMutablePointer<Op>
    /// Each node's value.
    @usableFromInline var values: UnsafeMutablePointer<Double>
    /// The first edge of each node, and one more entry: node `n`'s edges are `edgeStart[n] ..< edgeStart[n + 1]`.
    @usableFromInline var edgeStart: UnsafeMutablePointer<Int32>
    /// Each edge's operand node.
    @usableFromInline var operands: UnsafeMutablePointer<Int32>
    /// Each edge's local partial ∂consumer/∂operand.
    @usableFromInline var partials: UnsafeMutablePointer<Double>

    @usableFromInline
    init(nodes: Int, edges: Int) {
        nodeCapacity = nodes
        edgeCapacity = edges
        ops = .allocate(capacity: nodes)
        values = .allocate(capacity: nodes)
        edgeStart = .allocate(capacity: nodes + 1)
        operands = .allocate(capacity: edges)
        partials = .allocate(capacity: edges)
        edgeStart[0] = 0
    }

    /// The same buffers holding no nodes and no edges, whatever the last tape left in them.
    var emptied: Columns {
        var empty = self
        empty.nodeCount = 0
        empty.edgeCount = 0
        empty.edgeStart[0] = 0
        return empty
    }

    /// Frees the buffers. Every column holds trivial types (a one-byte enum, numbers), so there is
    /// nothing to deinitialize.
    func deallocate() {
        ops.deallocate()
        values.deallocate()
        edgeStart.deallocate()
        operands.deallocate()
        partials.deallocate()
    }

    /// Whether two tapes' columns hold the same operations, edge starts and operands (values aside).
    func hasSameGraph(as other: Columns) -> Bool {
        nodeCount == other.nodeCount && edgeCount == other.edgeCount
            && UnsafeBufferPointer(start: ops, count: nodeCount).elementsEqual(UnsafeBufferPointer(start: other.ops, count: nodeCount))
            && UnsafeBufferPointer(start: edgeStart, count: nodeCount + 1).elementsEqual(UnsafeBufferPointer(start: other.edgeStart, count: nodeCount + 1))
            && UnsafeBufferPointer(start: operands, count: edgeCount).elementsEqual(UnsafeBufferPointer(start: other.operands, count: edgeCount))
    }

    /// Whether two tapes' columns hold the same graph, values and partials (NaN equal to NaN).
    func hasSameContents(as other: Columns) -> Bool {
        hasSameGraph(as: other)
            && sameNumbers(UnsafeBufferPointer(start: values, count: nodeCount), UnsafeBufferPointer(start: other.values, count: nodeCount))
            && sameNumbers(UnsafeBufferPointer(start: partials, count: edgeCount), UnsafeBufferPointer(start: other.partials, count: edgeCount))
    }
}

extension Columns: KeptBuffers {
    /// The bytes the buffers take at their capacities.
    var allocatedBytes: Int { Self.bytes(of: (nodes: nodeCapacity, edges: edgeCapacity)) }

    /// Whether the buffers have room for `room.nodes` nodes and `room.edges` edges.
    func holds(_ room: (nodes: Int, edges: Int)) -> Bool {
        room.nodes <= nodeCapacity && room.edges <= edgeCapacity
    }

    /// The bytes of `room.nodes` nodes and `room.edges` edges, with the edge starts' extra entry.
    static func bytes(of room: (nodes: Int, edges: Int)) -> Int {
        room.nodes * TapeStorage.bytesPerNode + room.edges * TapeStorage.bytesPerEdge + MemoryLayout<Int32>.stride
    }
}
