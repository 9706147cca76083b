import ChainTrace
@testable import ChainTraceReport
import Foundation
import Testing

/// The page's numbers are written by Swift in the one number format; its script only places them.
struct ReportNumbersTests {
    static let branching = "t = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n"

    static func data(_ source: String) throws -> [String: Any] {
        let page = ReportPage.html(try Fixtures.content(source))
        let report = try #require(ReportPageTests.between(page, "<script type=\"application/json\" id=\"ct-report\">", "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
    }

    @Test func numbersUseTrueMinusAndSubtractNegativeTerms() throws {
        let numbers = try #require(try Self.data(Self.branching)["numbers"] as? [String: [Any]])
        #expect(numbers["gradient"]?.first as? String == "−0.742542")
        #expect(numbers["partial"]?.first as? String == "−0.644218")
        #expect(numbers["term"]?.first as? String == " − 2.28274")
        #expect(numbers["op"]?[4] as? String == "power ^2")
        // After the last step t has both contributions: 1.5402 − 2.28274 = −0.742542.
        #expect(numbers["running"]?.last as? String == "−0.742542")
        #expect(numbers["running"]?[2] as? String == "1.52968")
    }

    @Test func backwardDiagramGetsPartialSumsAsDrawn() throws {
        let diagrams = try #require(try Self.data(Self.branching)["diagrams"] as? [[String: Any]])
        let backward = try #require(diagrams.first { $0["view"] as? String == "backward" })
        // Step 3 gives x the first of its two contributions; step 4 completes it (nothing to draw).
        #expect((backward["stepSum"] as? [Any])?[2] as? String == "1.53 + … = ")
        #expect((backward["stepRunning"] as? [Any])?[2] as? String == "1.53")
        #expect((backward["stepSum"] as? [Any])?[3] is NSNull)
        #expect((backward["gradient"] as? [String])?.first == "−0.7425")
        let forward = try #require(diagrams.first { $0["view"] as? String == "forward" })
        #expect(forward["stepSum"] == nil)
    }

    @Test func pathsThroughARepeatedOperandAreTagged() throws {
        let lists = try #require(try Self.data("x = 3\ny = x * x + x\n")["paths"] as? [[String: Any]])
        let paths = try #require(lists.first?["paths"] as? [[String: Any]])
        let routes = paths.compactMap { $0["route"] as? String }.sorted()
        #expect(routes == ["x → y", "x →(operand 1) #1 → y", "x →(operand 2) #1 → y"])
        #expect(lists.first?["sum"] as? String == "7")
    }

    @Test func scriptFormatsNoNumbers() {
        for formatting in ["toPrecision", "toFixed", "toExponential", "fmt("] {
            #expect(!ReportScript.source.contains(formatting), "\(formatting)")
        }
    }
}
