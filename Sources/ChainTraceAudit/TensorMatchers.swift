import ChainTrace
import ChainTraceTensor

/// One ``GradientMatcher`` per shape: a tensor value is compared with the gradients of the nodes of its
/// shape and with the transposed gradients of the matrices of the transposed shape.
struct TensorMatchers {
    private let matchers: [Shape: GradientMatcher]
    private let ranks: [Int]

    /// Gradients of the forward computation without the output and constants, finite and not all zero.
    init(evaluations: TensorEvaluations, naming: TensorAuditNaming) {
        let tape = evaluations.base
        var targets: [Shape: [GradientMatcher.Target]] = [:]
        for node in 0 ..< evaluations.output where evaluations.inCone[node] && tape.op(of: node) != .constant {
            let gradient = evaluations.gradient(node)
            guard gradient.allSatisfy(\.isFinite), gradient.contains(where: { $0 != 0 }) else { continue }
            let shape = tape.shape(of: node)
            targets[shape, default: []].append(GradientMatcher.Target(
                node: node, transposed: false, gradient: gradient, weights: tape.op(of: node) == .input ? evaluations.values(node) : nil))
            if shape.rank == 2 {
                let transposed = Shape(shape.dimensions.reversed())
                targets[transposed, default: []].append(GradientMatcher.Target(
                    node: node, transposed: true, gradient: TensorEvaluations.transposed(gradient, shape: shape), weights: nil))
            }
        }
        let ranks = (0 ..< tape.count).map(naming.rank)
        self.matchers = targets.mapValues { GradientMatcher(targets: $0, elements: $0[0].gradient.count / evaluations.pointCount, ranks: ranks) }
        self.ranks = ranks
    }

    /// The matcher for values of `shape` (one without targets when no gradient has that shape).
    func matcher(for shape: Shape) -> GradientMatcher {
        matchers[shape] ?? GradientMatcher(targets: [], elements: shape.count, ranks: ranks)
    }

    /// The same numbers at every point, element by element.
    func isConstant(_ values: [Double], shape: Shape) -> Bool {
        matcher(for: shape).isConstant(values)
    }
}
