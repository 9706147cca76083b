import ChainTrace
import ChainTraceFormat
import Foundation

/// Workload 5: trace JSON export and import of a large document (the demo step on more points),
/// which is also written to a file for Python's `json` and orjson to load and dump.
func jsonWorkload(_ settings: Settings) throws {
    let network = Network()
    let moons = Moons(count: settings.jsonPoints)
    let trace = Trace()
    let loss = network.tracedLoss(on: moons, trace: trace, names: network.parameterNames).loss
    let document = TraceDocument(trace, differentiating: loss)
    var text = ""
    let export = Stopwatch.best(settings.jsonRepeats) { text = TraceJSONWriter.json(document) }
    let data = Data(text.utf8)
    text = ""
    let megabytes = Double(data.count) / 1e6
    var read: TraceDocument?
    let importing = try Stopwatch.best(settings.jsonRepeats) { read = try TraceJSONReader.read(data) }
    Report.figure("json.size", megabytes, "MB", "trace JSON document (\(trace.tape.count) nodes)")
    Report.figure("json.export", megabytes / export, "MB/s", "trace JSON export (TraceJSONWriter.json)")
    Report.figure("json.import", megabytes / importing, "MB/s", "trace JSON import (TraceJSONReader.read, validating)")
    Report.check("json.roundtrip", read == document, "the document read back equals the one written")
    try data.write(to: URL(fileURLWithPath: settings.directory + "/trace.json"))
}
