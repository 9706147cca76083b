import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import Foundation

/// What every target does with its bytes first, as the command-line tool does with a file.
enum FuzzInput {
    /// The program in `bytes` run to a trace document, or nil where the tool would report an error.
    static func program(_ bytes: UnsafeRawBufferPointer) -> TraceDocument? {
        guard TextLocation.utf8Problem(in: bytes) == nil else { return nil }
        guard let program = try? Program(source: String(decoding: bytes, as: UTF8.self), file: "fuzz.ct"),
              let run = try? program.run() else { return nil }
        var document = TraceDocument(tape: run.tape, outputs: [run.output], backward: nil)
        document.differentiate()
        return document
    }

    /// The trace JSON in `bytes` read back, or nil where the reader reports an error.
    static func trace(_ bytes: UnsafeRawBufferPointer) -> TraceDocument? {
        guard var document = try? TraceJSONReader.read(Data(bytes)) else { return nil }
        if document.backward == nil { document.differentiate() }
        return document
    }

    /// Stops the run with a message libFuzzer reports as a crash: an invariant the code promises broke.
    static func fail(_ message: String) -> Never {
        fatalError("fuzz invariant: \(message)")
    }

    /// Writes `document` and reads it back: whatever chaintrace writes, it must read, and writing
    /// the result again must give the same bytes.
    static func roundTrip(_ document: TraceDocument) {
        let json = TraceJSONWriter.json(document)
        let again: TraceDocument
        do {
            again = try TraceJSONReader.read(Data(json.utf8))
        } catch {
            fail("the reader refuses what the writer wrote: \(error)")
        }
        guard TraceJSONWriter.json(again) == json else { fail("writing a trace read back changes its bytes") }
    }
}
