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
        whole { write(document, to: &$0) }
    }

    /// Streams the version 2 JSON of a tensor document into `sink`, ending with a newline; throws what the sink throws.
    public static func write(_ document: TensorTraceDocument, to sink: any ByteSink) throws {
        try stream(to: sink) { write(document, to: &$0) }
    }

    private static func write(_ document: TensorTraceDocument, to json: inout JSONWriter) {
        let tape = document.tape
        writeHead(version: tensorVersion, nodes: tape.count, outputs: document.outputs, to: &json) { json, node in
            writeNode(node, of: document, to: &json)
        }
        guard let backward = document.backward else { return }
        json.key("backward")
        let ends = { (edge: Int) in (tape.consumer(of: edge), tape.position(of: edge), tape.operand(of: edge)) }
        writeBackward(output: backward.output, steps: backward.steps, arrivals: backward.arrivals(on: tape), edges: tape.edgeCount, ends: ends, to: &json) { json, edge in
            json.key("upstream")
            write(backward.upstream(of: edge, on: tape), to: &json)
            if let partial = tape.scalarPartial(of: edge) {
                json.key("partial")
                json.number(partial)
            }
            guard let contribution = backward.contribution(of: edge) else {
                preconditionFailure("a step's edge has its contribution: the pass computed it")
            }
            json.key("contribution")
            write(contribution, to: &json)
        } gradient: { json, node in
            write(backward.gradient(of: node), to: &json)
        }
    }

    private static func writeNode(_ node: TensorNodeID, of document: TensorTraceDocument, to json: inout JSONWriter) {
        let tape = document.tape
        let op = tape.op(of: node)
        json.beginObject()
        json.key("id")
        json.integer(node)
        json.key("op")
        json.string(op.name)
        switch op {
        case .unary(.powConstant):
            json.key("exponent")
            json.number(tape.parameter(of: node))
        case .sum(let axis), .mean(let axis), .logsumexp(let axis):
            json.key("axis")
            if let axis { json.integer(axis) } else { json.null() }
        case .index(let index):
            json.key("index")
            json.array(index) { $0.integer($1) }
        default:
            break
        }
        json.key("name")
        json.string(tape.name(of: node))
        let shape = tape.shape(of: node)
        if shape.rank > 0 {
            json.key("shape")
            json.array(shape.dimensions) { $0.integer($1) }
        }
        json.key("value")
        write(tape.value(of: node), to: &json)
        json.key("grad")
        if let backward = document.backward { write(backward.gradient(of: node), to: &json) } else { json.null() }
        json.key("inputs")
        json.array(tape.edges(of: node)) { json, edge in
            let rule = tape.rule(of: edge)
            json.beginObject()
            json.key("node")
            json.integer(tape.operand(of: edge))
            json.key("rule")
            json.string(rule.id)
            json.key("jacobian")
            json.string(rule.kind.rawValue)
            if let partial = tape.scalarPartial(of: edge) {
                json.key("partial")
                json.number(partial)
            }
            json.end()
        }
        json.key("line")
        let line = tape.line(of: node)
        if line > 0 { json.integer(line) } else { json.null() }
        json.end()
    }

    /// A rank-0 tensor as a number, any other as its flat row-major elements.
    private static func write(_ tensor: Tensor, to json: inout JSONWriter) {
        if tensor.shape.rank == 0 {
            json.number(tensor.elements[0])
        } else {
            json.array(tensor.elements) { $0.number($1) }
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
