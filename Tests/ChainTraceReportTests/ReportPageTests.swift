import ChainTrace
import ChainTraceFormat
@testable import ChainTraceReport
import ChainTraceText
import Foundation
import Testing

/// The page's structure, escaping, policy and determinism.
struct ReportPageTests {
    static let chain = "x = 2\nu = x^2 + 1\ny = u^3\n"
    static let hostile = "</script><img src=x onerror=alert(1)>"

    /// The text between the first `open` after `from` and the following `close`.
    static func between(_ text: String, _ open: String, _ close: String) -> Substring? {
        guard let start = text.firstRange(of: open), let end = text[start.upperBound...].firstRange(of: close) else { return nil }
        return text[start.upperBound ..< end.lowerBound]
    }

    static func occurrences(_ needle: String, in text: String) -> Int { text.ranges(of: needle).count }

    @Test func pageHasOneRunnableScriptAllowedByItsHash() throws {
        let page = ReportPage.html(try Fixtures.content(Self.chain))
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(Self.occurrences("<script>", in: page) == 1)
        #expect(Self.occurrences("<script type=\"application/json\"", in: page) == 4)
        let script = try #require(Self.between(page, "<script>", "</script>"))
        let style = try #require(Self.between(page, "<style>", "</style>"))
        let csp = try #require(Self.between(page, "http-equiv=\"Content-Security-Policy\" content=\"", "\""))
        let scriptHash = Data(SHA256.digest(script.utf8)).base64EncodedString()
        let styleHash = Data(SHA256.digest(style.utf8)).base64EncodedString()
        #expect(csp.contains("script-src 'sha256-\(scriptHash)'"))
        #expect(csp.contains("style-src 'sha256-\(styleHash)'"))
        #expect(csp.hasPrefix("default-src 'none'"))
    }

    @Test func pageLoadsNothingFromOutside() throws {
        let page = ReportPage.html(try Fixtures.content(Self.chain))
        for reference in ["http://", "https://", "src=", "<link", "@import", "url("] {
            let hits = page.ranges(of: reference).map { page[$0.lowerBound...].prefix(60) }
            // Graphviz's SVG names its namespaces and doctype with http URLs; those load nothing.
            let loading = hits.filter { !$0.hasPrefix("http://www.w3.org/") }
            #expect(loading.isEmpty, "\(reference): \(loading)")
        }
    }

    @Test func embeddedTraceIsTheTraceJSON() throws {
        let content = try Fixtures.content(Self.chain)
        let page = ReportPage.html(content)
        let embedded = try #require(Self.between(page, "<script type=\"application/json\" id=\"ct-trace\">", "</script>"))
        let parsed = try JSONSerialization.jsonObject(with: Data(embedded.utf8))
        let original = try JSONSerialization.jsonObject(with: Data(TraceJSONWriter.json(content.document).utf8))
        #expect((parsed as? NSDictionary) == (original as? NSDictionary))
        let report = try #require(Self.between(page, "<script type=\"application/json\" id=\"ct-report\">", "</script>"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect((data["partialFormulas"] as? [Int])?.count == content.document.tape.edgeCount)
        let paths = try #require(data["paths"] as? [[String: Any]])
        #expect(paths.count == 1)
        #expect((paths[0]["paths"] as? [Any])?.count == 1)
    }

    @Test func everyDistinctFormulaIsWrittenOnce() throws {
        let content = try Fixtures.content("a = 3\nb = a * a + sin(a)\n")
        let page = ReportPage.html(content)
        // ∂b#?/∂a appears on several edges but each distinct formula is written once.
        let distinct = Set(content.partialFormulas.compactMap { $0 })
        let block = try #require(Self.between(page, "<script type=\"application/json\" id=\"ct-formulas\">", "</script>"))
        let formulas = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String])
        #expect(formulas.count == distinct.count)
        #expect(Set(formulas).count == formulas.count)
        #expect(formulas.allSatisfy { $0.hasPrefix("<math") && $0.hasSuffix("</math>") })
    }

    @Test func hostileNameIsTextEverywhere() throws {
        let source = "x = 2\ny = x * x\n"
        var content = try Fixtures.content(source, title: Self.hostile)
        var tape = content.document.tape
        tape.setName(Self.hostile, of: 0)
        content.document.tape = tape
        let page = ReportPage.html(content)
        #expect(!page.contains("<img"))
        #expect(Self.occurrences("</script>", in: page) == 5)
        #expect(page.contains("<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; — chaintrace report</title>"))
        let embedded = try #require(Self.between(page, "id=\"ct-trace\">", "</script>"))
        #expect(embedded.contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any])
        let nodes = try #require(parsed["nodes"] as? [[String: Any]])
        #expect(nodes[0]["name"] as? String == Self.hostile)
    }

    @Test func escapingCoversEveryContext() throws {
        #expect(Escape.xmlText("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(Escape.xmlText("bell\u{7}") == "bell\u{FFFD}")
        let json = Escape.jsonString("</script><!-- \u{2028}\u{2029} & \"q\" \\")
        let safe = Escape.scriptJSON(json)
        #expect(!safe.contains("<") && !safe.contains(">") && !safe.contains("&"))
        #expect(!safe.contains("\u{2028}") && !safe.contains("\u{2029}"))
        let back = try JSONSerialization.jsonObject(with: Data(safe.utf8), options: .fragmentsAllowed) as? String
        #expect(back == "</script><!-- \u{2028}\u{2029} & \"q\" \\")
    }

    @Test func sameContentSameBytes() throws {
        let first = ReportPage.html(try Fixtures.content("t = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n"))
        let second = ReportPage.html(try Fixtures.content("t = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n"))
        #expect(first == second)
    }

    @Test func diagramsAreInlinedWithoutProlog() throws {
        let content = try Fixtures.content(Self.chain)
        try #require(content.diagrams.count == 2, "needs the dot program")
        let page = ReportPage.html(content)
        #expect(!page.contains("<?xml"))
        #expect(!page.contains("<!DOCTYPE svg"))
        // The first diagram is inline; the second waits, as a JSON string, until it is first shown.
        // (The other inline SVG is the play button's icon.)
        #expect(Self.occurrences("<svg", in: page) - Self.occurrences("<svg class=\"icon\"", in: page) == 1)
        #expect(page.contains("<figure class=\"diagram\" data-view=\"backward\" data-prefix=\"b\">\n<svg"))
        #expect(page.contains("<figure class=\"diagram\" data-view=\"forward\" data-prefix=\"f\" data-source=\"ct-svg-1\" hidden></figure>"))
        let lazy = try #require(Self.between(page, "<script type=\"application/json\" id=\"ct-svg-1\">", "</script>"))
        let svg = try #require(try JSONSerialization.jsonObject(with: Data(lazy.utf8), options: .fragmentsAllowed) as? String)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(String(InlineSVG.element(content.diagrams[1].svg) ?? "") == svg)
        #expect(svg.contains("id=\"f&#45;e3\"") || svg.contains("id=\"f-e3\""))
        // Graphviz writes '-' in ids as a character reference.
        #expect(page.contains("id=\"b&#45;n4\"") || page.contains("id=\"b-n4\""))
    }

    @Test func summaryNamesTheOutputAndSizes() throws {
        let content = try Fixtures.content(Self.chain, svg: false)
        #expect(ReportPage.summary(content.document) == "Output y #4 = 125 · 5 nodes · 4 edges · 4 backward steps")
        let page = ReportPage.html(content)
        #expect(page.contains("No diagram was rendered"))
    }

    @Test func inlineSVGNeedsAnElement() {
        #expect(InlineSVG.element("<?xml?><svg a='1'><g/></svg>\n") == "<svg a='1'><g/></svg>")
        #expect(InlineSVG.element("no svg here") == nil)
        #expect(InlineSVG.element("</svg><svg") == nil)
        // The first `<svg` and the last `</svg>`, found in bytes, around and among multi-byte characters.
        #expect(InlineSVG.element("é<!-- ∂ --><svg>∂<svg/></svg>x</svg>😀\n") == "<svg>∂<svg/></svg>x</svg>")
        #expect(InlineSVG.element("<svg</svg>") == "<svg</svg>")
        #expect(InlineSVG.element("<sv") == nil && InlineSVG.element("") == nil)
    }
}
