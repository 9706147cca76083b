import ChainTrace
import ChainTraceAnalysis

/// Finds which gradient of the forward computation a hand-written value computes, numerically at every point.
///
/// A value and a gradient are numbers per point, each point a run of `elements` numbers (one for a
/// scalar audit, a tensor's elements row-major for a tensor audit), so one comparison covers every
/// element at every point.
struct GradientMatcher {
    /// A gradient a value may match: ∂output/∂node, or its transpose for a matrix written the other way round.
    struct Target {
        let node: Int
        let transposed: Bool
        /// ∂output/∂node, point after point.
        let gradient: [Double]
        /// The node's own value, for an input that a step may update; nil otherwise.
        let weights: [Double]?
    }

    let targets: [Target]
    /// Numbers per point.
    let elements: Int
    /// Per node: 0 for a named computed node, 1 for a named input, 2 for an intermediate (``AuditNaming/rank(_:)``).
    let ranks: [Int]

    /// Gradients of the scalar forward computation without the output and constants, non-zero and finite at every point.
    init(evaluations: Evaluations, naming: AuditNaming) {
        var targets: [Target] = []
        for node in 0 ..< evaluations.output where evaluations.inCone[node] && evaluations.base.op(of: node) != .constant {
            let gradient = evaluations.gradient(node)
            guard gradient.allNonZero else { continue }
            targets.append(Target(node: node, transposed: false, gradient: gradient,
                                  weights: evaluations.base.op(of: node) == .input ? evaluations.values(node) : nil))
        }
        self.init(targets: targets, elements: 1, ranks: (0 ..< evaluations.base.count).map(naming.rank))
    }

    init(targets: [Target], elements: Int, ranks: [Int]) {
        self.targets = targets
        self.elements = elements
        self.ranks = ranks
    }

    /// Whether `a` is reported rather than `b`: the better rank, then the later node (the activation
    /// `o0act`, not the partial sums its chain recorded first), then the gradient as it stands, not transposed.
    func preferred(_ a: Target, over b: Target) -> Bool {
        if ranks[a.node] != ranks[b.node] { return ranks[a.node] < ranks[b.node] }
        return a.node != b.node ? a.node > b.node : !a.transposed && b.transposed
    }

    /// The element of the first point where a gradient is largest: ratios are read there, away from zeros.
    func anchor(_ gradient: [Double]) -> Int {
        (0 ..< elements).max { Swift.abs(gradient[$0]) < Swift.abs(gradient[$1]) } ?? 0
    }

    /// Targets whose gradient equals `values` at every point, the preferred first.
    func equalGradients(_ values: [Double]) -> [(target: Target, error: Double)] {
        let found = targets.compactMap { target -> (target: Target, error: Double)? in
            guard values.count == target.gradient.count, relativeError(values[0], target.gradient[0]) <= Audit.tolerance else { return nil }
            let error = maxRelativeError(values, target.gradient)
            return error <= Audit.tolerance ? (target, error) : nil
        }
        return found.sorted { preferred($0.target, over: $1.target) }
    }

    /// An input n (a parameter) and rate r with values = value(n) − r · ∂output/∂n at every point,
    /// r ≠ 0, the step standing out above rounding.
    func step(_ values: [Double]) -> (target: Target, rate: Double, error: Double)? {
        var best: (target: Target, rate: Double, error: Double)?
        for target in targets where !target.transposed && target.gradient.count == values.count {
            guard let weights = target.weights else { continue }
            let gradient = target.gradient, at = anchor(gradient)
            let raw = (weights[at] - values[at]) / gradient[at]
            guard raw.isFinite, raw != 0 else { continue }
            for rate in [snapped(raw), raw] {
                var error = 0.0, visible = true
                for index in values.indices {
                    let stepSize = rate * gradient[index]
                    let scale = Swift.max(Swift.abs(values[index]), Swift.abs(weights[index]), Swift.abs(stepSize))
                    if scale > 0 { error = Swift.max(error, Swift.abs(values[index] - (weights[index] - stepSize)) / scale) }
                    if index % elements == at { visible = visible && Swift.abs(stepSize) > 1e3 * Audit.tolerance * scale }
                }
                if error <= Audit.tolerance && visible {
                    if best.map({ preferred(target, over: $0.target) }) ?? true { best = (target, rate, error) }
                    break
                }
            }
        }
        return best
    }

    /// A target and constant c ≠ 1 with values = c · ∂output/∂n at every point. Gradients that no input
    /// moves are skipped: any constant value would be a multiple of them.
    func scaled(_ values: [Double]) -> (target: Target, factor: Double, error: Double)? {
        var best: (target: Target, factor: Double, error: Double)?
        for target in targets where target.gradient.count == values.count {
            let gradient = target.gradient, at = anchor(gradient)
            guard !isConstant(gradient) else { continue }
            let raw = values[at] / gradient[at]
            guard raw.isFinite, raw != 0 else { continue }
            for factor in [snapped(raw), raw] where relativeError(factor, 1) > Audit.tolerance {
                let error = maxRelativeError(values, gradient.map { factor * $0 })
                if error <= Audit.tolerance {
                    if best.map({ simpler(factor, target, than: $0) }) ?? true { best = (target, factor, error) }
                    break
                }
            }
        }
        return best
    }

    /// The gradient nearest to `values` at the first point, by the largest relative error over its elements.
    func closest(_ values: [Double]) -> (target: Target, error: Double)? {
        targets.filter { $0.gradient.count == values.count }
            .map { ($0, maxRelativeError(Array(values[0 ..< elements]), Array($0.gradient[0 ..< elements]))) }
            .min { $0.1 < $1.1 }
    }

    /// The same numbers at every point: a quantity the perturbed inputs do not move.
    func isConstant(_ values: [Double]) -> Bool {
        values.indices.allSatisfy { relativeError(values[$0], values[$0 % elements]) <= Audit.tolerance }
    }

    /// Named nodes first, then the factor nearest 1 in ratio.
    private func simpler(_ factor: Double, _ target: Target, than other: (target: Target, factor: Double, error: Double)) -> Bool {
        let rank = ranks[target.node], otherRank = ranks[other.target.node]
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
