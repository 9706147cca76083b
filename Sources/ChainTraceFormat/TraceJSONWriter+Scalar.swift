import ChainTrace
import ChainTraceText

/// Trace JSON version 1 written straight into bytes: the fixed text of each line is constant, each
/// name, scope and operation is escaped once into ``TraceJSONFragments`` and copied per node, and
/// the tape is read in order (its nodes, then the backward steps, whose consumer changes once per
/// consumer rather than being searched per step). Each line is given room for its longest text, so
/// nothing is checked per piece. The node, step and sum lines are written in chunks of contiguous
/// items (``TraceJSONThreads``), on several threads for a large document; a chunk's lines depend on
/// its items alone.
///
/// The layout is that of every chaintrace JSON document: two-space indents, one node, step or sum
/// a line, `": "` after keys and `", "` between the members of a line.
struct ScalarTraceJSON: Sendable {
    private let document: TraceDocument
    private let threads: TraceJSONThreads
    private let names: TraceJSONFragments
    private let scopes: TraceJSONFragments
    private let ops: TraceJSONFragments
    /// Each operation's index in `ops`, by the operation's one-byte tag (``tag(_:)``): a hash per
    /// node cost more than the rest of its `op` member.
    private let opIndex: [Int]

    /// Room for a node line apart from its name, scope and edges: its fixed text (under 150 bytes),
    /// four numbers and two integers.
    private static let nodeRoom = 160 + 4 * NumberBytes.maximumCount + 2 * 20
    /// Room for one edge of a node line: `{"node": `, an id, `, "partial": `, a number, `}, `.
    private static let edgeRoom = 32 + 20 + NumberBytes.maximumCount
    /// Room for a step line: its fixed text (under 100 bytes), three ids and three numbers.
    private static let stepRoom = 100 + 3 * 20 + 3 * NumberBytes.maximumCount
    /// Room for a sum line apart from its steps (an id and a number), and per step.
    private static let sumRoom = 64 + 20 + NumberBytes.maximumCount
    private static let sumStepRoom = 2 + 20

    /// The estimates of ``estimatedSize(of:)``, a little over for typical numbers: fixed text of
    /// about 110 bytes a node, 45 an edge, 85 a step and 30 a sum; 17 per number and 6 per id.
    private static let nodeEstimate = 110 + 2 * 17 + 6
    private static let edgeEstimate = 45 + 17 + 6
    private static let stepEstimate = 85 + 3 * 17 + 3 * 6
    private static let sumEstimate = 30 + 17 + 6 + 6

    /// About the size of a document's JSON, a little over for typical numbers: the room a whole
    /// document in memory reserves.
    static func estimatedSize(of document: TraceDocument) -> Int {
        let tape = document.tape
        let steps = document.backward?.steps.count ?? 0
        return 256 + tape.count * nodeEstimate + tape.edgeCount * edgeEstimate + steps * stepEstimate
            + (document.backward == nil ? 0 : tape.count * sumEstimate)
    }

    /// Writes `document` into `output` as an open top-level object, its last member written;
    /// returns how many members it wrote (sections may follow).
    static func write(_ document: TraceDocument, to output: TraceJSONOutput, threads: TraceJSONThreads = .automatic) -> Int {
        ScalarTraceJSON(document, threads).write(to: output)
    }

    private init(_ document: TraceDocument, _ threads: TraceJSONThreads) {
        self.document = document
        self.threads = threads
        names = TraceJSONFragments(document.tape.names.map { name in { Escape.appendJSONString(name, to: $0) } })
        scopes = TraceJSONFragments(document.tape.scopes.map { scope in { buffer in
            buffer.append(UInt8(ascii: "["))
            for (index, name) in scope.enumerated() {
                if index > 0 { buffer.append(", ") }
                Escape.appendJSONString(name, to: buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        } })
        ops = TraceJSONFragments(Op.allCases.map { op in { Escape.appendJSONString(op.rawValue, to: $0) } })
        var opIndex = [Int](repeating: 0, count: 256)
        for (index, op) in Op.allCases.enumerated() { opIndex[Self.tag(op)] = index }
        self.opIndex = opIndex
    }

    /// The sum lines of the nodes in `nodes`: `arrivals[starts[node] ..< starts[node + 1]]` are
    /// the steps that reached `node`.
    private static func writeSums(_ nodes: Range<Int>, starts: UnsafeBufferPointer<Int>, arrivals: UnsafeBufferPointer<Int>, gradients: [Double], to output: TraceJSONOutput) {
        for node in nodes where starts[node + 1] > starts[node] {
            let steps = UnsafeBufferPointer(rebasing: arrivals[starts[node] ..< starts[node + 1]])
            output.line(room: sumRoom + steps.count * sumStepRoom) { out in
                // The first sum line is the first node with arrivals: none below it.
                out.put(starts[node] == 0 ? "\n      {\"node\": " : ",\n      {\"node\": ")
                out.integer(node)
                out.put(", \"steps\": [")
                for (offset, step) in steps.enumerated() {
                    if offset > 0 { out.put(", ") }
                    out.integer(step)
                }
                out.put("], \"grad\": ")
                out.number(gradients[node])
                out.put("}")
            }
        }
    }

    /// The byte that tells an operation from the others: `Op` has no payloads and fewer than 256
    /// cases, so it is one byte. The table is built from the tags of `Op.allCases`, so it holds
    /// whatever numbering the compiler chose.
    private static func tag(_ op: Op) -> Int {
        withUnsafeBytes(of: op) { Int($0[0]) }
    }

    private func write(to output: TraceJSONOutput) -> Int {
        let tape = document.tape
        output.line(room: 64 + 20) { out in
            out.put("{\n  \"format\": \"chaintrace-trace\",\n  \"version\": ")
            out.integer(TraceJSONWriter.version)
            out.put(",\n  \"nodes\": [")
        }
        writeNodes(to: output)
        output.line(room: 32) { $0.put(tape.count > 0 ? "\n  ],\n  \"outputs\": [" : "],\n  \"outputs\": [") }
        for (index, node) in document.outputs.enumerated() {
            output.line(room: 24) { out in
                if index > 0 { out.put(", ") }
                out.integer(node)
            }
        }
        output.line(room: 4) { $0.put("]") }
        guard let backward = document.backward else { return 4 }
        writeBackward(backward, to: output)
        return 5
    }

    /// The node lines, in chunks cut by their edges; each chunk starts the attribute walk at its
    /// first node (a copy of one walk taken through the nodes once).
    private func writeNodes(to output: TraceJSONOutput) {
        let tape = document.tape
        let chunks = threads.chunks(of: tape.count) { Self.nodeEstimate + tape.edges(of: $0).count * Self.edgeEstimate }
        var walk = tape.attributeWalk()
        var walks: [Tape.AttributeWalk] = []
        walks.reserveCapacity(chunks.count)
        for range in chunks {
            walks.append(walk)
            for _ in range { _ = walk.next() }
        }
        threads.write(chunks, to: output) { [self, walks] chunk, output in
            var walk = walks[chunk]
            for node in chunks[chunk] {
                writeNode(node, walk.next(), to: output)
            }
        }
    }

    private func writeNode(_ node: NodeID, _ attributes: (name: Int32?, scope: Int32, line: Int32), to output: TraceJSONOutput) {
        let tape = document.tape
        let op = tape.op(of: node)
        let edges = tape.edges(of: node)
        let name = attributes.name.map { names[Int($0)] }
        let scope = scopes[Int(attributes.scope)]
        let room = Self.nodeRoom + (name?.count ?? 0) + scope.count + edges.count * Self.edgeRoom
        output.line(room: room) { out in
            out.put(node == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
            out.integer(node)
            out.put(", \"op\": ")
            out.put(ops[opIndex[Self.tag(op)]])
            if op == .powConstant {
                out.put(", \"exponent\": ")
                out.number(tape.parameter(of: node))
            }
            out.put(", \"name\": ")
            if let name { out.put(name) } else { out.put("null") }
            out.put(", \"value\": ")
            out.number(tape.value(of: node))
            out.put(", \"grad\": ")
            if let backward = document.backward { out.number(backward.gradients[node]) } else { out.put("null") }
            out.put(", \"inputs\": [")
            for edge in edges {
                out.put(edge == edges.lowerBound ? "{\"node\": " : ", {\"node\": ")
                out.integer(tape.operand(of: edge))
                out.put(", \"partial\": ")
                out.number(tape.partial(of: edge))
                out.put("}")
            }
            out.put("], \"scope\": ")
            out.put(scope)
            out.put(", \"line\": ")
            if attributes.line > 0 { out.integer(Int(attributes.line)) } else { out.put("null") }
            out.put("}")
        }
    }

    /// The `backward` member: `output`, the steps (each its edge's consumer, operand position,
    /// operand node, upstream, local partial and contribution) and the branch points' `sums`.
    private func writeBackward(_ backward: Backward, to output: TraceJSONOutput) {
        output.line(room: 64 + 20) { out in
            out.put(",\n  \"backward\": {\n    \"output\": ")
            out.integer(backward.output)
            out.put(",\n    \"steps\": [")
        }
        let chunks = threads.chunks(of: backward.steps.count) { _ in Self.stepEstimate }
        threads.write(chunks, to: output) { [self] chunk, output in
            writeSteps(chunks[chunk], of: backward, to: output)
        }
        output.line(room: 32) { $0.put(backward.steps.isEmpty ? "],\n    \"sums\": [" : "\n    ],\n    \"sums\": [") }
        writeSums(backward, to: output)
        output.line(room: 16) { $0.put("\n  }") }
    }

    /// The lines of the steps in `range`.
    private func writeSteps(_ range: Range<Int>, of backward: Backward, to output: TraceJSONOutput) {
        let tape = document.tape
        // The pass multiplies a consumer's edges one after another: its range is found once, not per step.
        var consumer = 0
        var consumerEdges = 0 ..< 0
        for index in range {
            let edge = Int(backward.steps[index])
            if !consumerEdges.contains(edge) {
                consumer = Self.consumer(of: edge, below: consumer, on: tape)
                consumerEdges = tape.edges(of: consumer)
            }
            let upstream = backward.gradients[consumer]
            let partial = tape.partial(of: edge)
            output.line(room: Self.stepRoom) { out in
                out.put(index == 0 ? "\n      {\"consumer\": " : ",\n      {\"consumer\": ")
                out.integer(consumer)
                out.put(", \"operand\": ")
                out.integer(edge - consumerEdges.lowerBound)
                out.put(", \"node\": ")
                out.integer(tape.operand(of: edge))
                out.put(", \"upstream\": ")
                out.number(upstream)
                out.put(", \"partial\": ")
                out.number(partial)
                out.put(", \"contribution\": ")
                out.number(upstream * partial)
                out.put("}")
            }
        }
    }

    /// The consumer of `edge`. The pass goes down the nodes, so the next consumer is usually a few
    /// nodes below the last: those are tried before the binary search of `Tape.consumer(of:)`.
    private static func consumer(of edge: EdgeID, below previous: NodeID, on tape: Tape) -> NodeID {
        var node = previous - 1
        while node >= 0, node >= previous - 8 {
            let edges = tape.edges(of: node)
            if edges.contains(edge) { return node }
            // Nodes below own earlier edges only.
            if edges.upperBound <= edge { break }
            node -= 1
        }
        return tape.consumer(of: edge)
    }

    /// Each node that received a contribution, with the steps that sent them in the order they
    /// arrived and its gradient: the arrivals are grouped by node in one flat array, then the
    /// lines are written in chunks of nodes.
    private func writeSums(_ backward: Backward, to output: TraceJSONOutput) {
        let tape = document.tape
        // starts[node] counts the arrivals at the nodes below `node`.
        var starts = [Int](repeating: 0, count: tape.count + 1)
        for edge in backward.steps {
            starts[tape.operand(of: Int(edge)) + 1] += 1
        }
        for node in 0 ..< tape.count {
            starts[node + 1] += starts[node]
        }
        var filled = starts
        var arrivals = [Int](repeating: 0, count: backward.steps.count)
        for (index, edge) in backward.steps.enumerated() {
            let node = tape.operand(of: Int(edge))
            arrivals[filled[node]] = index
            filled[node] += 1
        }
        let chunks = threads.chunks(of: tape.count) { node in
            let count = starts[node + 1] - starts[node]
            return count == 0 ? 1 : Self.sumEstimate + count * 8
        }
        threads.write(chunks, to: output) { [starts, arrivals] chunk, output in
            // Read through buffer pointers: a slice of `arrivals` per node would retain the array,
            // an atomic operation on the one count every thread shares.
            starts.withUnsafeBufferPointer { starts in
                arrivals.withUnsafeBufferPointer { arrivals in
                    Self.writeSums(chunks[chunk], starts: starts, arrivals: arrivals, gradients: backward.gradients, to: output)
                }
            }
        }
        output.line(room: 8) { $0.put(backward.steps.isEmpty ? "]" : "\n    ]") }
    }
}

/// Byte strings made once and copied many times (a name, a scope, an operation, escaped), kept
/// in one allocation and read by index without reference counting. Never changed once made, so
/// the threads that format a document's chunks read it at once.
final class TraceJSONFragments: @unchecked Sendable {
    private let buffer: ByteBuffer
    // The buffer's bytes, taken once: reading them through the buffer's `count` would be an
    // exclusivity check per fragment.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let ends: [Int]

    /// The fragments each `make` writes into a buffer.
    init(_ makers: [(ByteBuffer) -> Void]) {
        let buffer = ByteBuffer()
        ends = makers.map { make in
            make(buffer)
            return buffer.count
        }
        self.buffer = buffer
        bytes = buffer.bytes
    }

    /// Fragment `index`.
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[start ..< ends[index]])
    }
}
