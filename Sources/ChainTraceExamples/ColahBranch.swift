import ChainTrace

/// The computational-graph example of colah's "Calculus on Computational Graphs": e = (a + b)(b + 1).
///
/// b feeds both factors, so ∂e/∂b = (b + 1)·1 + (a + b)·1, one term per path.
public enum ColahBranch {
    /// Traces c = a + b, d = b + 1, e = c · d.
    public static func example(a: Double = 2, b: Double = 1) -> ExampleTrace {
        let trace = Trace()
        let aNode = trace.input("a", a), bNode = trace.input("b", b)
        let c = (aNode + bNode).named("c")
        let d = (bNode + 1).named("d")
        let e = (c * d).named("e")
        let text = { (v: Double) in NumberText.significant(v, digits: 6) }
        let explanation = """
            b is a branch point: it reaches e through c = a + b and through d = b + 1. \
            Along b → c → e the product of local partials is ∂e/∂c · ∂c/∂b = d · 1 = \(text(d.value)); \
            along b → d → e it is ∂e/∂d · ∂d/∂b = c · 1 = \(text(c.value)). \
            ∂e/∂b is the sum, \(text(c.value + d.value)), while a has one path and ∂e/∂a = d = \(text(d.value)).
            """
        return ExampleTrace(slug: "branch", title: "A branch point: e = (a + b)(b + 1)",
                            explanation: explanation, document: TraceDocument(trace, differentiating: e))
    }
}
