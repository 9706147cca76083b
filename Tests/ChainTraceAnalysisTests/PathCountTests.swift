import ChainTrace
import ChainTraceAnalysis
import Foundation
import RealModule
import Testing

@Suite struct PathCountTests {
    @Test func diamondHasTwoPathsSummingToTheGradient() {
        let (tape, x, y) = Fixtures.diamond(x: 0.4)
        let backward = Backward(tape: tape, from: y)
        let paths = backward.paths(from: x, on: tape)
        #expect(paths.count == ExactCount(2))
        let listing = paths.paths(limit: 10)
        #expect(listing.complete)
        #expect(listing.paths.map(\.nodes) == [[0, 1, 3], [0, 2, 3]])
        let expected = (Foundation.cos(0.4) + Foundation.sin(0.4)) * Foundation.exp(0.4)
        #expect(listing.sum.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
        #expect(backward.gradients[x].isApproximatelyEqual(to: expected, absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
        #expect(paths.pathSum.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
    }

    @Test func colahsExampleCountsAndSums() {
        let (tape, a, b, e) = Fixtures.colah(a: 2, b: 1)
        let backward = Backward(tape: tape, from: e)
        let fromA = backward.paths(from: a, on: tape), fromB = backward.paths(from: b, on: tape)
        #expect(fromA.count == ExactCount(1))
        #expect(fromB.count == ExactCount(2))
        // ∂e/∂a = d = 2; ∂e/∂b = d + c = 2 + 3.
        #expect(fromA.paths(limit: 5).sum == 2)
        #expect(fromB.paths(limit: 5).sum == 5)
        #expect(backward.gradients[b] == 5)
        #expect(fromB.cutNodes == [b, e])
    }

    @Test func repeatedOperandGivesOnePathPerEdge() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 3, name: "x")
        let y = tape.appendBinary(.mul, x, x, name: "y")
        let paths = PathAnalysis(tape: tape, from: x, to: y)
        #expect(paths.count == ExactCount(2))
        #expect(paths.paths(limit: 5).paths.map(\.edges) == [[0], [1]])
        #expect(paths.paths(limit: 5).sum == 6)
    }

    @Test(arguments: [1, 2, 5, 12])
    func chainOfDiamondsHasTwoToTheKPaths(k: Int) {
        let (tape, x, y) = Fixtures.diamondChain(k)
        let backward = Backward(tape: tape, from: y)
        let paths = backward.paths(from: x, on: tape)
        #expect(paths.count == ExactCount(UInt64(1) << UInt64(k)))
        let listing = paths.paths(limit: 1 << 12)
        #expect(listing.complete)
        #expect(listing.sum.isApproximatelyEqual(to: backward.gradients[x], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(paths.cutNodes.count == k + 1)
    }

    @Test func chainOfSeventyDiamondsIsCountedExactlyPast64Bits() {
        let (tape, x, y) = Fixtures.diamondChain(70)
        let backward = Backward(tape: tape, from: y)
        let paths = backward.paths(from: x, on: tape)
        #expect(paths.count.description == "1180591620717411303424")  // 2^70
        #expect(paths.count.uint64 == nil)
        #expect(!paths.count.isExactInDouble)
        #expect(paths.pathSum.isApproximatelyEqual(to: backward.gradients[x], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        let listing = paths.paths(limit: 100)
        #expect(listing.paths.count == 100)
        #expect(!listing.complete)
        #expect(listing.count == paths.count)
    }

    @Test func exactCountAddsWithCarriesAndPrintsDecimal() {
        var count = ExactCount(UInt64.max)
        count += .one
        #expect(count.description == "18446744073709551616")
        var doubled = count
        for _ in 0 ..< 64 { doubled += doubled }
        #expect(doubled.description == "340282366920938463463374607431768211456")  // 2^128
        #expect(ExactCount.zero.description == "0")
        #expect(ExactCount(1 << 53).isExactInDouble)
        #expect(!ExactCount((1 << 53) + 1).isExactInDouble)
        #expect(ExactCount(5) < count && !(count < ExactCount(5)))
    }

    @Test func noPathWhenTheOutputDoesNotDependOnTheNode() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 1, name: "x")
        let z = tape.appendLeaf(.input, value: 2, name: "z")
        let y = tape.appendUnary(.sin, z, name: "y")
        let paths = PathAnalysis(tape: tape, from: x, to: y)
        #expect(paths.count.isZero)
        #expect(paths.paths(limit: 10).paths.isEmpty)
        #expect(paths.top(3).isEmpty)
        #expect(paths.pathSum == 0)
    }
}

@Suite struct LongPathTests {
    @Test func aPathLongerThanTheCallStackIsDeepIsListed() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 0.3, name: "x")
        var v = x
        for _ in 0 ..< 50_000 { v = tape.appendUnary(.sin, v) }
        let backward = Backward(tape: tape, from: v)
        let paths = backward.paths(from: x, on: tape)
        #expect(paths.count == .one)
        let listed = paths.paths(limit: 1).paths
        #expect(listed.count == 1 && listed[0].edges.count == 50_000)
        #expect(paths.top(1).first?.edges == listed[0].edges)
        #expect(listed[0].product.isApproximatelyEqual(to: backward.gradients[x], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(paths.factored() == nil)  // 50 000 factors exceed the default budget
        #expect(paths.cutNodes.count == 50_001)
    }
}
