import ChainTrace
import ChainTraceLanguage

/// Which gradient each hand-written value of a computation computes, and how it uses the chain rule.
///
/// The output and everything it depends on is the forward computation; every other named value (the
/// last node of each name) is a hand-written candidate. Each candidate is compared with the gradients
/// ∂output/∂node at every recorded point and gets a verdict (``AuditVerdict``) and a decomposition of
/// its factors into upstream gradients, local partials and contributions.
///
/// ```swift
/// let audit = try Audit(program: program, output: "loss")
/// print(audit.text())
/// ```
public struct Audit: Sendable, Equatable {
    /// The relative error a match may have at any point.
    public static let tolerance = 1e-9
    /// The output differentiated.
    public let output: AuditedNode
    /// How many points were compared (the first is the unperturbed one).
    public let points: Int
    /// The hand-written values in recording order.
    public let candidates: [CandidateAudit]
    /// False when the search for incomplete branch-point sums stopped at its work budget.
    public let partialSearchComplete: Bool

    /// Audits a computation recorded at several points with one layout; `runs[0]` is the one reported.
    ///
    /// Record the same code at inputs perturbed a little (a few per cent) so that a value equal to a
    /// gradient at one point by coincidence does not match.
    public init(runs: [Tape], output: NodeID) throws(AuditError) {
        let evaluations = try Evaluations(tapes: runs, output: output)
        let naming = AuditNaming(tape: evaluations.base)
        let matcher = GradientMatcher(evaluations: evaluations, naming: naming)
        var decomposer = Decomposer(evaluations: evaluations, naming: naming, matcher: matcher)
        var branchSearch: BranchSearch?
        var candidates: [CandidateAudit] = []
        for node in Self.candidates(evaluations) {
            let values = evaluations.values(node)
            var judged = CandidateJudgement()
            let equalGradients = matcher.equalGradients(values)
            if let equal = equalGradients.first {
                judged.set(.equal, equal.target.node, error: equal.error)
                judged.sameGradient = equalGradients.map(\.target.node).filter { $0 != equal.target.node && naming.rank($0) < 2 }
                decomposer.reusable[node] = equal.target.node
            } else if let step = matcher.step(values), decomposer.writesTerm(step.target.node, in: node) {
                judged.set(.step, step.target.node, error: step.error, factor: step.rate)
            } else if let scaled = matcher.scaled(values) {
                judged.set(.scaled, scaled.target.node, error: scaled.error, factor: scaled.factor)
            } else if let partial = { () -> (branchPoint: NodeID, edges: [Int], node: NodeID, error: Double)? in
                if branchSearch == nil { branchSearch = BranchSearch(evaluations: evaluations, budget: BranchSearch.budget) }
                return branchSearch?.match(values, evaluations: evaluations, naming: naming)
            }() {
                judged.set(.partial, partial.node, error: partial.error)
                judged.branch = BranchPart(branchPoint: naming.node(partial.branchPoint), included: partial.edges.map(naming.edge),
                                           total: evaluations.arrivals[partial.branchPoint].count)
            } else if let closest = matcher.closest(values) {
                let gradient = evaluations.gradients[0][closest.target.node]
                judged.set(.none, closest.target.node, error: closest.error, factor: values[0] / gradient)
                judged.difference = values[0] - gradient
            }
            let terms = decomposer.decompose(node, matched: judged.match)
            let repaired = judged.verdict == .none ? Self.repairedSigmoidPartial(values, terms: terms, numbers: evaluations.values, matcher: matcher) : nil
            candidates.append(CandidateAudit(
                node: naming.node(node), line: Int(evaluations.base.line(of: node)), value: values[0], shape: nil, elements: [values[0]],
                transposed: false, verdict: judged.verdict,
                match: judged.match.map(naming.node), sameGradient: judged.sameGradient.map(naming.node), factor: judged.factor,
                difference: judged.difference, maxRelativeError: judged.error, branch: judged.branch,
                terms: terms, withOutputSigmoidPartial: repaired.map(naming.node)
            ))
        }
        self.output = naming.node(output)
        self.points = runs.count
        self.candidates = candidates
        self.partialSearchComplete = branchSearch?.complete ?? true
    }

    /// When a one-term value multiplies σ′ written at the pre-activation, a(1 − a), the node whose gradient
    /// it would be with the sigmoid's local partial σ(a)(1 − σ(a)) in its place (elementwise for tensors;
    /// `numbers` gives a node's numbers laid out as `values`).
    static func repairedSigmoidPartial(_ values: [Double], terms: [AuditTerm], numbers: (Int) -> [Double], matcher: GradientMatcher) -> Int? {
        guard terms.count == 1, let edge = terms[0].factors.first(where: { $0.role == .preActivation })?.edge else { return nil }
        let preActivation = numbers(edge.operand.id), output = numbers(edge.consumer.id)
        guard preActivation.count == values.count, output.count == values.count else { return nil }
        let repaired = values.indices.map { index in
            values[index] / (preActivation[index] * (1 - preActivation[index])) * output[index] * (1 - output[index])
        }
        return matcher.equalGradients(repaired).first { !$0.target.transposed }?.target.node
    }

    /// The hand-written values: the last node of each name, when it is computed (not an input or a
    /// constant) and outside the forward computation.
    static func candidates(_ evaluations: Evaluations) -> [NodeID] {
        let tape = evaluations.base
        return lastOfEachName(count: tape.count, name: tape.name(of:)) { !evaluations.inCone[$0] && !tape.op(of: $0).isLeaf }
    }

    /// The last node of each name among `count` nodes that `keep` accepts, in node order (for either tape).
    static func lastOfEachName(count: Int, name: (Int) -> String?, keep: (Int) -> Bool) -> [Int] {
        var last: [String: Int] = [:]
        for node in 0 ..< count {
            if let name = name(node) { last[name] = node }
        }
        return last.values.filter(keep).sorted()
    }
}

/// A candidate's verdict while it is being decided.
private struct CandidateJudgement {
    var verdict = AuditVerdict.none
    var match: NodeID?
    var error = Double.infinity
    var factor: Double?
    var difference: Double?
    var sameGradient: [NodeID] = []
    var branch: BranchPart?

    mutating func set(_ verdict: AuditVerdict, _ node: NodeID, error: Double, factor: Double? = nil) {
        self.verdict = verdict
        self.match = node
        self.error = error
        self.factor = factor
    }
}

/// A computation the audit cannot compare: no points, an output not on the tape, or points whose
/// layouts differ; or a program without a name to audit.
public struct AuditError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and what to do.
    public let description: String

    /// An error with this message.
    public init(_ description: String) {
        self.description = description
    }
}
