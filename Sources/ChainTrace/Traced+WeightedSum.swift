/// `bias + w₀·x₀ + w₁·x₁ + …`, a neuron's weighted sum, recorded exactly as the loop
/// `var s = bias; for i in weights.indices { s = s + weights[i] * inputs[i] }` records it: one
/// product and one sum per pair, in that order. ∂(wᵢ·xᵢ)/∂wᵢ = xᵢ and ∂(wᵢ·xᵢ)/∂xᵢ = wᵢ; each
/// sum's local partials are 1.
///
/// The same nodes as the loop, recorded faster. When the bias and every weight and input are
/// recorded on one trace and both collections are contiguous (arrays, slices), the pairs are read
/// in place: no reference to the trace is copied per term. The loop retains and releases the trace
/// once per term, atomic operations that are about a quarter of its recording time. In every other case
/// (a detached constant among the values, a lazy collection) this runs the loop itself.
///
/// ```swift
/// let z = weightedSum(w, x, bias: b)   // b + w[0]·x[0] + w[1]·x[1] + …
/// ```
@inlinable
public func weightedSum<Weights: Collection<Traced>, Inputs: Collection<Traced>>(
    _ weights: Weights, _ inputs: Inputs, bias: Traced
) -> Traced {
    let count = weights.count
    precondition(count == inputs.count, "weightedSum needs as many weights as inputs (\(count) weights, \(inputs.count) inputs)")
    if let trace = bias.trace {
        let recorded = weights.withContiguousStorageIfAvailable { weights in
            inputs.withContiguousStorageIfAvailable { inputs in
                trace.recordWeightedSum(weights, inputs, bias: Int(bias.node))
            } ?? nil
        } ?? nil
        if let recorded { return Traced(trace: trace, id: recorded) }
    }
    var sum = bias
    for (weight, input) in zip(weights, inputs) { sum = sum + weight * input }
    return sum
}

extension Trace {
    /// Records `bias + Σᵢ weights[i]·inputs[i]` as products and sums, in the loop's order, when
    /// every weight and input is recorded on this trace; records nothing and returns nil otherwise.
    ///
    /// The values are checked first, in a loop that calls nothing, so reading their trace for the
    /// comparison needs no retain; the second loop reads only their node ids.
    @usableFromInline
    func recordWeightedSum(_ weights: UnsafeBufferPointer<Traced>, _ inputs: UnsafeBufferPointer<Traced>, bias: NodeID) -> NodeID? {
        guard weights.count == inputs.count else { return nil }
        for index in weights.indices where weights[index].trace !== self || inputs[index].trace !== self {
            return nil
        }
        var sum = bias
        for index in weights.indices {
            let product = record(.mul, Int(weights[index].node), Int(inputs[index].node))
            sum = record(.add, sum, product)
        }
        return sum
    }
}
