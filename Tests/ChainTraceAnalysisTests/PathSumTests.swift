import ChainTrace
import ChainTraceAnalysis
import ChainTraceTestSupport
import RealModule
import Testing

@Suite struct PathSumTests {
    /// Interleaved sums, `a ← b + c` over and over: every node is skipped by some path, so no
    /// node cuts the path sum and factoring recurses one node at a time.
    static func interleavedSums(_ levels: Int) -> (tape: Tape, x: NodeID, y: NodeID) {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 1, name: "x")
        var (a, b) = (x, tape.appendUnary(.neg, x))
        for _ in 0 ..< levels { (a, b) = (b, tape.appendBinary(.add, a, b)) }
        return (tape, x, b)
    }

    @Test func factoringADeepGraphGivesUpAtTheBudgetWithoutOverflowingTheStack() {
        // 2,000 levels (6,000 nodes in a program) overflowed the stack in `explain`.
        let (tape, x, y) = Self.interleavedSums(2_000)
        let paths = PathAnalysis(tape: tape, from: x, to: y)
        #expect(paths.factored() == nil)
        #expect(paths.factored(maxEdges: 1_000_000) == nil, "nests deeper than \(PathSum.maximumNesting)")
        let small = Self.interleavedSums(6)
        let smallPaths = PathAnalysis(tape: small.tape, from: small.x, to: small.y)
        let factored = smallPaths.factored()
        #expect(factored != nil)
        #expect(factored.map { $0.value(on: small.tape).isApproximatelyEqual(to: smallPaths.pathSum, absoluteTolerance: 1e-12, relativeTolerance: 1e-12) } == true)
    }

    @Test func sumOfPathProductsEqualsTheGradientOnRandomPrograms() {
        var generator = SplitMix64(seed: 2024)
        var checked = 0
        for _ in 0 ..< 60 {
            let tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 4 ... 14, using: &generator))
            let output = tape.count - 1
            let backward = Backward(tape: tape, from: output)
            for node in 0 ..< tape.count where tape.op(of: node) == .input {
                let paths = backward.paths(from: node, on: tape)
                guard let count = paths.count.uint64, count <= 20_000 else { continue }
                let listing = paths.paths(limit: 20_000)
                #expect(listing.complete)
                #expect(listing.paths.count == Int(count))
                let scale = listing.paths.reduce(0) { $0 + Swift.abs($1.product) }
                #expect(Swift.abs(listing.sum - backward.gradients[node]) <= 1e-12 * Swift.max(1, scale))
                #expect(Swift.abs(paths.pathSum - backward.gradients[node]) <= 1e-12 * Swift.max(1, scale))
                if let factored = paths.factored(maxEdges: 100_000) {
                    #expect(Swift.abs(factored.value(on: tape) - backward.gradients[node]) <= 1e-12 * Swift.max(1, scale))
                }
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test func colahsNinePathsFactorIntoTwoSums() {
        // X → Y by three edges (α, β, γ), Y → Z by three (δ, ε, ζ): 9 paths, (α+β+γ)(δ+ε+ζ).
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 0.5, name: "X")
        let a1 = tape.appendUnary(.sin, x), a2 = tape.appendUnary(.cos, x), a3 = tape.appendUnary(.exp, x)
        let s = tape.appendBinary(.add, a1, a2)
        let y = tape.appendBinary(.add, s, a3, name: "Y")
        let b1 = tape.appendUnary(.tanh, y), b2 = tape.appendUnary(.sigmoid, y), b3 = tape.appendUnary(.atan, y)
        let t = tape.appendBinary(.mul, b1, b2)
        let z = tape.appendBinary(.add, t, b3, name: "Z")
        let backward = Backward(tape: tape, from: z)
        let paths = backward.paths(from: x, on: tape)
        #expect(paths.count == ExactCount(9))
        #expect(paths.cutNodes == [x, y, z])
        guard let factored = paths.factored(), case .product(let factors) = factored else {
            Issue.record("expected a product of two sums")
            return
        }
        #expect(factors.count == 2)
        #expect(factors.allSatisfy { if case .sum(let terms) = $0 { terms.count == 3 } else { false } })
        #expect(factored.edgeCount < 18)  // listing the 9 paths would need 9 × 4 edges
        #expect(factored.value(on: tape).isApproximatelyEqual(to: backward.gradients[x], absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
    }

    @Test func chainOfDiamondsFactorsIntoOneSumPerDiamond() throws {
        let (tape, x, y) = Fixtures.diamondChain(70)
        let paths = PathAnalysis(tape: tape, from: x, to: y)
        let factored = try #require(paths.factored(maxEdges: 1000))
        #expect(factored.edgeCount == 4 * 70)
        #expect(factored.value(on: tape).isApproximatelyEqual(to: Backward(tape: tape, from: y).gradients[x], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
    }

    @Test func factoringGivesUpPastItsBudget() {
        let (tape, x, y) = Fixtures.diamondChain(10)
        #expect(PathAnalysis(tape: tape, from: x, to: y).factored(maxEdges: 10) == nil)
    }
}
