import ChainTrace

/// The chain-rule page's first example: y = (x² + 1)³ written as y = u³ with u = x² + 1.
public enum CompositeChain {
    /// Traces y = u³, u = x² + 1 at `x`; dy/dx = dy/du · du/dx = 3u² · 2x = 6x(x² + 1)².
    public static func example(x: Double = 2) -> ExampleTrace {
        let trace = Trace()
        let xNode = trace.input("x", x)
        let u = (pow(xNode, 2) + 1).named("u")
        let y = pow(u, 3).named("y")
        let document = TraceDocument(trace, differentiating: y)
        let dydu = 3 * u.value * u.value
        let dudx = 2 * x
        let text = { (v: Double) in NumberText.significant(v, digits: 6) }
        let explanation = """
            y = (x² + 1)³ is a chain of two links: u = x² + 1 inside y = u³. \
            At x = \(text(x)), u = \(text(u.value)) and y = \(text(y.value)). \
            The outer local partial is dy/du = 3u² = \(text(dydu)); the inner one is du/dx = 2x = \(text(dudx)). \
            The chain rule multiplies them along the only path x → u → y: \
            dy/dx = \(text(dydu)) × \(text(dudx)) = \(text(dydu * dudx)), which is 6x(x² + 1)².
            """
        return ExampleTrace(slug: "composite-chain", title: "The chain rule, link by link: y = (x² + 1)³",
                            explanation: explanation, document: document)
    }
}
