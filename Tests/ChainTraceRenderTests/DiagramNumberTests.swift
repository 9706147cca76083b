import ChainTrace
import ChainTraceRender
import Testing

/// Diagrams write numbers as the tables do: true minus signs, negative contributions subtracted.
@Suite struct DiagramNumberTests {
    @Test func branchPointSumSubtractsNegativeContributions() throws {
        // t feeds x = cos(t) (contribution −2.283) and y = exp(t) (contribution 1.54).
        let dot = try Diagram(document("t = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n")).dot
        #expect(dot.contains("1.54 − 2.283 =<b> −0.7425</b>"))
        #expect(!dot.contains("+ (−"))
        #expect(!dot.contains("+ −"))
    }
}
