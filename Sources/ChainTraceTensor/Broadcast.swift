/// Index maps for NumPy broadcasting: where each element of a broadcast result reads its operand.
enum Broadcast {
    /// For every element of `result` (row-major), the row-major offset of the element of an operand
    /// of shape `operand` that broadcasting reads there. One array per operation, no allocation per element.
    static func offsets(of operand: Shape, in result: Shape) -> [Int] {
        let lead = result.rank - operand.rank
        let operandStrides = operand.strides
        var strides = [Int](repeating: 0, count: result.rank)
        for axis in lead ..< result.rank where operand.dimensions[axis - lead] != 1 {
            strides[axis] = operandStrides[axis - lead]
        }
        var offsets = [Int](repeating: 0, count: result.count)
        var index = [Int](repeating: 0, count: result.rank)
        var offset = 0
        for element in offsets.indices {
            offsets[element] = offset
            var axis = result.rank - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < result.dimensions[axis] { break }
                offset -= strides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return offsets
    }
}
