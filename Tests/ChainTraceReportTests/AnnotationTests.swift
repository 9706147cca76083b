import ChainTrace
import ChainTraceFormat
@testable import ChainTraceReport
import Foundation
import Testing

/// Notes on nodes and extra sections: escaped everywhere, carried in the page data, and the
/// page's policy still allowing exactly its own script and style.
struct AnnotationTests {
    static let chain = "x = 2\nu = x^2 + 1\ny = u^3\n"
    static let hostile = "</script><img src=x onerror=alert(1)>&amp;\u{7}"
    static let figureSVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><path d=\"M0 0L10 10\" stroke=\"black\"/></svg>"

    static func annotated(_ note: String = "u's note", title: String = "Deltas") throws -> ReportContent {
        var content = try Fixtures.content(chain, svg: false)
        content.annotations = ReportAnnotations(
            nodeNotes: [2: note, 0: "the input"],
            sections: [ReportSection(
                title: title, paragraphs: ["first " + note],
                table: ReportTable(columns: ["neuron", note], rows: [[note, "0.25"], ["o1", "−1"]], caption: note),
                figure: ReportFigure(svg: figureSVG, description: note)
            )]
        )
        return content
    }

    static func reportData(_ page: String) throws -> [String: Any] {
        let text = try #require(ReportPageTests.between(page, "<script type=\"application/json\" id=\"ct-report\">", "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func notesAreInThePageDataInNodeOrder() throws {
        let page = ReportPage.html(try Self.annotated())
        let notes = try #require(try Self.reportData(page)["nodeNotes"] as? [[String: Any]])
        #expect(notes.map { $0["node"] as? Int } == [0, 2])
        #expect(notes.map { $0["text"] as? String } == ["the input", "u's note"])
        #expect(page.contains("has a note (dash-dot outline"))
    }

    @Test func sectionsAreShownAfterThePanels() throws {
        let page = ReportPage.html(try Self.annotated())
        let main = try #require(page.firstRange(of: "</main>"))
        let section = try #require(page.firstRange(of: "<section class=\"card annotation\" aria-labelledby=\"annotation-h0\">"))
        #expect(main.upperBound <= section.lowerBound)
        #expect(page.contains("<h2 id=\"annotation-h0\">Deltas</h2>"))
        #expect(page.contains("<thead><tr><th scope=\"col\">neuron</th><th scope=\"col\">u&#39;s note</th></tr></thead>"))
        #expect(page.contains("<tr><th scope=\"row\">o1</th><td class=\"num\">−1</td></tr>"))
    }

    @Test func figureIsADataImageOfTheSVG() throws {
        let page = ReportPage.html(try Self.annotated())
        let encoded = try #require(ReportPageTests.between(page, "src=\"data:image/svg+xml;base64,", "\""))
        let decoded = try #require(Data(base64Encoded: String(encoded)))
        #expect(String(decoding: decoded, as: UTF8.self) == Self.figureSVG)
        // The only source the page names is that data URL, which the policy's img-src allows.
        #expect(ReportPageTests.occurrences("src=", in: page) == 1)
        #expect(page.contains("img-src data:"))
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let page = ReportPage.html(try Self.annotated(Self.hostile, title: Self.hostile))
        #expect(ReportPageTests.occurrences("<script>", in: page) == 1)
        #expect(ReportPageTests.occurrences("<img", in: page) == 1)
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("\u{7}"))
        let escaped = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;\u{FFFD}"
        #expect(page.contains("<h2 id=\"annotation-h0\">\(escaped)</h2>"))
        #expect(page.contains("<p>first \(escaped)</p>"))
        #expect(page.contains("<caption>\(escaped)</caption>"))
        #expect(page.contains("alt=\"\(escaped)\""))
        #expect(page.contains("<figcaption>\(escaped)</figcaption>"))
        // In the data block the note survives exactly, and cannot close the script element.
        let notes = try #require(try Self.reportData(page)["nodeNotes"] as? [[String: Any]])
        #expect(notes.last?["text"] as? String == Self.hostile)
        #expect(ReportPageTests.occurrences("</script>", in: page) == 4)
    }

    @Test func policyStillMatchesScriptAndStyle() throws {
        let page = ReportPage.html(try Self.annotated())
        let script = try #require(ReportPageTests.between(page, "<script>", "</script>"))
        let style = try #require(ReportPageTests.between(page, "<style>", "</style>"))
        let csp = try #require(ReportPageTests.between(page, "http-equiv=\"Content-Security-Policy\" content=\"", "\""))
        #expect(csp.contains("script-src 'sha256-\(Data(SHA256.digest(script.utf8)).base64EncodedString())'"))
        #expect(csp.contains("style-src 'sha256-\(Data(SHA256.digest(style.utf8)).base64EncodedString())'"))
        // No inline style attributes or event handlers, which the policy would block.
        #expect(!page.contains(" style=\""))
        #expect(!page.contains(" onclick="))
    }

    @Test func sameAnnotationsSameBytes() throws {
        var first = try Self.annotated()
        var second = try Self.annotated()
        first.annotations.nodeNotes = [:]
        second.annotations.nodeNotes = [:]
        for node in [0, 1, 2, 3] { first.annotations.nodeNotes[node] = "note \(node)" }
        for node in [3, 2, 1, 0] { second.annotations.nodeNotes[node] = "note \(node)" }
        #expect(ReportPage.html(first) == ReportPage.html(second))
    }

    @Test func noAnnotationsNoSections() throws {
        let page = ReportPage.html(try Fixtures.content(Self.chain, svg: false))
        #expect(!page.contains("class=\"annotations\""))
        #expect(!page.contains("has a note (dash-dot"))
        #expect((try Self.reportData(page)["nodeNotes"] as? [Any])?.isEmpty == true)
    }

    @Test func noteOnAMissingNodeIsAnError() throws {
        let document = try Fixtures.document(Self.chain)
        #expect(throws: ReportError.self) {
            try ReportContent(rendering: document, title: "chain", annotations: ReportAnnotations(nodeNotes: [99: "no such node"]))
        }
    }
}
