import ChainTrace
import ChainTraceAnalysis

/// Finds which gradient of the forward computation a hand-written value computes, numerically at every point.
struct GradientMatcher {
    let evaluations: Evaluations
    let naming: AuditNaming
    /// Nodes whose gradients a value may match: the forward computation without the output and constants,
    /// with a gradient that is non-zero and finite at every point.
    let targets: [NodeID]
    private let targetGradients: [NodeID: [Double]]

    init(evaluations: Evaluations, naming: AuditNaming) {
        self.evaluations = evaluations
        self.naming = naming
        var gradients: [NodeID: [Double]] = [:]
        var targets: [NodeID] = []
        for node in 0 ..< evaluations.output where evaluations.inCone[node] && evaluations.base.op(of: node) != .constant {
            let gradient = evaluations.gradient(node)
            guard gradient.allNonZero else { continue }
            targets.append(node)
            gradients[node] = gradient
        }
        self.targets = targets
        self.targetGradients = gradients
    }

    func gradient(_ node: NodeID) -> [Double] { targetGradients[node] ?? evaluations.gradient(node) }

    /// Nodes whose gradient equals `values` at every point, the preferred first.
    func equalGradients(_ values: [Double]) -> [(node: NodeID, error: Double)] {
        let found = targets.compactMap { node -> (node: NodeID, error: Double)? in
            guard relativeError(values[0], evaluations.gradients[0][node]) <= Audit.tolerance else { return nil }
            let error = maxRelativeError(values, gradient(node))
            return error <= Audit.tolerance ? (node, error) : nil
        }
        return found.sorted { naming.preferred($0.node, over: $1.node) }
    }

    /// An input n (a parameter) and rate r with values = value(n) − r · ∂output/∂n at every point,
    /// r ≠ 0, the step standing out above rounding.
    func step(_ values: [Double]) -> (node: NodeID, rate: Double, error: Double)? {
        var best: (node: NodeID, rate: Double, error: Double)?
        for node in targets where evaluations.base.op(of: node) == .input {
            let weights = evaluations.values(node), gradient = gradient(node)
            let raw = (weights[0] - values[0]) / gradient[0]
            guard raw.isFinite, raw != 0 else { continue }
            for rate in [snapped(raw), raw] {
                var error = 0.0, visible = true
                for point in values.indices {
                    let stepSize = rate * gradient[point]
                    let scale = Swift.max(Swift.abs(values[point]), Swift.abs(weights[point]), Swift.abs(stepSize))
                    error = Swift.max(error, Swift.abs(values[point] - (weights[point] - stepSize)) / scale)
                    visible = visible && Swift.abs(stepSize) > 1e3 * Audit.tolerance * scale
                }
                if error <= Audit.tolerance && visible {
                    if best.map({ naming.preferred(node, over: $0.node) }) ?? true { best = (node, rate, error) }
                    break
                }
            }
        }
        return best
    }

    /// A node n and constant c ≠ 1 with values = c · ∂output/∂n at every point. Gradients that no input
    /// moves are skipped: any constant value would be a multiple of them.
    func scaled(_ values: [Double]) -> (node: NodeID, factor: Double, error: Double)? {
        var best: (node: NodeID, factor: Double, error: Double)?
        for node in targets {
            let gradient = gradient(node)
            guard !gradient.isConstant else { continue }
            let raw = values[0] / gradient[0]
            guard raw.isFinite, raw != 0 else { continue }
            for factor in [snapped(raw), raw] where relativeError(factor, 1) > Audit.tolerance {
                let error = maxRelativeError(values, gradient.map { factor * $0 })
                if error <= Audit.tolerance {
                    if best.map({ Self.simpler(factor, node, than: $0, naming) }) ?? true { best = (node, factor, error) }
                    break
                }
            }
        }
        return best
    }

    /// The gradient nearest to `values` at the first point, by relative error.
    func closest(_ values: [Double]) -> (node: NodeID, error: Double)? {
        targets.map { ($0, relativeError(values[0], gradient($0)[0])) }.min { $0.1 < $1.1 }
    }

    /// Named nodes first, then the factor nearest 1 in ratio.
    private static func simpler(_ factor: Double, _ node: NodeID, than other: (node: NodeID, factor: Double, error: Double), _ naming: AuditNaming) -> Bool {
        let rank = naming.rank(node), otherRank = naming.rank(other.node)
        if rank != otherRank { return rank < otherRank }
        let spread = Swift.max(Swift.abs(factor), 1 / Swift.abs(factor))
        let otherSpread = Swift.max(Swift.abs(other.factor), 1 / Swift.abs(other.factor))
        return spread < otherSpread
    }
}

/// `x` rounded to 10 significant digits, so a rate of 0.5 found as 0.49999999999987 reads 0.5; callers
/// check the rounded number against every point before using it.
func snapped(_ x: Double) -> Double {
    NumberText.rounded(x, digits: 10)
}
