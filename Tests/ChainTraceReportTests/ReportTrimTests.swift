@testable import ChainTraceReport
import Testing

/// `ReportContent.trimmed` drops Graphviz's comment and `<title>` lines, and keeps every other line and
/// the line breaks between kept lines as they were.
@Suite struct ReportTrimTests {
    @Test func dropsCommentAndTitleLinesOnly() {
        let svg = "<!-- n1 -->\n<svg>\n<g id=\"ct-n1\">\n<title>n1</title>\n<text>a <title>x</title></text>\n  <title>kept: indented</title>\n<!-- -->\n\n<!--x -->\n</svg>\n"
        #expect(ReportContent.trimmed(Array(svg.utf8))
            == "<svg>\n<g id=\"ct-n1\">\n<text>a <title>x</title></text>\n  <title>kept: indented</title>\n\n<!--x -->\n</svg>\n")
        #expect(ReportContent.trimmed([]) == "")
        #expect(ReportContent.trimmed(Array("<title>t</title>".utf8)) == "")
        #expect(ReportContent.trimmed(Array("é\n<title>t</title>\n∂".utf8)) == "é\n∂")
    }
}
