@testable import ChainTraceReport
import Testing

/// The page's node labels and `∂` symbols are written by Swift, as the tables and diagrams write them.
struct ReportLabelsTests {
    @Test func labelsAndSymbolsComeFromSwift() throws {
        // x #0, x^2 (#1), the constant 1 (#2), u #3, y #4; unnamed nodes' symbols are bracketed.
        let labels = try #require(try ReportNumbersTests.data("x = 2\nu = x^2 + 1\ny = u^3\n")["labels"] as? [String: [String]])
        #expect(labels["node"] == ["x #0", "#1", "#2", "u #3", "y #4"])
        #expect(labels["short"] == ["x", "#1", "#2", "u", "y"])
        #expect(labels["gradient"] == ["∂y/∂x", "∂y/∂(#1)", "∂y/∂(#2)", "∂y/∂u", "∂y/∂y"])
        // Edges in tape order: x into #1, then #1 and #2 into u, then u into y.
        #expect(labels["partial"] == ["∂(#1)/∂x", "∂u/∂(#1)", "∂u/∂(#2)", "∂y/∂u"])
    }

    @Test func scriptSpellsNoLabelsItself() {
        // `∂a/∂b`, `name #id` and `#id` are joined in Swift only (NodeNames, TapePrinter).
        for spelling in ["'∂'", "'/∂'", "' #'", "'#'", "'(#'"] {
            #expect(!ReportScript.source.contains(spelling), "\(spelling)")
        }
    }
}
