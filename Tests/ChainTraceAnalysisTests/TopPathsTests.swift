import ChainTrace
import ChainTraceAnalysis
import ChainTraceTestSupport
import RealModule
import Testing

@Suite struct TopPathsTests {
    @Test func topKMatchesBruteForceOnSmallGraphs() {
        var generator = SplitMix64(seed: 7)
        var compared = 0
        for _ in 0 ..< 80 {
            let tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 3 ... 12, using: &generator))
            let output = tape.count - 1
            for node in 0 ..< tape.count where tape.op(of: node) == .input {
                let paths = PathAnalysis(tape: tape, from: node, to: output)
                guard let count = paths.count.uint64, count > 0, count <= 5000 else { continue }
                let all = paths.paths(limit: 5000).paths
                let expected = all.map { Swift.abs($0.product) }.sorted(by: >)
                for k in [1, 3, 10] {
                    let top = paths.top(k)
                    #expect(top.count == Swift.min(k, all.count))
                    for (found, want) in zip(top.map { Swift.abs($0.product) }, expected) {
                        #expect(found.isApproximatelyEqual(to: want, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
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

    /// `x = 1` then `x *= x` on `lines` lines: 2^lines paths, every product 1.
    static func squaringChain(_ lines: Int) -> (tape: Tape, x: NodeID, y: NodeID) {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 1, name: "x")
        var v = x
        for _ in 0 ..< lines { v = tape.appendBinary(.mul, v, v, name: "x") }
        return (tape, x, v)
    }

    @Test func tiedProductsDoNotMakeTheSearchBreadthFirst() {
        // With first-in-first-out ties this went breadth-first: 20 lines took 1 s, 22 lines 7 s, 30 lines minutes.
        let (tape, x, y) = Self.squaringChain(24)
        let paths = PathAnalysis(tape: tape, from: x, to: y)
        let clock = ContinuousClock()
        let start = clock.now
        let top = paths.top(5)
        #expect(clock.now - start < .seconds(1))
        #expect(top.count == 5)
        #expect(top.allSatisfy { $0.product == 1 && $0.edges.count == 24 })
        #expect(Set(top.map(\.edges)).count == 5)
        // Equal products come in the order paths(limit:) would list them.
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.edges.lexicographicallyPrecedes($1.edges) })
        #expect(paths.top(5) == top, "the same paths every time")
    }

    @Test func topOrderIsLargestFirstThenTheListingOrder() {
        var generator = SplitMix64(seed: 11)
        for _ in 0 ..< 40 {
            let tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 3 ... 10, using: &generator))
            let paths = PathAnalysis(tape: tape, from: 0, to: tape.count - 1)
            guard let count = paths.count.uint64, count > 0, count <= 2000 else { continue }
            let listed = paths.paths(limit: 2000).paths
            // Products are compared as computed along each path, so the order is exact, not up to rounding.
            let expected = listed.enumerated().sorted { a, b in
                let (x, y) = (Swift.abs(a.element.product), Swift.abs(b.element.product))
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element.edges)
            let all = paths.top(Int(count) + 3)
            #expect(all.count == Int(count))
            #expect(Set(all.map(\.edges)).count == all.count)
            let magnitudes = all.map { Swift.abs($0.product) }
            #expect(zip(magnitudes, magnitudes.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(all.map(\.edges) == expected)
        }
    }

    @Test func aHugeTopKOnASmallGraphStopsAtTheCount() {
        let (tape, x, y) = Fixtures.diamond(x: 0.4)
        let top = PathAnalysis(tape: tape, from: x, to: y).top(Int.max)
        #expect(top.count == 2)
    }

    @Test func restartingAtAnotherInputMatchesAFreshAnalysis() {
        var generator = SplitMix64(seed: 23)
        for _ in 0 ..< 40 {
            let tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 3 ... 12, using: &generator))
            let output = tape.count - 1
            let shared = PathAnalysis(tape: tape, from: 0, to: output)
            for node in 0 ... output {
                let restarted = shared.starting(at: node), fresh = PathAnalysis(tape: tape, from: node, to: output)
                #expect(restarted.count == fresh.count)
                #expect(restarted.onPath == fresh.onPath)
                #expect(restarted.pathSum == fresh.pathSum)
                #expect(restarted.top(4) == fresh.top(4))
                #expect(restarted.paths(limit: 50) == fresh.paths(limit: 50))
            }
        }
    }
}
