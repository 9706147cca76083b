import Foundation
import Testing

/// A name of any length reads as the tables show it in `explain` and `check`: shortened in the
/// middle to 40 characters; the trace JSON keeps it whole.
@Suite("long names in explain and check, end to end")
struct LongNameTests {
    /// 300 characters whose start and end tell them apart.
    static let name = "first" + String(repeating: "m", count: 290) + "final"
    /// The name as a table shows it: 26 characters, `…`, the last 13.
    static let shown = "first" + String(repeating: "m", count: 21) + "…" + String(repeating: "m", count: 8) + "final"
    static let program = "\(name) = 2\nu = \(name) * \(name)\ny = u + sin(\(name))"

    @Test("explain and check show the name shortened, never whole", arguments: [["explain", "--forward"], ["check"]])
    func shortenedInText(_ command: [String]) throws {
        let result = try CLI.run(command + ["-e", Self.program])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(Self.shown), "\(result.stdout)")
        #expect(!result.stdout.contains(String(repeating: "m", count: 22)), "no run of the name's middle longer than the shortened form")
    }

    @Test("explain --json keeps the whole name in the nodes and the formulas")
    func wholeInJSON() throws {
        let result = try CLI.run(["explain", "-e", Self.program, "--json", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.contains { $0["name"] as? String == Self.name })
        let formulas = try #require(object["formulas"] as? [[String: Any]])
        #expect(formulas.contains { "\($0)".contains(Self.name) }, "a formula names the node in full")
        #expect(!result.stdout.contains(Self.shown))
    }
}
