import ChainTrace

/// A recurrence unrolled in time, hₜ = tanh(w·hₜ₋₁ + u·xₜ), with one weight pair used at every step;
/// loss = ½(h_T − target)². ∂loss/∂w is the sum of one contribution per step.
public enum SharedWeights {
    /// The recurrence in plain arithmetic, for checking: the loss at the given weights.
    public static func loss(w: Double, u: Double, h0: Double, inputs: [Double], target: Double) -> Double {
        var h = h0
        for x in inputs { h = Double.tanh(w * h + u * x) }
        return 0.5 * (h - target) * (h - target)
    }

    /// Traces the unrolled recurrence; each step is in the scope `stepT`.
    public static func example(w: Double = 0.8, u: Double = 0.6, h0: Double = 0.5,
                               inputs: [Double] = [1, -0.5, 0.8], target: Double = 0.3) -> ExampleTrace {
        let trace = Trace()
        let wNode = trace.input("w", w), uNode = trace.input("u", u)
        var h = trace.constant(h0, name: "h0")
        for (t, x) in inputs.enumerated() {
            h = trace.scope("step\(t + 1)") {
                tanh(wNode * h + uNode * trace.constant(x, name: "x\(t + 1)")).named("h\(t + 1)")
            }
        }
        let loss = trace.scope("loss") { (0.5 * pow(h - trace.constant(target, name: "target"), 2)).named("loss") }
        let document = TraceDocument(trace, differentiating: loss)
        let text = { (v: Double) in NumberText.significant(v, digits: 4) }
        let contributions = document.backward.map { backward in
            backward.arrivals(on: document.tape)[wNode.id ?? 0].map { backward.contribution(of: $0, on: document.tape) }
        } ?? []
        let explanation = """
            The same weight w multiplies the state at each of the \(inputs.count) steps, so w is a branch \
            point with one edge per use. Each use sends back its own contribution (\
            \(contributions.map(text).joined(separator: ", "))), and ∂loss/∂w is their sum, \
            \(text(contributions.reduce(0, +))). This is backpropagation through time: no special rule, \
            only the branch sum of the chain rule.
            """
        return ExampleTrace(slug: "shared-weights", title: "Shared weights: a weight's gradient is the sum over its uses",
                            explanation: explanation, document: document)
    }
}
