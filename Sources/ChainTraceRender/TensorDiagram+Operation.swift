import ChainTraceTensor

extension TensorDiagram {
    /// The operation as a tensor node shows it (`matmul`, `sum over axis 0`, `index [1, 0]`, `^2`), so the
    /// report's panels name an op as its diagram does.
    public static func operation(_ node: TensorNodeID, on tape: TensorTape) -> String {
        TensorLabels.operation(node, on: tape)
    }
}
