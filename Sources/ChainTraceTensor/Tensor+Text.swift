import ChainTrace

extension Tensor {
    /// The numbers written out, nested in brackets by rank: `0.25`, `[0.5, −1.2]`, `[[1, 2], [3, 4]]`,
    /// each with `digits` significant digits and a true minus sign. Meant for small tensors: the tables,
    /// the chain of Jacobians and the diagrams summarise large ones (``TensorSummary``).
    public func text(digits: Int) -> String {
        let number = { (x: Double) in NumberText.significant(x, digits: digits) }
        if shape.rank == 0 { return number(elements[0]) }
        // Row-major: close and open a bracket at every boundary of the inner dimensions.
        let strides = shape.strides
        var result = String(repeating: "[", count: shape.rank)
        for (offset, element) in elements.enumerated() {
            if offset > 0 {
                let boundaries = strides.dropLast().filter { offset % $0 == 0 }.count
                result += String(repeating: "]", count: boundaries) + ", " + String(repeating: "[", count: boundaries)
            }
            result += number(element)
        }
        return result + String(repeating: "]", count: shape.rank)
    }
}
