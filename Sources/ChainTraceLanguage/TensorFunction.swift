/// The functions that only make sense on tensors. They are functions only where they are called,
/// `sum(x)`: elsewhere their names stay free for variables (`sum = e0 + e1` is a scalar program).
enum TensorFunction: String, CaseIterable, Sendable {
    case sum, mean, transpose, softmax, logsumexp, dot
    /// `cross_entropy(z, y)`: logits and a target distribution.
    case crossEntropy = "cross_entropy"

    /// How many tensors it takes (the `axis=` argument aside).
    var arity: Int { self == .dot || self == .crossEntropy ? 2 : 1 }

    /// Whether it reduces along one axis when given `axis=`, or over the whole tensor without it.
    var takesAxis: Bool {
        switch self {
        case .sum, .mean, .logsumexp: true
        case .transpose, .softmax, .dot, .crossEntropy: false
        }
    }
}
