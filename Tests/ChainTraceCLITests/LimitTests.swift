import Foundation
import Testing

/// Each limit README "Limits" lists: hit, it says which limit and which option raises it; raised,
/// the same input goes through.
@Suite("limits: named when hit, raised by their options")
struct LimitTests {
    /// Runs `arguments` on a new file holding `text`, named `name`.
    static func run(_ text: String, named name: String, _ arguments: [String]) throws -> CLI.Result {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return try CLI.run(arguments + [file.path])
    }

    /// A trace JSON of two nodes whose scope is `depth` levels deep and whose input is called `name`.
    static func trace(scopeDepth depth: Int, name: String = "x") -> String {
        let scope = (0 ..< depth).map { "\"s\($0)\"" }.joined(separator: ", ")
        return """
        {"format": "chaintrace-trace", "version": 1, "nodes": [
          {"id": 0, "op": "input", "name": "\(name)", "value": 2, "grad": null, "inputs": [], "scope": [\(scope)], "line": null},
          {"id": 1, "op": "neg", "name": "y", "value": -2, "grad": null, "inputs": [{"node": 0, "partial": -1}], "scope": [], "line": null}
        ], "outputs": [1]}
        """
    }

    static func expectRefused(_ result: CLI.Result, saying text: String) {
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains(text), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").first.map { $0.contains(text) } ?? false, "the first line names the limit")
    }

    @Test("nodes: a program and a trace JSON")
    func nodes() throws {
        let program = "x = 1\ny = x * x + x\nz = y * y"
        Self.expectRefused(try Self.run(program, named: "p.ct", ["trace", "--max-trace-nodes", "3"]),
                           saying: ":3:1: error: the program records more than 3 nodes (the node limit, 3; --max-trace-nodes raises it)")
        #expect(try Self.run(program, named: "p.ct", ["trace", "--max-trace-nodes", "5"]).status == 0)
        Self.expectRefused(try Self.run(Self.trace(scopeDepth: 0), named: "t.json", ["trace", "--max-trace-nodes", "1"]),
                           saying: "t.json: $.nodes: 2 nodes (the node limit, 1; --max-trace-nodes raises it)")
    }

    @Test("nesting depth: 100 levels, up to 1,000 with --max-depth")
    func nestingDepth() throws {
        let program = "x = 1\ny = " + String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        Self.expectRefused(try Self.run(program, named: "p.ct", ["trace"]),
                           saying: "(the nesting depth limit, 100; --max-depth raises it)")
        #expect(try Self.run(program, named: "p.ct", ["trace", "--max-depth", "150"]).status == 0)
        let deepest = "x = 1\ny = " + String(repeating: "sin(", count: 999) + "x" + String(repeating: ")", count: 999)
        #expect(try Self.run(deepest, named: "p.ct", ["explain", "--max-depth", "1000"]).status == 0, "the ceiling runs")
        let tooDeep = try Self.run(program, named: "p.ct", ["trace", "--max-depth", "1001"])
        #expect(tooDeep.status == 64 && tooDeep.stderr.contains("--max-depth must be at most 1000"), "\(tooDeep.stderr)")
    }

    @Test("scope depth: 64 levels in a trace JSON, more with --max-scope-depth")
    func scopeDepth() throws {
        Self.expectRefused(try Self.run(Self.trace(scopeDepth: 65), named: "t.json", ["trace"]),
                           saying: "$.nodes[0].scope: scope nested 65 levels deep; at most 64 are allowed (the scope depth limit, 64; --max-scope-depth raises it)")
        #expect(try Self.run(Self.trace(scopeDepth: 65), named: "t.json", ["trace", "--max-scope-depth", "65"]).status == 0)
    }

    @Test("name length: 100,000 characters in a program and a trace JSON")
    func nameLength() throws {
        let name = String(repeating: "n", count: 100_001)
        Self.expectRefused(try Self.run("\(name) = 1\ny = \(name) * 2", named: "p.ct", ["trace"]),
                           saying: "p.ct:1:1: error: a name of 100001 characters (the name length limit, 100000; --max-name-length raises it)")
        #expect(try Self.run("\(name) = 1\ny = \(name) * 2", named: "p.ct", ["trace", "--max-name-length", "100001"]).status == 0)
        Self.expectRefused(try Self.run(Self.trace(scopeDepth: 0, name: name), named: "t.json", ["trace"]),
                           saying: "$.nodes[0].name: a name of 100001 characters (the name length limit, 100000; --max-name-length raises it)")
    }

    @Test("path listing and gradient-check inputs name their options")
    func listingLimits() throws {
        let program = "x = 1\n" + String(repeating: "x = x * 2 + x\n", count: 12)
        let paths = try Self.run(program, named: "p.ct", ["paths", "--from", "#0", "--limit", "2"])
        #expect(paths.status == 0 && paths.stdout.contains("listed 2 of 4096 paths (sum of these: 6144); raise --limit or use --top k"), "\(paths.stdout)")
        let check = try Self.run("a = 1\nb = 2\nc = 3\ny = a * b * c", named: "p.ct", ["check", "--max-inputs", "2"])
        #expect(check.stdout.contains("compared 2 of 3 inputs' gradients, those with the largest |gradient| (the limit; --max-inputs raises it)"), "\(check.stdout)")
    }

    @Test("a limit below 1 is a usage error", arguments: ["--max-trace-nodes", "--max-depth", "--max-scope-depth", "--max-name-length"])
    func belowOne(_ option: String) throws {
        let result = try CLI.run(["trace", "-e", "y = x", option, "0"])
        #expect(result.status == 64 && result.stderr.contains("\(option) must be at least 1"), "\(result.stderr)")
    }
}
