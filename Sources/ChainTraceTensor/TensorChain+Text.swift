import ChainTrace
import ChainTraceAnalysis

extension TensorChain {
    /// The chain as text: per path, each local Jacobian from the output down with its symbol, shape
    /// and structure (and its numbers when it has at most `numbersUpTo` entries), the path's product,
    /// then the sum over the paths and whether it equals the backward pass's gradient.
    ///
    /// ```
    /// ∂J/∂W1: W1 [3×2], J []; 1 path, a product of local Jacobians (rows: the consumer's elements, columns: the operand's)
    /// path 1: W1 → t6 → t7 → h → t9 → t10 → o → t12 → t13 → t14 → J
    ///   ∂o/∂t10 = diag(σ′(t10))  [1×1]  elementwise
    ///             [0.2369]
    ///   ∂t9/∂h  = W2             [1×3]  dense
    /// ```
    public func text(on tape: TensorTape, digits: Int = 4, numbersUpTo: Int = 36) -> String {
        let name = { (node: TensorNodeID) in TensorExpansion.displayName(of: node, on: tape) }
        let symbol = { (node: TensorNodeID) in Self.derivativeSymbol(name(node)) }
        let wrt = "∂\(symbol(output))/∂\(symbol(node))"
        let counted = pathCount == 1 ? "1 path" : "\(pathCount == Int.max ? "more than \(Int.max)" : String(pathCount)) paths"
        var lines = ["\(wrt): \(name(node)) \(tape.shape(of: node)), \(name(output)) \(tape.shape(of: output)); \(counted), "
            + "each a product of local Jacobians (rows: the consumer's elements, columns: the operand's)"]
        if paths.isEmpty {
            lines.append("\(name(output)) does not depend on \(name(node)): the gradient is 0")
        }
        for (index, path) in paths.enumerated() {
            lines.append("")
            lines.append("path \(index + 1): " + ([node] + path.map(tape.consumer(of:))).map(name).joined(separator: " → "))
            let factors = path.reversed().map { edge in
                (left: "∂\(symbol(tape.consumer(of: edge)))/∂\(symbol(tape.operand(of: edge)))", edge: edge)
            }
            let leftWidth = factors.map(\.left.count).max() ?? 0
            let symbols = factors.map { tape.jacobianSymbol(of: $0.edge) }
            let symbolWidth = symbols.map(\.count).max() ?? 0
            let indent = String(repeating: " ", count: leftWidth + 5)
            for (factor, jacobianSymbol) in zip(factors, symbols) {
                let rows = tape.shape(of: tape.consumer(of: factor.edge)).count, columns = tape.shape(of: tape.operand(of: factor.edge)).count
                lines.append("  " + factor.left.padded(leftWidth) + " = " + jacobianSymbol.padded(symbolWidth)
                    + "  [\(rows)×\(columns)]  " + tape.rule(of: factor.edge).kind.rawValue)
                // An identity's numbers say nothing its symbol does not.
                if jacobianSymbol != "I", rows * columns <= numbersUpTo, let jacobian = tape.localJacobian(of: factor.edge, limit: numbersUpTo) {
                    for row in 0 ..< jacobian.rows {
                        lines.append(indent + Self.row((0 ..< jacobian.columns).map { jacobian[row, $0] }, digits: digits))
                    }
                }
            }
            lines.append("  product" + String(repeating: " ", count: max(leftWidth - 7, 0)) + " = "
                + products[index].text(digits: digits) + "  " + products[index].shape.description)
        }
        let sum = productSum
        let agrees = zip(sum.elements, gradient.elements).allSatisfy { Self.close($0, $1) }
        if !paths.isEmpty {
            lines.append("")
            let branchPoints = branchPointNames(on: tape)
            let summed = paths.count == 1 ? "the product of the one path"
                : "the sum of the \(paths.count) paths' products" + (branchPoints.isEmpty ? "" : " (they part at the branch point\(branchPoints.count == 1 ? "" : "s") \(branchPoints.joined(separator: ", ")))")
            if isComplete {
                lines.append("\(wrt) = \(summed) = " + sum.text(digits: digits)
                    + (agrees ? ", the backward pass's gradient" : "; the backward pass found " + gradient.text(digits: digits)))
            } else {
                lines.append("\(wrt) = " + gradient.text(digits: digits) + " (backward pass); the \(paths.count) paths listed sum to "
                    + sum.text(digits: digits))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The nodes where listed paths part: a node left by two or more different edges of the paths.
    func branchPointNames(on tape: TensorTape) -> [String] {
        var leaving: [TensorNodeID: Set<Int>] = [:]
        for path in paths {
            for edge in path { leaving[tape.operand(of: edge), default: []].insert(edge) }
        }
        return leaving.filter { $0.value.count > 1 }.keys.sorted().map { TensorExpansion.displayName(of: $0, on: tape) }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(a), Swift.abs(b))
    }

    /// A name as it stands after ∂: in brackets when it is not a plain identifier.
    static func derivativeSymbol(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? name : "(" + name + ")"
    }

    /// `[0.5, −1.2, 0]`.
    static func row(_ values: [Double], digits: Int) -> String {
        "[" + values.map { NumberText.significant($0, digits: digits) }.joined(separator: ", ") + "]"
    }
}

private extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
