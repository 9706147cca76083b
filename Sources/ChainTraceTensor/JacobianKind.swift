/// The structure of an edge's local Jacobian (rows = consumer elements, columns = operand elements):
/// what a picture of the edge can show without the numbers.
public enum JacobianKind: String, Sendable, CaseIterable, Hashable {
    /// Diagonal: each result element depends on the one operand element at its position (elementwise ops).
    case elementwise
    /// Every result element may depend on every operand element (`matmul`, `softmax`, `logsumexp`, `dot`, `crossEntropy`).
    case dense
    /// An elementwise op whose operand was broadcast: diagonal, then summed over the broadcast axes,
    /// so each operand element feeds several result elements.
    case broadcastSum
    /// A reduction (`sum`, `mean`): each result element is a sum over its slice, a row of equal entries.
    case reduction
    /// A permutation of the elements (`transpose`): one 1 per row and per column.
    case permutation
    /// One-hot: the result is one chosen element of the operand (`index`).
    case selection
}
