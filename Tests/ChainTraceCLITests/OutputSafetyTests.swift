import ChainTrace
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Text from a trace file or an option cannot drive the terminal or inject markup (issue 11).
@Suite("output safety, end to end")
struct OutputSafetyTests {
    /// `samples/chain.ct`'s trace with node 0 renamed.
    static func trace(naming name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("t.json").path
        let written = try CLI.run(["trace", "samples/chain.ct", "--json", path])
        try #require(written.status == 0)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var nodes = try #require(object["nodes"] as? [[String: Any]])
        nodes[0]["name"] = name
        object["nodes"] = nodes
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let terminalAttack = "esc\u{1B}[2J\u{1B}]0;title\u{7}nul\u{0}bidi\u{202E}x"

    @Test("trace, explain, paths and check print no control character from a name", arguments: [
        ["trace"], ["explain"], ["paths", "--from", "#0"], ["check"],
    ])
    func namesCannotDriveTheTerminal(_ command: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.trace(naming: Self.terminalAttack, in: folder)
        let result = try CLI.run([command[0], path] + command.dropFirst())
        #expect(result.status == 0, "\(result.stderr)")
        let printed = result.stdout + result.stderr
        #expect(!printed.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0 == "\u{202E}" })
        if command[0] != "check" { #expect(printed.contains("esc\\u{1B}[2J\\u{1B}]0;title\\u{7}nul\\u{0}bidi\\u{202E}x")) }
    }

    @Test("a font that is not a font name is refused before Graphviz sees it; nothing is written")
    func fontInjection() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("f.svg")
        let result = try CLI.run(["render", "samples/chain.ct", "-o", svg.path, "--font", "\"/><script>alert(1)</script><x a=\""])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --font must be a font name"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg.path))
    }

    @Test("a 17,000-letter name and an invisible name draw, report and bundle; every SVG is well-formed", arguments: [
        String(repeating: "a", count: 17_000), "\u{200B}\u{2028}\u{FEFF}",
    ])
    func namesGraphvizCannotTake(_ name: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.trace(naming: name, in: folder)
        for (arguments, file) in [(["render", path, "-o"], "d.svg"), (["render", path, "-o"], "d.png"), (["report", path, "-o"], "r.html"), (["bundle", path, "--to"], "b")] {
            let result = try CLI.run(arguments + [folder.appendingPathComponent(file).path])
            #expect(result.status == 0, "\(arguments[0]) \(file): \(result.stderr)")
            #expect(!result.stderr.contains("CRITICAL"), "\(result.stderr)")
        }
        _ = try XMLDocument(data: Data(contentsOf: folder.appendingPathComponent("d.svg")), options: [])
        // The full name stays in the trace JSON the bundle writes.
        let bundled = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("b").path).filter { $0.hasSuffix(".json") }
        let json = try bundled.map { try String(contentsOf: folder.appendingPathComponent("b/\($0)"), encoding: .utf8) }
        #expect(json.contains { $0.contains("\"name\": \"\(name)\"") })
    }
}
