import ChainTrace
import Foundation
import Testing

/// `--wrt`, `--from`, `--highlight` and `--output` name nodes by one rule, and say what was meant.
@Suite("naming nodes on the command line, end to end")
struct NameLookupTests {
    /// A command naming `q` on `samples/chain.ct` (names x, u, y), the option, and the file it would write.
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let option: String
        let writes: String?
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let unknownName: [Case] = [
        Case(arguments: ["explain", "samples/chain.ct", "--wrt", "q"], option: "--wrt", writes: nil),
        Case(arguments: ["paths", "samples/chain.ct", "--from", "q"], option: "--from", writes: nil),
        Case(arguments: ["render", "samples/chain.ct", "--highlight", "y,q", "-o", "OUT/d.svg"], option: "--highlight", writes: "d.svg"),
        Case(arguments: ["trace", "samples/chain.ct", "--output", "q", "--json", "OUT/t.json"], option: "--output", writes: "t.json"),
        Case(arguments: ["check", "samples/chain.ct", "--output", "q"], option: "--output", writes: nil),
        Case(arguments: ["report", "samples/chain.ct", "--output", "q", "-o", "OUT/r.html"], option: "--output", writes: "r.html"),
        Case(arguments: ["bundle", "samples/chain.ct", "--output", "q", "--to", "OUT/b"], option: "--output", writes: "b"),
    ]

    @Test("an unknown name: the subcommand's message and usage, close names suggested, nothing written", arguments: unknownName)
    func unknownNameBelongsToTheSubcommand(_ case: Case) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(`case`.arguments.map { $0.replacingOccurrences(of: "OUT", with: folder.path) })
        let subcommand = `case`.arguments[0]
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(`case`.option): no node named 'q'; did you mean 'x', 'u' or 'y'?\n"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: chaintrace \(subcommand) "))
        #expect(result.stderr.contains("See 'chaintrace \(subcommand) --help'"))
        #expect(!result.stderr.contains("<subcommand>"))
        if let writes = `case`.writes {
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(writes).path))
        }
    }

    @Test("--highlight x,loss on the article sample suggests x0 and x1; x0,loss draws")
    func highlightOnTheArticleSample() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("a.svg")
        let wrong = try CLI.run(["render", "samples/article-first-row.ct", "--highlight", "x,loss", "-o", svg.path])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("Error: --highlight: no node named 'x'; did you mean 'x0' or 'x1'?"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg.path))
        let right = try CLI.run(["render", "samples/article-first-row.ct", "--highlight", "x0, loss", "-o", svg.path])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("highlighted"))
    }

    @Test("a name bound several times means its last binding; #id reaches the others")
    func reboundNameMeansTheLastBinding() throws {
        let program = "x = 2; x = x * 3; y = x * x"   // x #0 (input), 3 #1, x #2, y #3
        for (term, start) in [("x", 2), ("#0", 0)] {
            let result = try CLI.run(["paths", "-e", program, "--from", term, "--json", "-"])
            #expect(result.status == 0, "\(result.stderr)")
            let paths = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(paths["from"] as? Int == start, "--from \(term)")
        }
        let output = try ImportedTraceTests.document(try CLI.run(["trace", "-e", program, "--output", "x", "--json", "-"]))
        #expect(output.outputs == [2], "a program's output is the node chosen")
    }

    @Test("a number is not an id: the message says to write #3")
    func bareNumberPointsToTheIdSyntax() throws {
        let result = try CLI.run(["explain", "samples/chain.ct", "--wrt", "3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: --wrt: no node named '3'; write #3 for the node with id 3"), "\(result.stderr)")
        let id = try CLI.run(["explain", "samples/chain.ct", "--wrt", "#3"])
        #expect(id.status == 0 && id.stdout.hasPrefix("dy/du"), "\(id.stdout)")
    }
}
