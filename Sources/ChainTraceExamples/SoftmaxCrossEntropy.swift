import ChainTrace

/// Softmax followed by cross-entropy: pᵢ = e^zᵢ / Σⱼ e^zⱼ, loss = −Σᵢ yᵢ ln pᵢ; ∂loss/∂zᵢ = pᵢ − yᵢ when Σ yᵢ = 1.
public enum SoftmaxCrossEntropy {
    /// The probabilities and the loss's gradient by the closed form pᵢ − yᵢ, in plain arithmetic.
    public static func closedForm(logits: [Double], target: [Double]) -> (probabilities: [Double], gradient: [Double]) {
        let exps = logits.map { Double.exp($0) }
        let sum = exps.reduce(0, +)
        let p = exps.map { $0 / sum }
        return (p, zip(p, target).map { $0 - $1 })
    }

    /// Traces the loss for `logits` against the distribution `target` (soft targets keep every path alive).
    public static func example(logits: [Double] = [2, 1, 0.1], target: [Double] = [0.7, 0.2, 0.1]) -> ExampleTrace {
        precondition(logits.count == target.count && !logits.isEmpty, "one target probability per logit")
        let trace = Trace()
        let z = logits.enumerated().map { trace.input("z\($0.offset)", $0.element) }
        let (p, sum) = trace.scope("softmax") {
            let e = z.enumerated().map { exp($0.element).named("e\($0.offset)") }
            let sum = e.dropFirst().reduce(e[0], +).named("sum")
            return (e.enumerated().map { ($0.element / sum).named("p\($0.offset)") }, sum)
        }
        let loss = trace.scope("cross-entropy") {
            var total: Traced?
            for i in p.indices {
                let term = trace.constant(target[i], name: "y\(i)") * log(p[i])
                total = total.map { $0 + term } ?? term
            }
            return (-(total ?? 0)).named("loss")
        }
        let text = { (v: Double) in NumberText.significant(v, digits: 4) }
        let gradient = z.compactMap(\.id).map { trace.backward(from: loss).gradients[$0] }
        let explanation = """
            Each e^zᵢ fans out twice, into the sum and into its own pᵢ, and the sum (\(text(sum.value))) fans \
            out to every pᵢ: these branch points receive one contribution per consumer, and only the sum of \
            them is the gradient. The sums give ∂loss/∂zᵢ = pᵢ − yᵢ: \
            \(zip(p, target).map { "\(text($0.value)) − \(text($1))" }.joined(separator: ", ")) = \
            \(gradient.map(text).joined(separator: ", ")).
            """
        return ExampleTrace(slug: "softmax-cross-entropy", title: "Softmax with cross-entropy: fan-out and branch sums",
                            explanation: explanation, document: TraceDocument(trace, differentiating: loss))
    }
}
