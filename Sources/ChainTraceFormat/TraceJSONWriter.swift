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
        utf8(document, threads: .automatic)
    }

    /// ``utf8(_:)-(TraceDocument)`` with the node, step and sum lines formatted as `threads` says
    /// (the same bytes for every setting).
    package static func utf8(_ document: TraceDocument, threads: TraceJSONThreads) -> [UInt8] {
        let collector = ByteCollector(reserving: ScalarTraceJSON.estimatedSize(of: document))
        // The collector keeps what it is given: the output cannot fail.
        try? write(document, to: collector, threads: threads)
        return collector.bytes
    }

    /// Streams the JSON of a document into `sink`, ending with a newline; throws what the sink throws.
    ///
    /// A large document's lines are formatted on every core, a chunk of about 128 KiB per thread,
    /// and handed to `sink` in order: at most two chunks per processor and one buffer are held at
    /// once, never the document.
    public static func write(_ document: TraceDocument, to sink: any ByteSink) throws {
        try write(document, sections: nil, to: sink, threads: .automatic)
    }

    /// ``write(_:to:)-(TraceDocument,_)`` with the lines formatted as `threads` says.
    package static func write(_ document: TraceDocument, to sink: any ByteSink, threads: TraceJSONThreads) throws {
        try write(document, sections: nil, to: sink, threads: threads)
    }

    /// Streams a version 1 document into `sink` with the members of `sections` after its own, and
    /// ends it: closes the top-level object and the last line, the one ending of every version 1
    /// document, with sections or without.
    static func write(_ document: TraceDocument, sections: TraceSections?, to sink: any ByteSink, threads: TraceJSONThreads = .automatic) throws {
        let output = TraceJSONOutput(sink: sink)
        let members = ScalarTraceJSON.write(document, to: output, threads: threads)
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
}
