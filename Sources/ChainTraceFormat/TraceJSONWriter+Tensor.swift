import ChainTrace
import ChainTraceTensor
import ChainTraceText

extension TraceJSONWriter {
    /// The format version of tensor traces (``TensorTraceDocument``); scalar traces stay version 1.
    public static let tensorVersion = 2

    /// The trace JSON version 2 text of a tensor document, ending with a newline: deterministic
    /// bytes, one node and one step per line.
    ///
    /// A rank-0 node is written as in version 1 (numbers for `value` and `grad`), without `scope`,
    /// which tensor traces do not record; a tensor node adds `shape` and writes `value` and `grad`
    /// as flat row-major arrays. Each edge names its rule and its Jacobian's structure, and an edge
    /// between two rank-0 nodes also carries its local partial, as in version 1.
    public static func json(_ document: TensorTraceDocument) -> String {
        String(decoding: utf8(document), as: UTF8.self)
    }

    /// The version 2 JSON of a tensor document as UTF-8 bytes, ending with a newline.
    public static func utf8(_ document: TensorTraceDocument) -> [UInt8] {
        let collector = ByteCollector(reserving: TensorTraceJSON.estimatedSize(of: document))
        // The collector keeps what it is given: the output cannot fail.
        try? write(document, to: collector)
        return collector.bytes
    }

    /// Streams the version 2 JSON of a tensor document into `sink`, ending with a newline; throws what the sink throws.
    public static func write(_ document: TensorTraceDocument, to sink: any ByteSink) throws {
        let output = TraceJSONOutput(sink: sink)
        TensorTraceJSON(document: document, output: output).write()
        try output.finish()
    }
}

/// Trace JSON version 2 written straight into bytes, as version 1 is (``ScalarTraceJSON``): fixed
/// text copied in place, numbers through `NumberBytes`, and a tensor's elements written a block at
/// a time with room for the block, so that nothing is checked per element. A tensor trace has few
/// nodes and many elements: the elements are what costs.
///
/// The layout is that of every chaintrace JSON document: two-space indents, one node, step or sum
/// a line, `": "` after keys and `", "` between the members of a line.
struct TensorTraceJSON {
    let document: TensorTraceDocument
    let output: TraceJSONOutput

    /// Elements written per block of a tensor's array.
    private static let block = 1024
    /// Room for an element in a block: `", "` and a number.
    private static let elementRoom = 2 + NumberBytes.maximumCount
    /// Room for an integer and its separator.
    private static let integerRoom = 2 + 20

    /// About the size of a document's JSON: 20 bytes per element written (17 for a typical number
    /// and its separator) and 200 per node, step and sum.
    static func estimatedSize(of document: TensorTraceDocument) -> Int {
        let tape = document.tape
        let nodeElements = (0 ..< tape.count).reduce(0) { $0 + tape.shape(of: $1).count }
        guard let backward = document.backward else { return 256 + 200 * tape.count + 20 * nodeElements }
        // Each step writes its upstream (its consumer's gradient) and its contribution (its operand's size).
        let stepElements = backward.steps.reduce(0) { $0 + tape.shape(of: tape.consumer(of: $1)).count + tape.shape(of: tape.operand(of: $1)).count }
        return 256 + 400 * tape.count + 200 * backward.steps.count + 20 * (3 * nodeElements + stepElements)
    }

    func write() {
        let tape = document.tape
        output.line(room: 64 + 20) { out in
            out.put("{\n  \"format\": \"chaintrace-trace\",\n  \"version\": ")
            out.integer(TraceJSONWriter.tensorVersion)
            out.put(",\n  \"nodes\": [")
        }
        for node in 0 ..< tape.count {
            writeNode(node)
        }
        output.line(room: 32) { $0.put(tape.count > 0 ? "\n  ],\n  \"outputs\": " : "],\n  \"outputs\": ") }
        integers(document.outputs)
        if let backward = document.backward {
            writeBackward(backward)
        }
        output.line(room: 4) { $0.put("\n}\n") }
    }

    private func writeNode(_ node: TensorNodeID) {
        let tape = document.tape
        let op = tape.op(of: node)
        output.line(room: 32 + 20) { out in
            out.put(node == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
            out.integer(node)
            out.put(", \"op\": ")
        }
        output.string(op.name)
        switch op {
        case .unary(.powConstant):
            output.line(room: 16 + NumberBytes.maximumCount) { out in
                out.put(", \"exponent\": ")
                out.number(tape.parameter(of: node))
            }
        case .sum(let axis), .mean(let axis), .logsumexp(let axis):
            output.line(room: 16 + 20) { out in
                out.put(", \"axis\": ")
                if let axis { out.integer(axis) } else { out.put("null") }
            }
        case .index(let index):
            output.line(room: 16) { $0.put(", \"index\": ") }
            integers(index)
        default:
            break
        }
        output.line(room: 16) { $0.put(", \"name\": ") }
        if let name = tape.name(of: node) { output.string(name) } else { output.line(room: 4) { $0.put("null") } }
        let shape = tape.shape(of: node)
        if shape.rank > 0 {
            output.line(room: 16) { $0.put(", \"shape\": ") }
            integers(shape.dimensions)
        }
        output.line(room: 16) { $0.put(", \"value\": ") }
        tensor(tape.value(of: node))
        output.line(room: 16) { $0.put(", \"grad\": ") }
        if let backward = document.backward { tensor(backward.gradient(of: node)) } else { output.line(room: 4) { $0.put("null") } }
        output.line(room: 16) { $0.put(", \"inputs\": [") }
        for edge in tape.edges(of: node) {
            let rule = tape.rule(of: edge)
            output.line(room: 32 + 20) { out in
                out.put(edge == tape.edges(of: node).lowerBound ? "{\"node\": " : ", {\"node\": ")
                out.integer(tape.operand(of: edge))
                out.put(", \"rule\": ")
            }
            output.string(rule.id)
            output.line(room: 16) { $0.put(", \"jacobian\": ") }
            output.string(rule.kind.rawValue)
            partial(of: edge)
            output.line(room: 1) { $0.put("}") }
        }
        let line = tape.line(of: node)
        output.line(room: 16 + 20) { out in
            out.put("], \"line\": ")
            if line > 0 { out.integer(Int(line)) } else { out.put("null") }
            out.put("}")
        }
    }

    /// `, "partial": ` and the local partial of an edge between two rank-0 nodes; nothing for others.
    private func partial(of edge: Int) {
        guard let partial = document.tape.scalarPartial(of: edge) else { return }
        output.line(room: 16 + NumberBytes.maximumCount) { out in
            out.put(", \"partial\": ")
            out.number(partial)
        }
    }

    /// The `backward` member: `output`, the steps (each its edge's consumer, operand position,
    /// operand node, upstream, local partial when both ends are rank 0, and contribution) and the
    /// branch points' `sums`, each naming its steps in the order they arrived.
    private func writeBackward(_ backward: TensorBackward) {
        let tape = document.tape
        output.line(room: 64 + 20) { out in
            out.put(",\n  \"backward\": {\n    \"output\": ")
            out.integer(backward.output)
            out.put(",\n    \"steps\": [")
        }
        var stepOfEdge = [Int](repeating: -1, count: tape.edgeCount)
        for (index, edge) in backward.steps.enumerated() {
            stepOfEdge[edge] = index
            output.line(room: 64 + 3 * 20) { out in
                out.put(index == 0 ? "\n      {\"consumer\": " : ",\n      {\"consumer\": ")
                out.integer(tape.consumer(of: edge))
                out.put(", \"operand\": ")
                out.integer(tape.position(of: edge))
                out.put(", \"node\": ")
                out.integer(tape.operand(of: edge))
                out.put(", \"upstream\": ")
            }
            tensor(backward.upstream(of: edge, on: tape))
            partial(of: edge)
            guard let contribution = backward.contribution(of: edge) else {
                preconditionFailure("a step's edge has its contribution: the pass computed it")
            }
            output.line(room: 24) { $0.put(", \"contribution\": ") }
            tensor(contribution)
            output.line(room: 1) { $0.put("}") }
        }
        output.line(room: 32) { $0.put(backward.steps.isEmpty ? "],\n    \"sums\": [" : "\n    ],\n    \"sums\": [") }
        var first = true
        for (node, edges) in backward.arrivals(on: tape).enumerated() where !edges.isEmpty {
            output.line(room: 24 + 20) { out in
                out.put(first ? "\n      {\"node\": " : ",\n      {\"node\": ")
                out.integer(node)
                out.put(", \"steps\": ")
            }
            integers(edges.map { stepOfEdge[$0] })
            output.line(room: 16) { $0.put(", \"grad\": ") }
            tensor(backward.gradient(of: node))
            output.line(room: 1) { $0.put("}") }
            first = false
        }
        output.line(room: 16) { $0.put(first ? "]\n  }" : "\n    ]\n  }") }
    }

    /// A rank-0 tensor as a number, any other as its flat row-major elements, a block at a time.
    private func tensor(_ tensor: Tensor) {
        tensor.elements.withUnsafeBufferPointer { elements in
            if tensor.shape.rank == 0 {
                output.line(room: NumberBytes.maximumCount) { $0.number(elements[0]) }
                return
            }
            output.line(room: 1) { $0.put("[") }
            var start = 0
            while start < elements.count {
                let end = min(start + Self.block, elements.count)
                output.line(room: (end - start) * Self.elementRoom) { out in
                    for index in start ..< end {
                        if index > 0 { out.put(", ") }
                        out.number(elements[index])
                    }
                }
                start = end
            }
            output.line(room: 1) { $0.put("]") }
        }
    }

    /// Integers as a one-line array: `[1, 2]`.
    private func integers(_ values: [Int]) {
        output.line(room: 2 + values.count * Self.integerRoom) { out in
            out.put("[")
            for (index, value) in values.enumerated() {
                if index > 0 { out.put(", ") }
                out.integer(value)
            }
            out.put("]")
        }
    }
}

extension TensorTape {
    /// The local partial of an edge between two rank-0 nodes (its 1×1 Jacobian), which trace JSON
    /// writes as version 1 does; nil for an edge with a tensor at either end.
    func scalarPartial(of edge: Int) -> Double? {
        guard shape(of: consumer(of: edge)).rank == 0, shape(of: operand(of: edge)).rank == 0 else { return nil }
        return localJacobian(of: edge, limit: 1)?.entries[0]
    }
}
