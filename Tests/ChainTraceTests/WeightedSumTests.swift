@testable import ChainTrace
import Testing

/// `weightedSum(_:_:bias:)` records exactly what the loop `s = s + w * x` records, on its fast
/// path (every value on one trace, contiguous collections) and on the loop it falls back to.
struct WeightedSumTests {
    /// How the weights, inputs and bias of a case are made on a trace.
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case allRecorded, detachedBias, detachedWeight, detachedInput, empty, inScope, slices, lazyCollections

        var testDescription: String { rawValue }
    }

    /// The values of a case: weights, inputs, bias.
    static func values(_ testCase: Case, on trace: Trace) -> (weights: [Traced], inputs: [Traced], bias: Traced) {
        let count = testCase == .empty ? 0 : 5
        var weights = (0 ..< count).map { trace.input("w\($0)", 0.25 * Double($0) - 0.4) }
        var inputs = (0 ..< count).map { trace.constant(1.5 - 0.75 * Double($0)) }
        var bias = trace.input("b", 0.1)
        switch testCase {
        case .detachedBias: bias = Traced(0.1)
        case .detachedWeight: weights[2] = Traced(3)
        case .detachedInput: inputs[4] = 2.5
        default: break
        }
        return (weights, inputs, bias)
    }

    /// Records a case's sum with the loop (`weightedSum: false`) or with `weightedSum`.
    static func record(_ testCase: Case, weightedSum useFunction: Bool) -> (trace: Trace, sum: Traced, values: (weights: [Traced], inputs: [Traced], bias: Traced)) {
        let trace = Trace()
        let values = values(testCase, on: trace)
        let body: () -> Traced = {
            guard useFunction else {
                var sum = values.bias
                for (weight, input) in zip(values.weights, values.inputs) { sum = sum + weight * input }
                return sum
            }
            switch testCase {
            case .slices: return weightedSum(values.weights[1...], values.inputs[1...], bias: values.bias)
            case .lazyCollections: return weightedSum(values.weights.lazy.map { $0 }, values.inputs.lazy.map { $0 }, bias: values.bias)
            default: return weightedSum(values.weights, values.inputs, bias: values.bias)
            }
        }
        let sum = testCase == .inScope ? trace.scope("neuron", body) : body()
        return (trace, sum, values)
    }

    @Test(arguments: Case.allCases)
    func recordsTheLoopsTape(_ testCase: Case) {
        let function = Self.record(testCase, weightedSum: true)
        // The loop over the same pairs (the slice case sums pairs 1 to 4).
        let loop: (trace: Trace, sum: Traced) = {
            guard testCase == .slices else { let made = Self.record(testCase, weightedSum: false); return (made.trace, made.sum) }
            let trace = Trace()
            let values = Self.values(.allRecorded, on: trace)
            var sum = values.bias
            for index in 1 ..< values.weights.count { sum = sum + values.weights[index] * values.inputs[index] }
            return (trace, sum)
        }()
        #expect(function.trace.tape == loop.trace.tape)
        #expect(function.sum.id == loop.sum.id)
        #expect(function.sum.value == loop.sum.value)
    }

    /// ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂bias = 1, through the backward pass over the recorded sum.
    @Test func gradientsAreTheOtherFactors() {
        let (trace, sum, values) = Self.record(.allRecorded, weightedSum: true)
        let backward = trace.backward(from: sum)
        #expect(backward.gradient(of: values.bias) == 1)
        for (weight, input) in zip(values.weights, values.inputs) {
            #expect(backward.gradient(of: weight) == input.value)
            #expect(backward.gradient(of: input) == weight.value)
        }
        let expected = zip(values.weights, values.inputs).reduce(values.bias.value) { $0 + $1.0.value * $1.1.value }
        #expect(abs(sum.value - expected) <= 1e-15)
    }

    /// The fast path records nothing and declines when a value is not on its trace, so the loop
    /// it falls back to records every node once.
    @Test func fastPathDeclinesValuesOffItsTrace() {
        let trace = Trace(), other = Trace()
        let weights = [trace.input("w", 2), trace.input("v", 3)]
        let strangers = [trace.constant(1), other.constant(4)]
        let before = trace.tape.count
        let declined = weights.withUnsafeBufferPointer { weights in
            strangers.withUnsafeBufferPointer { trace.recordWeightedSum(weights, $0, bias: 0) }
        }
        #expect(declined == nil)
        #expect(trace.tape.count == before)
        let detached: [Traced] = [trace.constant(1), 5]
        let alsoDeclined = weights.withUnsafeBufferPointer { weights in
            detached.withUnsafeBufferPointer { trace.recordWeightedSum(weights, $0, bias: 0) }
        }
        #expect(alsoDeclined == nil)
        #expect(trace.tape.count == before + 1)
        let accepted = weights.withUnsafeBufferPointer { weights in
            [trace.constant(1), trace.constant(6)].withUnsafeBufferPointer { trace.recordWeightedSum(weights, $0, bias: 0) }
        }
        #expect(accepted == trace.tape.count - 1)
        #expect(trace.tape.count == before + 1 + 2 + 4)
    }
}
