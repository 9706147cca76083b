import Foundation

// chaintrace-benchmarks [--smoke] [--memory | --tensor | --json | --export | --step | --library-step | --cli | --layout] [--directory DIR] [--chaintrace PATH]
// Prints figures and checks as tab-separated lines (see Report); exits 1 if a check failed.
// --memory runs only the memory workload, which needs a process of its own; --tensor only the tensor MLP;
// --json only trace JSON export and import (then `python3 peers/json_peer.py DIR 3` runs the peers on its file);
// --export only trace JSON export (into memory and streamed to a file; `--repeats N` times each, the demo
// step on `--points N` points, 330 by default);
// --step only the demo step (library, untraced, autodiff), for timing the recording engine;
// --library-step only the library's step (for `perf record` of the engine; `--repeats N` runs it N times).
// --cli only workload 6 (`chaintrace trace moons.ct --json`, and its phases in this process), on the
// moons.ct and moons.json that --step or a full run wrote into --directory.
// --layout only the layout workloads (in-process Graphviz against `dot`, small and large graph).
let arguments = Array(CommandLine.arguments.dropFirst())
var settings = arguments.contains("--smoke") ? Settings.smoke() : Settings()
let option = { (name: String) -> String? in
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
settings.directory = option("--directory") ?? settings.directory
settings.chaintrace = option("--chaintrace") ?? settings.chaintrace
settings.stepRepeats = option("--repeats").flatMap { Int($0) } ?? settings.stepRepeats

do {
    try FileManager.default.createDirectory(atPath: settings.directory, withIntermediateDirectories: true)
    if arguments.contains("--memory") {
        memoryWorkload(settings)
    } else if arguments.contains("--json") {
        try jsonWorkload(settings)
    } else if arguments.contains("--export") {
        settings.jsonRepeats = option("--repeats").flatMap { Int($0) } ?? settings.jsonRepeats
        settings.jsonPoints = option("--points").flatMap { Int($0) } ?? settings.jsonPoints
        _ = try jsonExport(settings)
    } else if arguments.contains("--tensor") {
        try tensorWorkload(settings)
    } else if arguments.contains("--library-step") {
        libraryStepWorkload(settings)
    } else if arguments.contains("--step") {
        try stepWorkloads(settings)
    } else if arguments.contains("--cli") {
        try cliWorkload(settings)
    } else {
        guard let dot = Subprocess.find("dot") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "dot is not on PATH (apt-get install graphviz)"])
        }
        if arguments.contains("--layout") {
            try layoutWorkloads(settings, dot: dot)
            exit(Report.failures == 0 ? 0 : 1)
        }
        try stepWorkloads(settings)
        try tensorWorkload(settings)
        try jsonWorkload(settings)
        try cliWorkload(settings)
        try renderWorkloads(settings, dot: dot)
        try layoutWorkloads(settings, dot: dot)
    }
} catch {
    FileHandle.standardError.write(Data("chaintrace-benchmarks: \(error)\n".utf8))
    exit(2)
}
exit(Report.failures == 0 ? 0 : 1)
