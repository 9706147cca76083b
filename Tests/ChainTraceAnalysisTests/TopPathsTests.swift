import ChainTrace
import ChainTraceAnalysis
import Testing
import ChainTraceTestSupport

@Suite struct TopPathsTests {
    @Test func topKMatchesBruteForceOnSmallGraphs() {
        var generator = SeededGenerator(seed: 7)
        var compared = 0
        for _ in 0 ..< 80 {
            let tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 3 ... 12, using: &generator))
            let output = tape.count - 1
            for node in 0 ..< tape.count where tape.ops[node] == .input {
                let paths = PathAnalysis(tape: tape, from: node, to: output)
                guard let count = paths.count.uint64, count > 0, count <= 5000 else { continue }
                let all = paths.paths(limit: 5000).paths
                let expected = all.map { Swift.abs($0.product) }.sorted(by: >)
                for k in [1, 3, 10] {
                    let top = paths.top(k)
                    #expect(top.count == Swift.min(k, all.count))
                    for (found, want) in zip(top.map { Swift.abs($0.product) }, expected) {
                        #expect(close(found, want, tolerance: 1e-12))
                    }
                    // Every path returned is a real, distinct path.
                    #expect(Set(top.map(\.edges)).count == top.count)
                    #expect(top.allSatisfy { path in all.contains { $0.edges == path.edges } })
                }
                compared += 1
            }
        }
        #expect(compared > 50)
    }

    @Test func topPathsOfAHugeGraphComeWithoutEnumeration() {
        let (tape, x, y) = Fixtures.diamondChain(70)
        let paths = PathAnalysis(tape: tape, from: x, to: y)
        let top = paths.top(5)
        #expect(top.count == 5)
        let magnitudes = top.map { Swift.abs($0.product) }
        #expect(zip(magnitudes, magnitudes.dropFirst()).allSatisfy { $0 >= $1 * (1 - 1e-12) })
        #expect(top.allSatisfy { $0.nodes.first == x && $0.nodes.last == y && $0.edges.count == 140 })
    }
}
