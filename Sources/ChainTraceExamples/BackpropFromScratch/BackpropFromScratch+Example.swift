import ChainTrace

extension BackpropFromScratch {
    /// The first row of the article's training (epoch 0, before any update), with its deltas explained.
    public static func firstRowExample() -> ExampleTrace {
        var network = initializeNetwork()
        let pass = traceRow(&network, row: ArticleSetup.dataset[0])
        backwardPropagateError(&network, expected: pass.expected)
        let text = { (v: Double) in NumberText.significant(v, digits: 6) }
        let lines = neuronDeltas(network, pass: pass).joined().map { delta in
            "\(delta.name): error \(text(delta.error)) × σ′ \(text(delta.activationSlope)) = \(text(delta.gradientAtActivation)) (article: \(text(delta.articleDelta)))"
        }
        let explanation = """
            The article's network on its first row. Each neuron's delta is the gradient at its activation node: \
            the error arriving at its output (for an output neuron output − expected; for a hidden neuron the \
            sum of weight × delta over the neurons it feeds, a branch sum) times the sigmoid's local partial \
            output · (1 − output). A weight's gradient is that delta times the input on the weight's edge. \
            \(lines.joined(separator: "; ")).
            """
        return ExampleTrace(slug: "backprop-from-scratch", title: "Backprop from scratch: deltas are chain-rule products",
                            explanation: explanation, document: pass.document)
    }
}
