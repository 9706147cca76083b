@testable import ChainTraceGraphviz
import Testing

/// The edge between chaintrace and the Graphviz it links: the version its C shim was written for,
/// and messages that never send a user to a line of DOT text they never saw.
@Suite("the Graphviz edge")
struct GraphvizEdgeTests {
    @Test("the versions the shim was written for pass the start-up check", arguments: ["2.42.2", "2.43.0", "2.43"])
    func supportedVersionPasses(version: String) throws {
        try Graphviz.checkSupported(version: version, hasLexerRestart: true)
    }

    @Test("any other version stops with a message naming it and the supported ones",
          arguments: ["12.2.1", "2.44.0", "2.4.3", "3.0.0", "unknown", ""])
    func otherVersionFails(version: String) {
        do {
            try Graphviz.checkSupported(version: version, hasLexerRestart: true)
            Issue.record("\(version) passed the check")
        } catch {
            let text = error.description
            #expect(text.contains("the linked Graphviz is \(version),"), "\(text)")
            #expect(text.contains("written for Graphviz 2.42 and 2.43"), "\(text)")
        }
    }

    @Test("a libcgraph without the lexer restart stops with a message naming the symbol")
    func missingLexerRestartFails() {
        #expect(throws: GraphvizError.self) { try Graphviz.checkSupported(version: "2.43.0", hasLexerRestart: false) }
        do {
            try Graphviz.checkSupported(version: "2.43.0", hasLexerRestart: false)
        } catch {
            #expect(error.description.contains("aagrestart"))
        }
    }

    @Test("the linked Graphviz is one the shim supports")
    func linkedVersionSupported() throws {
        try Graphviz.checkSupported(version: Graphviz.version, hasLexerRestart: true)
    }

    @Test("DOT that Graphviz rejects is chaintrace's bug, and no message quotes a line of it")
    func unreadableDOTIsAnInternalError() {
        let dot = "digraph g {\n  a\n  b\n  c -> ;\n}\n"
        do {
            _ = try Graphviz.render(dot, format: .svg)
            Issue.record("expected a GraphvizError")
        } catch {
            #expect(error.stage == "reading the DOT text")
            #expect(error.messages.first?.contains("a bug in chaintrace, not in your input") == true, "\(error.messages)")
            #expect(error.messages.joined().contains("syntax error"))
            #expect(!error.description.contains("line"), "\(error.description)")
        }
    }

    @Test("line numbers are dropped from Graphviz's messages, the rest kept",
          arguments: [
            ("Error: syntax error in line 5001 near 'subgraph'", "Error: syntax error near 'subgraph'"),
            ("Error: memory exhausted in line 12 near '{'", "Error: memory exhausted near '{'"),
            ("Warning: no line here", "Warning: no line here"),
          ])
    func lineNumbersDropped(message: String, expected: String) {
        #expect(Graphviz.withoutLineNumbers(message) == expected)
    }
}
