import ChainTrace
import ChainTraceFormat
import ChainTraceText
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Workload 5: trace JSON export and import of a large document (the demo step on more points),
/// which is also written to a file for Python's `json` and orjson to load and dump.
func jsonWorkload(_ settings: Settings) throws {
    let (document, data) = try jsonExport(settings)
    let megabytes = Double(data.count) / 1e6
    var read: TraceDocument?
    let importing = try Stopwatch.best(settings.jsonRepeats) { read = try TraceJSONReader.read(data) }
    Report.figure("json.import", megabytes / importing, "MB/s", "trace JSON import (TraceJSONReader.read, validating)")
    Report.check("json.roundtrip", read == document, "the document read back equals the one written")
    try data.write(to: URL(fileURLWithPath: settings.directory + "/trace.json"))
}

/// The export half of workload 5 (`--export` runs it alone, for `perf`): the document, and its
/// JSON written into memory.
func jsonExport(_ settings: Settings) throws -> (TraceDocument, Data) {
    let network = Network()
    let moons = Moons(count: settings.jsonPoints)
    let trace = Trace()
    let loss = network.tracedLoss(on: moons, trace: trace, names: network.parameterNames).loss
    let document = TraceDocument(trace, differentiating: loss)
    var bytes: [UInt8] = []
    let export = Stopwatch.best(settings.jsonRepeats) { bytes = TraceJSONWriter.utf8(document) }
    let data = Data(bytes)
    bytes = []
    let megabytes = Double(data.count) / 1e6
    let streamed = settings.directory + "/trace-streamed.json"
    let stream = try Stopwatch.best(settings.jsonRepeats) {
        let sink = try DescriptorSink(path: streamed)
        defer { close(sink.descriptor) }
        try TraceJSONWriter.write(document, to: sink)
    }
    Report.figure("json.size", megabytes, "MB", "trace JSON document (\(trace.tape.count) nodes)")
    Report.figure("json.export", megabytes / export, "MB/s", "trace JSON export into memory (TraceJSONWriter.utf8)")
    Report.figure("json.export.stream", megabytes / stream, "MB/s", "trace JSON streamed to a file (TraceJSONWriter.write(_:to:))")
    Report.check("json.stream", try Data(contentsOf: URL(fileURLWithPath: streamed)) == data, "the streamed file has the bytes written in memory")
    return (document, data)
}

/// A file written through its descriptor, as the CLI's output is: each buffer the writer hands over
/// goes to the kernel as it is.
private final class DescriptorSink: ByteSink {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            offset += count
        }
    }
}
