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
        let collector = ByteCollector(reserving: ScalarTraceJSON.estimatedSize(of: document))
        // The collector keeps what it is given: the output cannot fail.
        try? write(document, to: collector)
        return collector.bytes
    }

    /// Streams the JSON of a document into `sink`, ending with a newline; throws what the sink throws.
    public static func write(_ document: TraceDocument, to sink: any ByteSink) throws {
        try write(document, sections: nil, to: sink)
    }

    /// Streams a version 1 document into `sink` with the members of `sections` after its own, and
    /// ends it: closes the top-level object and the last line, the one ending of every version 1
    /// document, with sections or without.
    static func write(_ document: TraceDocument, sections: TraceSections?, to sink: any ByteSink) throws {
        let output = TraceJSONOutput(sink: sink)
        let members = ScalarTraceJSON.write(document, to: output)
        if let sections {
            // The sections continue the open top-level object (its layout and member count): the
            // ending below closes it, not the sections' writer.
            var json = JSONWriter(sink: output, inside: .lines(indent: "  ", closing: ""), members: members)
            write(sections, to: &json)
            try json.flush()
        }
        output.line(room: 4) { $0.put("\n}\n") }
        try output.finish()
    }

    /// A version 2 document's bytes from `members`, which writes into the open top-level object.
    static func whole(_ members: (inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter()
        members(&json)
        json.end()
        json.endLine()
        return json.bytes
    }

    /// Streams a version 2 document from `members` into `sink`.
    static func stream(to sink: any ByteSink, _ members: (inout JSONWriter) -> Void) throws {
        var json = JSONWriter(sink: sink)
        members(&json)
        json.end()
        json.endLine()
        try json.flush()
    }

    /// Opens the top-level object of a version 2 document: `format`, `version`, the nodes one a line (each
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

    /// The `backward` object of a version 2 document: `output`; the steps one a line, each its edge's
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
}
