import ChainTrace

/// A deep chain of sigmoids, aₖ = σ(aₖ₋₁): each link multiplies the gradient by σ′ ≤ ¼, so it
/// shrinks geometrically on the way back to the input.
public enum VanishingGradient {
    /// Traces `depth` sigmoids applied in turn to the input `x`, naming them a1 … a`depth`.
    public static func example(x: Double = 0.5, depth: Int = 10) -> ExampleTrace {
        precondition(depth >= 1, "the chain needs at least one sigmoid")
        let trace = Trace()
        let input = trace.input("a0", x)
        var a = input
        var layers = [input]
        for k in 1 ... depth {
            a = trace.scope("layer\(k)") { sigmoid(a).named("a\(k)") }
            layers.append(a)
        }
        let document = TraceDocument(trace, differentiating: a)
        let gradients = layers.compactMap(\.id).map { document.backward?.gradients[$0] ?? 0 }
        let text = { (v: Double) in NumberText.significant(v, digits: 3) }
        let explanation = """
            Each sigmoid's local partial σ′ = a(1 − a) is at most ¼, and the chain rule multiplies one per \
            link, so the gradient of a\(depth) shrinks on the way back along the path: from a\(depth) to a0 it \
            goes \(gradients.reversed().map(text).joined(separator: ", ")). Weights early in a deep sigmoid \
            network learn slowly because their gradient is such a product.
            """
        return ExampleTrace(slug: "vanishing-gradient", title: "Vanishing gradient: a deep chain of sigmoids",
                            explanation: explanation, document: document)
    }
}
