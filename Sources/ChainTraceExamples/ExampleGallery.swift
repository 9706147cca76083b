import ChainTrace

/// Every sample trace, in the order a gallery shows them.
public enum ExampleGallery {
    /// The samples, each with its trace and explanation; deterministic, so renderings are reproducible.
    public static func all() -> [ExampleTrace] {
        [
            CompositeChain.example(),
            TotalDerivative.example(),
            ColahBranch.example(),
            BackpropFromScratch.firstRowExample(),
            Micrograd.neuronExample(),
            Micrograd.mlpExample(),
            SoftmaxCrossEntropy.example(),
            SharedWeights.example(),
            VanishingGradient.example(),
        ]
    }
}
