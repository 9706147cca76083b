/// The data and starting weights of the backprop-from-scratch article, as it states them.
public enum ArticleSetup {
    /// The article's ten rows: two features, then the class label (0 or 1).
    public static let dataset: [[Double]] = [
        [2.7810836, 2.550537003, 0],
        [1.465489372, 2.362125076, 0],
        [3.396561688, 4.400293529, 0],
        [1.38807019, 1.850220317, 0],
        [3.06407232, 3.005305973, 0],
        [7.627531214, 2.759262235, 1],
        [5.332441248, 2.088626775, 1],
        [6.922596716, 1.77106367, 1],
        [8.675418651, -0.242068655, 1],
        [7.673756466, 3.508563011, 1],
    ]

    /// The weights the article's seeded generator (`random.seed(1)`) gives: per layer, per neuron,
    /// the input weights followed by the bias.
    public static let initialWeights: [[[Double]]] = [
        [
            [0.13436424411240122, 0.8474337369372327, 0.763774618976614],
            [0.2550690257394217, 0.49543508709194095, 0.4494910647887381],
        ],
        [
            [0.651592972722763, 0.7887233511355132, 0.0938595867742349],
            [0.02834747652200631, 0.8357651039198697, 0.43276706790505337],
        ],
    ]

    /// The article's learning rate.
    public static let learningRate = 0.5
    /// The article's number of epochs.
    public static let epochs = 20
    /// The number of classes, one output neuron each.
    public static let outputCount = 2
}
