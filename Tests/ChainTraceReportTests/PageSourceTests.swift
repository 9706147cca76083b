@testable import ChainTraceReport
import Foundation
import Testing

/// The page's script and stylesheet reach the binary exactly as their files hold them (EmbedPage plugin).
struct PageSourceTests {
    /// The text of `Sources/ChainTraceReport/page/<name>`.
    static func page(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appending(path: "Sources/ChainTraceReport/page/\(name)"), encoding: .utf8)
    }

    /// The files' text without the final line break, as the plugin embeds it.
    static func embedded(_ names: [String]) throws -> String {
        var text = try names.map(page).joined()
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    @Test func scriptIsItsFilesByteForByte() throws {
        // Compared as bytes: Swift's `==` on strings ignores differences of Unicode normalisation.
        #expect(Array(ReportScript.source.utf8) == Array(try Self.embedded(["model.js", "dom.js", "report.js"]).utf8))
    }

    @Test func styleIsItsFileByteForByte() throws {
        #expect(Array(ReportStyle.source.utf8) == Array(try Self.embedded(["report.css"]).utf8))
    }

    @Test func tensorScriptAndStyleAreTheirFilesByteForByte() throws {
        #expect(Array(TensorReportScript.source.utf8) == Array(try Self.embedded(["model.js", "tensor-model.js", "dom.js", "tensor.js"]).utf8))
        #expect(Array(TensorReportStyle.source.utf8) == Array(try Self.embedded(["report.css", "tensor.css"]).utf8))
    }

    @Test func embeddedTextKeepsEscapesQuotesAndNonASCII() {
        // The script holds the characters a string-literal generator gets wrong.
        for piece in [#"(\\d+)$'"#, #"/=\s*$/"#, #"output\u2019s"#, "' › '", "'—'"] {
            #expect(ReportScript.source.contains(piece), "\(piece)")
        }
        #expect(!ReportScript.source.hasSuffix("\n"))
    }
}
