import ChainTrace
import ChainTraceText

/// Writes trace JSON version 1: deterministic bytes, one node and one step per line.
///
/// Numbers are written in their shortest exact form; non-finite numbers, which JSON lacks,
/// are the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
///
/// Each document comes three ways, all the same bytes: streamed into a `ByteSink` a buffer at a
/// time (`write(_:to:)`, for files: memory stays one buffer whatever the size), or whole, as UTF-8
/// bytes (`utf8(_:)`) or as a `String` (`json(_:)`), for small documents.
public enum TraceJSONWriter {
    /// The value of the top-level `format` key.
    public static let formatName = "chaintrace-trace"
    /// The format version this writer produces.
    public static let version = 1

    /// The JSON text of a document, ending with a newline.
    public static func json(_ document: TraceDocument) -> String {
        String(decoding: utf8(document), as: UTF8.self)
    }

    /// The JSON of a document as UTF-8 bytes, ending with a newline.
    public static func utf8(_ document: TraceDocument) -> [UInt8] {
        whole { write(document, to: &$0) }
    }

    /// Streams the JSON of a document into `sink`, ending with a newline; throws what the sink throws.
    public static func write(_ document: TraceDocument, to sink: any ByteSink) throws {
        try stream(to: sink) { write(document, to: &$0) }
    }

    /// A document's bytes from `members`, which writes into the open top-level object.
    static func whole(_ members: (inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter()
        close(&json, members)
        return json.bytes
    }

    /// Streams a document from `members` into `sink`.
    static func stream(to sink: any ByteSink, _ members: (inout JSONWriter) -> Void) throws {
        var json = JSONWriter(sink: sink)
        close(&json, members)
        try json.flush()
    }

    private static func close(_ json: inout JSONWriter, _ members: (inout JSONWriter) -> Void) {
        members(&json)
        json.end()
        json.endLine()
    }

    /// Opens the top-level object and writes the document's members, leaving the object open for sections.
    static func write(_ document: TraceDocument, to json: inout JSONWriter) {
        let tape = document.tape
        writeHead(version: version, nodes: tape.count, outputs: document.outputs, to: &json) { json, node in
            writeNode(node, of: document, to: &json)
        }
        guard let backward = document.backward else { return }
        json.key("backward")
        let ends = { (edge: Int) in (tape.consumer(of: edge), tape.position(of: edge), tape.operand(of: edge)) }
        writeBackward(output: backward.output, steps: backward.steps, arrivals: backward.arrivals(on: tape), edges: tape.edgeCount, ends: ends, to: &json) { json, edge in
            json.key("upstream")
            json.number(backward.upstream(of: edge, on: tape))
            json.key("partial")
            json.number(tape.partial(of: edge))
            json.key("contribution")
            json.number(backward.contribution(of: edge, on: tape))
        } gradient: { json, node in
            json.number(backward.gradients[node])
        }
    }

    /// Opens the top-level object of either version: `format`, `version`, the nodes one a line (each
    /// written by `node`) and `outputs`, leaving the object open for `backward` and sections.
    static func writeHead(version: Int, nodes count: Int, outputs: [Int], to json: inout JSONWriter, node: (inout JSONWriter, Int) -> Void) {
        json.beginObject(.lines(indent: "  ", closing: ""))
        json.key("format")
        json.string(formatName)
        json.key("version")
        json.integer(version)
        json.key("nodes")
        json.array(0 ..< count, .lines(indent: "    ", closing: "  "), node)
        json.key("outputs")
        json.array(outputs) { $0.integer($1) }
    }

    /// The `backward` object of either version: `output`; the steps one a line, each its edge's
    /// `consumer`, `operand` (the operand's position) and `node` (from `ends`), then the members
    /// `step` writes; and the branch points' `sums`, each naming its steps, with the gradient
    /// `gradient` writes for its node.
    static func writeBackward<Steps: Sequence>(
        output: Int, steps: Steps, arrivals: [[Int]], edges edgeCount: Int,
        ends: (Int) -> (consumer: Int, position: Int, operand: Int), to json: inout JSONWriter,
        step: (inout JSONWriter, Int) -> Void, gradient: (inout JSONWriter, Int) -> Void
    ) where Steps.Element: BinaryInteger {
        json.beginObject(.lines(indent: "    ", closing: "  "))
        json.key("output")
        json.integer(output)
        json.key("steps")
        var stepOfEdge = [Int](repeating: -1, count: edgeCount)
        json.array(steps.enumerated(), .lines(indent: "      ", closing: "    ")) { json, entry in
            let edge = Int(entry.element)
            stepOfEdge[edge] = entry.offset
            let (consumer, position, operand) = ends(edge)
            json.beginObject()
            json.key("consumer")
            json.integer(consumer)
            json.key("operand")
            json.integer(position)
            json.key("node")
            json.integer(operand)
            step(&json, edge)
            json.end()
        }
        json.key("sums")
        let sums = arrivals.enumerated().filter { !$0.element.isEmpty }
        json.array(sums, .lines(indent: "      ", closing: "    ")) { json, sum in
            json.beginObject()
            json.key("node")
            json.integer(sum.offset)
            json.key("steps")
            json.array(sum.element) { $0.integer(stepOfEdge[$1]) }
            json.key("grad")
            gradient(&json, sum.offset)
            json.end()
        }
        json.end()
    }

    private static func writeNode(_ node: NodeID, of document: TraceDocument, to json: inout JSONWriter) {
        let tape = document.tape
        json.beginObject()
        json.key("id")
        json.integer(node)
        json.key("op")
        json.string(tape.op(of: node).rawValue)
        if tape.op(of: node) == .powConstant {
            json.key("exponent")
            json.number(tape.parameter(of: node))
        }
        json.key("name")
        json.string(tape.name(of: node))
        json.key("value")
        json.number(tape.value(of: node))
        json.key("grad")
        if let backward = document.backward { json.number(backward.gradients[node]) } else { json.null() }
        json.key("inputs")
        json.array(tape.edges(of: node)) { json, edge in
            json.beginObject()
            json.key("node")
            json.integer(tape.operand(of: edge))
            json.key("partial")
            json.number(tape.partial(of: edge))
            json.end()
        }
        json.key("scope")
        json.array(tape.scope(of: node)) { $0.string($1) }
        json.key("line")
        if tape.line(of: node) > 0 { json.integer(tape.line(of: node)) } else { json.null() }
        json.end()
    }
}
