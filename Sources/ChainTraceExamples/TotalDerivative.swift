import ChainTrace

/// The chain-rule page's multivariable example: z = f(x, y) with x = g(t) and y = h(t).
///
/// Concretely x = t², y = sin t and z = x · y, so t reaches z along two paths and
/// dz/dt = ∂z/∂x · dx/dt + ∂z/∂y · dy/dt = y · 2t + x · cos t.
public enum TotalDerivative {
    /// The two path products and their sum, computed from the formulas (not from a trace).
    public static func pathProducts(t: Double) -> (throughX: Double, throughY: Double) {
        let x = t * t, y = Double.sin(t)
        return (y * (2 * t), x * Double.cos(t))
    }

    /// Traces z = x·y with x = t², y = sin t at `t`.
    public static func example(t: Double = 1.5) -> ExampleTrace {
        let trace = Trace()
        let tNode = trace.input("t", t)
        let x = pow(tNode, 2).named("x")
        let y = sin(tNode).named("y")
        let z = (x * y).named("z")
        let document = TraceDocument(trace, differentiating: z)
        let paths = pathProducts(t: t)
        let text = { (v: Double) in NumberText.significant(v, digits: 6) }
        let explanation = """
            z = f(x, y) = x · y depends on t through x = g(t) = t² and through y = h(t) = sin t, \
            so t is a branch point: its gradient is the sum of one contribution per path. \
            At t = \(text(t)): along t → x → z the product is ∂z/∂x · dx/dt = y · 2t = \(text(paths.throughX)); \
            along t → y → z it is ∂z/∂y · dy/dt = x · cos t = \(text(paths.throughY)). \
            The total derivative is their sum, dz/dt = \(text(paths.throughX + paths.throughY)).
            """
        return ExampleTrace(slug: "total-derivative", title: "The total derivative: z = f(x, y), x = g(t), y = h(t)",
                            explanation: explanation, document: document)
    }
}
