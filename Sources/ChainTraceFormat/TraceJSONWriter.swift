import ChainTrace
import ChainTraceText

/// Writes trace JSON version 1: deterministic bytes, one node and one step per line.
///
/// Numbers are written in their shortest exact form; non-finite numbers, which JSON lacks,
/// are the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
public enum TraceJSONWriter {
    /// The value of the top-level `format` key.
    public static let formatName = "chaintrace-trace"
    /// The format version this writer produces.
    public static let version = 1

    /// The JSON text of a document, ending with a newline.
    public static func json(_ document: TraceDocument) -> String {
        var json = JSONWriter()
        write(document, to: &json)
        json.end()
        return json.text + "\n"
    }

    /// Opens the top-level object and writes the document's members, leaving the object open for sections.
    static func write(_ document: TraceDocument, to json: inout JSONWriter) {
        let tape = document.tape
        writeHead(version: version, nodes: tape.count, outputs: document.outputs, to: &json) { json, node in
            writeNode(node, of: document, to: &json)
        }
        if let backward = document.backward {
            json.key("backward")
            write(backward, tape: tape, to: &json)
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

    private static func write(_ backward: Backward, tape: Tape, to json: inout JSONWriter) {
        json.beginObject(.lines(indent: "    ", closing: "  "))
        json.key("output")
        json.integer(backward.output)
        json.key("steps")
        var stepOfEdge = [Int](repeating: -1, count: tape.edgeCount)
        json.array(backward.steps.enumerated(), .lines(indent: "      ", closing: "    ")) { json, entry in
            let edge = Int(entry.element)
            let consumer = tape.consumer(of: edge)
            stepOfEdge[edge] = entry.offset
            json.beginObject()
            json.key("consumer")
            json.integer(consumer)
            json.key("operand")
            json.integer(tape.position(of: edge))
            json.key("node")
            json.integer(tape.operand(of: edge))
            json.key("upstream")
            json.number(backward.upstream(of: edge, on: tape))
            json.key("partial")
            json.number(tape.partial(of: edge))
            json.key("contribution")
            json.number(backward.contribution(of: edge, on: tape))
            json.end()
        }
        json.key("sums")
        let sums = backward.arrivals(on: tape).enumerated().filter { !$0.element.isEmpty }
        json.array(sums, .lines(indent: "      ", closing: "    ")) { json, sum in
            json.beginObject()
            json.key("node")
            json.integer(sum.offset)
            json.key("steps")
            json.array(sum.element) { $0.integer(stepOfEdge[$1]) }
            json.key("grad")
            json.number(backward.gradients[sum.offset])
            json.end()
        }
        json.end()
    }
}
