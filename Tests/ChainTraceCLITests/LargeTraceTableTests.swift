import Testing

/// `trace` prints a large trace's summary instead of megabytes of tables, says how to get them, and
/// prints them whole with `--full-tables` or up to the limit.
@Suite("trace: tables whole up to 10,000 nodes, a summary above")
struct LargeTraceTableTests {
    /// `x = 0.5` and `count` lines `x = sin(x)`: `count + 1` nodes.
    static func chain(_ count: Int) -> String {
        "x = 0.5\n" + String(repeating: "x = sin(x)\n", count: count)
    }

    @Test func summaryAboveTheLimitAndFullTablesOnRequest() throws {
        let summary = try LimitTests.run(Self.chain(10_000), named: "chain.ct", ["trace"])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.hasPrefix("10001 nodes (1 input, 0 constants, 10000 operations), 10000 edges\nbackward from x #10000: ∂x/∂x = 1; x #10000 = "))
        #expect(summary.stdout.contains("10000 steps, 0 branch points\n\nthe inputs with the largest |gradient| (1 of 1):\nnode  value  grad\nx #0  0.5   "))
        #expect(summary.stdout.hasSuffix("the tables (10001 nodes, 10000 steps) are printed whole up to 10000 nodes: --full-tables prints them, --json PATH saves the whole trace\n"))
        #expect(summary.stdout.split(separator: "\n").count < 10)

        let full = try LimitTests.run(Self.chain(10_000), named: "chain.ct", ["trace", "--full-tables"])
        #expect(full.status == 0)
        #expect(full.stdout.hasPrefix("node      op     value"))
        #expect(full.stdout.contains("\nx #0      input  0.5 "))
        #expect(full.stdout.split(separator: "\n").count == 1 + 10_001 + 2 + 10_000)

        let atTheLimit = try LimitTests.run(Self.chain(9_999), named: "chain.ct", ["trace"])
        #expect(atTheLimit.stdout.split(separator: "\n").count == 1 + 10_000 + 2 + 9_999)
    }
}
