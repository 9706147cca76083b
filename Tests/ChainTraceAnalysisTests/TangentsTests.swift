import ChainTrace
import ChainTraceAnalysis
import ChainTraceTestSupport
import RealModule
import Testing

@Suite struct TangentsTests {
    @Test func forwardModeAgreesWithReverseMode() {
        var generator = SplitMix64(seed: 99)
        for _ in 0 ..< 40 {
            let tape = Fixtures.randomProgram(&generator, operations: Int.random(in: 3 ... 20, using: &generator))
            let output = tape.count - 1
            let backward = Backward(tape: tape, from: output)
            for node in 0 ..< tape.count where tape.op(of: node) == .input {
                let tangents = Tangents(tape: tape, wrt: node)
                #expect(tangents.tangents[node] == 1)
                #expect(tangents.tangents[output].isApproximatelyEqual(to: backward.gradients[node], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
            }
        }
    }

    @Test func tangentsOfTheChainExample() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 2, name: "x")
        let square = tape.appendUnary(.powConstant, x, parameter: 2)
        let one = tape.appendLeaf(.constant, value: 1)
        let u = tape.appendBinary(.add, square, one, name: "u")
        let y = tape.appendUnary(.powConstant, u, parameter: 3, name: "y")
        let tangents = Tangents(tape: tape, wrt: x).tangents
        #expect(tangents == [1, 4, 0, 4, 300])
        #expect(Backward(tape: tape, from: y).gradients[x] == tangents[y])
    }
}
