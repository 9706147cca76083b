import Foundation
import Testing

/// Bad input gets one located, human line on standard error and a non-zero status, never a
/// Foundation error code or a message about something else.
@Suite("messages for bad input, end to end")
struct MessageTests {
    /// The trace JSON of `samples/chain.ct`, pretty-printed one node a line, as `trace --json` writes it.
    static func chainTrace() throws -> String {
        let result = try CLI.run(["trace", "samples/chain.ct", "--json", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Writes `bytes` to `name` in a new folder and runs `trace` on it; returns the run and the folder.
    static func trace(_ bytes: [UInt8], named name: String) throws -> CLI.Result {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return try CLI.run(["trace", file.path])
    }

    /// The one line of standard error, after the file name.
    static func message(_ result: CLI.Result, file: String) -> String {
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let marker = "/\(file)"
        guard let range = result.stderr.range(of: marker) else { return result.stderr }
        return String(result.stderr[range.upperBound...].dropLast())
    }

    @Test("invalid UTF-8 in a program: the byte offset and line:column")
    func invalidUTF8Program() throws {
        let result = try Self.trace(Array("x = 1\ny = x ".utf8) + [0xFF, 0xFE] + Array(" + 1\n".utf8), named: "p.ct")
        #expect(Self.message(result, file: "p.ct") == ":2:7: not UTF-8 text: byte 12 (0xFF) does not start or continue a character")
    }

    @Test("invalid UTF-8 in a trace JSON: the byte offset and line:column")
    func invalidUTF8JSON() throws {
        let result = try Self.trace(Array("{\n \"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8), named: "t.json")
        #expect(Self.message(result, file: "t.json") == ": $: not UTF-8 text: byte 9 (0xC3) does not start or continue a character (line 2, column 8)")
    }

    /// A change to the chain trace that breaks its syntax, and where the message must point.
    struct Broken: Sendable, CustomTestStringConvertible {
        let what: String
        let replace: String
        let with: String
        let truncate: Int?
        let expected: String
        var testDescription: String { what }
    }

    static let broken: [Broken] = [
        Broken(what: "a doubled comma", replace: "\"version\": 1,", with: "\"version\": 1,,", truncate: nil,
               expected: "line 3, column 16: Invalid value"),
        Broken(what: "a tab inside a string", replace: "\"name\": \"x\"", with: "\"name\": \"a\tb\"", truncate: nil,
               expected: "line 5, column 40: Unescaped control character"),
        Broken(what: "the text cut short", replace: "", with: "", truncate: 200,
               expected: "line 6, column 32: the text ends before the JSON value is complete"),
        Broken(what: "a lone high surrogate", replace: "\"name\": \"x\"", with: "\"name\": \"\\ud800\"", truncate: nil,
               expected: "line 5, column 39: \\ud800 is half of a UTF-16 surrogate pair without its other half"),
        Broken(what: "a high surrogate before a letter", replace: "\"name\": \"x\"", with: "\"name\": \"\\uD83Dx\"", truncate: nil,
               expected: "line 5, column 39: \\uD83D is half of a UTF-16 surrogate pair without its other half"),
        Broken(what: "a lone low surrogate", replace: "\"name\": \"x\"", with: "\"name\": \"ok \\\\ \\udc00\"", truncate: nil,
               expected: "line 5, column 45: \\udc00 is half of a UTF-16 surrogate pair without its other half"),
    ]

    @Test("a JSON syntax error: line and column, and what is wrong there", arguments: broken)
    func syntaxErrorsAreLocated(_ case: Broken) throws {
        var text = try Self.chainTrace()
        if !`case`.replace.isEmpty {
            #expect(text.contains(`case`.replace))
            text = text.replacingOccurrences(of: `case`.replace, with: `case`.with)
        }
        if let truncate = `case`.truncate { text = String(text.prefix(truncate)) }
        let result = try Self.trace(Array(text.utf8), named: "t.json")
        #expect(Self.message(result, file: "t.json") == ": $: not valid JSON at \(`case`.expected)")
    }

    @Test("a surrogate pair spelled as escapes still reads")
    func surrogatePairReads() throws {
        let text = try Self.chainTrace().replacingOccurrences(of: "\"name\": \"x\"", with: "\"name\": \"\\ud83d\\ude00\"")
        let result = try Self.trace(Array(text.utf8), named: "t.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("😀 #0"))
    }

    @Test("numbers beyond a double or an Int: the JSON path, without the digits")
    func hugeNumbers() throws {
        let text = try Self.chainTrace()
        let digits = String(repeating: "9", count: 100_000)
        let cases = [
            ("\"value\": 2,", "\"value\": 1e999,", "$.nodes[0].value: a number beyond the range of a double"),
            ("\"value\": 2,", "\"value\": \(digits)e999,", "$.nodes[0].value: a number beyond the range of a double"),
            ("\"id\": 0,", "\"id\": \(digits),", "$.nodes[0].id: a whole number beyond the largest this reader takes"),
            ("\"version\": 1", "\"version\": \(digits)", "$.version: a whole number beyond the largest this reader takes"),
        ]
        for (old, new, expected) in cases {
            #expect(text.contains(old))
            let result = try Self.trace(Array(text.replacingOccurrences(of: old, with: new).utf8), named: "t.json")
            #expect(Self.message(result, file: "t.json").hasPrefix(": \(expected)"), "\(result.stderr.prefix(300))")
            #expect(result.stderr.utf8.count < 300)
        }
    }

    @Test("a .JSON file is read as a trace JSON, whatever the case of its extension")
    func upperCaseExtension() throws {
        let result = try Self.trace(Array(try Self.chainTrace().utf8), named: "T.JSON")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("backward from y #4"))
    }

    @Test("a folder, an empty name, a missing file and an empty file as input")
    func unreadableInputs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("e.ct")
        try Data().write(to: empty)
        let cases = [
            (folder.path, "\(folder.path): is a folder; give a program (.ct) or a trace JSON (.json)"),
            ("", "the input file name is empty"),
            (folder.appendingPathComponent("none.ct").path, "\(folder.path)/none.ct: cannot read: No such file or directory"),
            (empty.path, "\(empty.path): the file is empty; expected a program"),
        ]
        for (path, expected) in cases {
            let result = try CLI.run(["trace", path])
            #expect(result.status == 1)
            #expect(result.stderr == "error: \(expected)\n")
        }
    }

    /// Whether `/dev/null` is the character device it should be (a careless write can replace it).
    static let devNullIsADevice = ((try? FileManager.default.attributesOfItem(atPath: "/dev/null"))?[.type] as? FileAttributeType) == .typeCharacterSpecial

    @Test("/dev/null as input is an empty file, not a permission problem", .enabled(if: devNullIsADevice))
    func devNullInput() throws {
        let result = try CLI.run(["trace", "/dev/null"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: /dev/null: the file is empty; expected a program\n")
    }

    @Test("a FIFO as input is read to its end")
    func fifoInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["trace", "{fifo}"], readingOnce: "x = 3\ny = x * x\n", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("y #1  mul    9"))
    }

    @Test("a folder or an empty name as output: a usage error before any work, nothing written")
    func unwritableOutputs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = [
            (["trace", "samples/chain.ct", "--json", folder.path], "--json \(folder.path): is a folder; give a file name inside it"),
            (["explain", "samples/chain.ct", "--json", ""], "--json needs a file name; '' is empty"),
            (["paths", "samples/chain.ct", "--from", "x", "--json", folder.path], "--json \(folder.path): is a folder; give a file name inside it"),
            (["audit", "samples/softmax-audit.ct", "--json", folder.path], "--json \(folder.path): is a folder; give a file name inside it"),
            (["render", "samples/chain.ct", "-o", ""], "--to needs a file name; '' is empty"),
            (["report", "samples/chain.ct", "-o", folder.path], "--to \(folder.path): is a folder; give a file name inside it"),
            (["bundle", "samples/chain.ct", "--to", ""], "--to needs a folder name; '' is empty"),
        ]
        for (arguments, expected) in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: \(expected)\nUsage: chaintrace \(arguments[0]) "), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a negative option value is named as such, not as a missing value")
    func negativeOptionValues() throws {
        let cases = [
            (["trace", "samples/chain.ct", "--digits", "-1"], "--digits must be from 1 to 17, not -1"),
            (["render", "samples/chain.ct", "-o", "x.svg", "--digits", "-3"], "--digits must be from 1 to 17, not -3"),
            (["render", "samples/chain.ct", "-o", "x.svg", "--max-nodes", "-5"], "--max-nodes must be at least 1, not -5"),
            (["report", "samples/chain.ct", "-o", "x.html", "--collapse", "-1"], "--collapse must be 0 or more, not -1"),
            (["bundle", "samples/chain.ct", "--to", "b", "--paths", "-2"], "--paths must be at least 1, not -2"),
            (["paths", "samples/chain.ct", "--from", "x", "--top", "-1"], "--top must be at least 1"),
            (["paths", "samples/chain.ct", "--from", "x", "--limit", "-1"], "--limit must not be negative"),
            (["explain", "samples/chain.ct", "--limit", "-4"], "--limit must be at least 1"),
            (["check", "samples/chain.ct", "--tolerance", "-1e-3"], "--tolerance must be positive"),
            (["audit", "samples/softmax-audit.ct", "--points", "-3"], "--points must be from 2 to 1000"),
            (["render", "samples/chain.ct", "-o", "x.png", "--scale", "-2"], "--scale must be a number above 0 and at most 10"),
        ]
        for (arguments, expected) in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: \(expected)\n"), "\(result.stderr)")
        }
    }

    @Test("--at refuses NaN and infinities, as program literals do")
    func nonFiniteInputs() throws {
        for value in ["nan", "1e999", "-inf"] {
            let result = try CLI.run(["trace", "samples/chain.ct", "--at", "x=\(value)"])
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: --at x: '\(value)' is not a finite number; inputs must be finite\n"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
