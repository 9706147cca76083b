import ChainTrace
import ChainTraceFormat
import Foundation
import Testing

/// A Swift user reproduces `explain --json` and `paths --json` with one library call: the same bytes as the binary.
@Suite("the library writes what the command writes")
struct LibraryJSONTests {
    /// Eight diamonds in a row (256 paths from x), so that `--limit` and `--top` cut the listing.
    static let diamonds = "x = 0.5\n" + (1 ... 8).map { "u\($0) = sin(\($0 == 1 ? "x" : "u\($0 - 1)")) + cos(\($0 == 1 ? "x" : "u\($0 - 1)"))" }.joined(separator: "\n") + "\n"

    /// The program at `path` as the command loads it (its trace JSON), and the same with the backward record dropped.
    static func documents(_ path: String, in folder: URL) throws -> (full: TraceDocument, forward: TraceDocument) {
        let file = folder.appendingPathComponent("trace.json")
        let run = try CLI.run(["trace", path, "--json", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let full = try TraceJSONReader.read(Data(contentsOf: file))
        return (full, TraceDocument(tape: full.tape, outputs: full.outputs, backward: nil))
    }

    static func stdout(_ arguments: [String]) throws -> String {
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test("explain --json", arguments: [
        ("samples/chain.ct", nil, []), ("samples/branch.ct", "b", []), ("samples/layered-chain.ct", "w1", ["--digits", "3"]),
        ("diamonds", nil, ["--limit", "5"]),
    ] as [(String, String?, [String])])
    func explain(sample: String, wrt: String?, options: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.source(sample, in: folder)
        let (full, forward) = try Self.documents(path, in: folder)
        let command = try Self.stdout(["explain", path, "--json", "-"] + (wrt.map { ["--wrt", $0] } ?? []) + options)
        let input = try wrt.map { try full.tape.node(named: $0) } ?? #require((0 ..< full.tape.count).first { full.tape.op(of: $0) == .input })
        let limit = Self.value(of: "--limit", in: options) ?? 20, digits = Self.value(of: "--digits", in: options) ?? 6
        let defaults = options.isEmpty ? TraceJSONWriter.json(full, explaining: input) : nil
        for document in [full, forward] {
            #expect(TraceJSONWriter.json(document, explaining: input, pathLimit: limit, digits: digits) == command)
        }
        if let defaults { #expect(defaults == command) }
    }

    @Test("paths --json", arguments: [
        ("samples/branch.ct", "b", []), ("samples/layered-chain.ct", "x", []),
        ("diamonds", "x", []), ("diamonds", "x", ["--limit", "7"]), ("diamonds", "u2", ["--top", "3"]),
    ] as [(String, String, [String])])
    func paths(sample: String, from: String, options: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.source(sample, in: folder)
        let (full, forward) = try Self.documents(path, in: folder)
        let command = try Self.stdout(["paths", path, "--from", from, "--json", "-"] + options)
        let start = try full.tape.node(named: from)
        let top = Self.value(of: "--top", in: options), limit = Self.value(of: "--limit", in: options) ?? 100
        for document in [full, forward] {
            #expect(TraceJSONWriter.json(PathsSection(from: start, in: document, top: top, limit: limit)) == command)
        }
        if options.isEmpty { #expect(TraceJSONWriter.json(PathsSection(from: start, in: full)) == command) }
    }

    /// A sample's path, or the diamonds written to a file in `folder`.
    static func source(_ sample: String, in folder: URL) throws -> String {
        guard sample == "diamonds" else { return sample }
        let file = folder.appendingPathComponent("diamonds.ct")
        try Data(diamonds.utf8).write(to: file)
        return file.path
    }

    static func value(of option: String, in options: [String]) -> Int? {
        options.firstIndex(of: option).flatMap { Int(options[$0 + 1]) }
    }
}
