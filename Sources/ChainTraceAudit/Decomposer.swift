import ChainTrace
import ChainTraceAnalysis

/// Splits a hand-written value into terms and factors and matches each factor, or each run of adjacent
/// factors, to the chain rule: an upstream gradient, a local partial, a contribution at a branch point.
///
/// The value's own expression is the nodes its line recorded: unnamed operations outside the forward
/// computation, reached from the value's node. Named nodes and inputs are references. Flattening uses
/// explicit stacks, so a long written-out sum costs a loop, not recursion.
struct Decomposer {
    let evaluations: Evaluations
    let naming: AuditNaming
    let matcher: GradientMatcher
    /// Earlier hand-written values that equal a gradient: reused as upstream factors by name.
    var reusable: [NodeID: NodeID] = [:]
    private let partialEdges: [(edge: Int, partials: [Double])]
    /// Each contribution at a branch point, and each group a consumer using it more than once sends (``BranchSearch/contributionGroups(_:consumer:)``), summed.
    private let contributionEdges: [(edges: [Int], contributions: [Double])]
    private let sigmoidEdges: [Int]
    /// Runs of adjacent factors longer than this are not tried as one chain-rule quantity.
    static let longestRun = 6
    /// A value written as a sum of more terms, or with a product of more factors, is not decomposed: each
    /// would be read against every gradient and edge, and the text could not show them anyway.
    static let mostTerms = 32

    init(evaluations: Evaluations, naming: AuditNaming, matcher: GradientMatcher) {
        self.evaluations = evaluations
        self.naming = naming
        self.matcher = matcher
        let tape = evaluations.base
        let coneEdges = (0 ..< tape.edgeCount).filter { evaluations.inCone[tape.consumer(of: $0)] }
        self.partialEdges = coneEdges.map { ($0, evaluations.partial($0)) }.filter { !$0.1.isConstant }
        self.contributionEdges = (0 ..< tape.count).filter(evaluations.isBranchPoint)
            .flatMap { BranchSearch.contributionGroups(evaluations.arrivals[$0], consumer: tape.consumer(of:)) }
            .map { ($0, evaluations.contribution(of: $0)) }
        self.sigmoidEdges = coneEdges.filter { tape.op(of: tape.consumer(of: $0)) == .sigmoid }
    }

    private var tape: Tape { evaluations.base }

    private func expandable(_ node: NodeID, root: NodeID) -> Bool {
        node == root || (tape.name(of: node) == nil && !tape.op(of: node).isLeaf && !evaluations.inCone[node])
    }

    /// The signed terms of a sum rooted at `root` (one term when it is not a sum).
    private func terms(of root: NodeID) -> [(node: NodeID, sign: Int)] {
        var terms: [(node: NodeID, sign: Int)] = []
        var stack = [(node: root, sign: 1)]
        while let (node, sign) = stack.popLast() {
            let operands = tape.inputs(of: node)
            switch tape.op(of: node) {
            case .add where expandable(node, root: root): stack += [(operands[1], sign), (operands[0], sign)]
            case .sub where expandable(node, root: root): stack += [(operands[1], -sign), (operands[0], sign)]
            default: terms.append((node, sign))
            }
        }
        return terms
    }

    /// The factors of a product rooted at `term` (power −1 for divisors), and the sign negations gave.
    private func factors(of term: NodeID, root: NodeID) -> (factors: [(node: NodeID, power: Int)], sign: Int) {
        var factors: [(node: NodeID, power: Int)] = []
        var sign = 1
        var stack = [(node: term, power: 1)]
        while let (node, power) = stack.popLast() {
            let operands = tape.inputs(of: node)
            let open = expandable(node, root: root)
            switch tape.op(of: node) {
            case .mul where open: stack += [(operands[1], power), (operands[0], power)]
            case .div where open: stack += [(operands[1], -power), (operands[0], power)]
            case .neg where open:
                sign = -sign
                stack.append((operands[0], power))
            default: factors.append((node, power))
            }
        }
        return (factors, sign)
    }

    /// Whether `node` is written as a term of the value's sum, as the weight is in `w − rate · g`: what
    /// makes a value a step rather than a multiple of a gradient that is proportional to its node.
    func writesTerm(_ node: NodeID, in candidate: NodeID) -> Bool {
        terms(of: candidate).contains { $0.node == node && $0.sign == 1 }
    }

    /// The value's terms with their factors matched; empty when the value is a single name or call.
    func decompose(_ candidate: NodeID, matched: NodeID?) -> [AuditTerm] {
        let sumTerms = terms(of: candidate)
        guard sumTerms.count <= Self.mostTerms else { return [] }
        var result: [AuditTerm] = []
        for (termNode, termSign) in sumTerms {
            let (factorList, sign) = factors(of: termNode, root: candidate)
            guard factorList.count <= Self.mostTerms else { return [] }
            let whole = sumTerms.count == 1
            if whole && factorList.count == 1 && factorList[0].node == candidate { return [] }
            let matchedFactors = Self.runs(of: factorList.count, whole: whole) { range in
                match(Array(factorList[range]), root: candidate, matched: matched, among: factorList.count)
            } unmatched: { unmatched(factorList[$0]) }
            let contribution = whole ? nil : matched.flatMap { node in
                evaluations.arrivals[node].first { agrees(termValues(termNode, sign: termSign), evaluations.contribution($0)) }
            }
            result.append(AuditTerm(sign: termSign * sign, factors: matchedFactors, contribution: contribution.map(naming.edge), times: " · "))
        }
        return result
    }

    /// `count` factors matched left to right, each time the longest run (up to ``longestRun``) that
    /// `match` accepts, else the one factor as `unmatched` gives it; a whole one-term value is not
    /// matched as one run (that is the verdict's job).
    static func runs(of count: Int, whole: Bool, match: (Range<Int>) -> AuditFactor?, unmatched: (Int) -> AuditFactor) -> [AuditFactor] {
        var factors: [AuditFactor] = []
        var start = 0
        while start < count {
            let longest = Swift.min(longestRun, count - start - (whole && start == 0 && count > 1 ? 1 : 0))
            var found: (AuditFactor, Int)?
            for length in stride(from: longest, through: 1, by: -1) {
                if let factor = match(start ..< start + length) {
                    found = (factor, length)
                    break
                }
            }
            let (factor, length) = found ?? (unmatched(start), 1)
            factors.append(factor)
            start += length
        }
        return factors
    }

    private func termValues(_ node: NodeID, sign: Int) -> [Double] {
        evaluations.values(node).map { Double(sign) * $0 }
    }

    private func values(of run: [(node: NodeID, power: Int)]) -> [Double] {
        (0 ..< evaluations.pointCount).map { point in
            run.reduce(1.0) { product, factor in
                let value = evaluations.tapes[point].value(of: factor.node)
                return factor.power == 1 ? product * value : product / value
            }
        }
    }

    private func text(of run: [(node: NodeID, power: Int)]) -> String {
        let formulas = run.map { factor -> Formula in
            let formula = naming.names.formula(of: factor.node)
            return factor.power == 1 ? formula : .quotient(.number(1), formula)
        }
        return formulas.count == 1 ? formulas[0].text() : Formula.chain(formulas).text()
    }

    private func unmatched(_ factor: (node: NodeID, power: Int)) -> AuditFactor {
        let role: FactorRole = values(of: [factor]).isConstant ? .constant : .unmatched
        return AuditFactor(text: text(of: [factor]), role: role, node: nil, edge: nil, branchSum: [], reuses: nil)
    }

    private func match(_ run: [(node: NodeID, power: Int)], root: NodeID, matched: NodeID?, among count: Int) -> AuditFactor? {
        let values = values(of: run)
        func factor(_ role: FactorRole, node: NodeID? = nil, edge: Int? = nil, branchSum: [Int] = [], reuses: String? = nil) -> AuditFactor {
            AuditFactor(text: text(of: run), role: role, node: node.map(naming.node), edge: edge.map(naming.edge),
                        branchSum: branchSum.map(naming.edge), reuses: reuses)
        }
        if values.isConstant { return run.count == 1 ? factor(.constant) : nil }
        if run.count == 1, run[0].power == 1, let gradientNode = reusable[run[0].node] {
            return factor(.upstream, node: gradientNode, reuses: naming.node(run[0].node).name)
        }
        // A run of several factors that is the matched gradient itself (delta_h0 · x0 in a step on h0w0)
        // says more split into its upstream and local partial.
        if let node = matcher.equalGradients(values).first(where: { run.count == 1 || $0.target.node != matched })?.target.node {
            return factor(.upstream, node: node, branchSum: run.count == 1 ? branchSum(run[0].node, root: root, at: node) : [])
        }
        // A forward value written on its own is a local partial only on an edge from the matched node
        // (x0 in delta_h0 · x0 for ∂loss/∂h0w0); otherwise it is just that value (h0w0 in a step).
        let reference = run.count == 1 && run[0].power == 1 && evaluations.inCone[run[0].node]
        // The matched node written as a term on its own is its value (w in w − 0.5 · dw), even where an
        // edge's local partial has the same numbers (∂(w·w)/∂w = w).
        if reference && count == 1 && run[0].node == matched { return factor(.value, node: run[0].node) }
        let partials = partialEdges.filter { agrees(values, $0.partials) }.map(\.edge)
        if let edge = partials.first(where: { matched == tape.operand(of: $0) }) ?? (reference ? nil : partials.first) {
            return factor(.localPartial, edge: edge)
        }
        if reference { return factor(.value, node: run[0].node) }
        if let edges = contributionEdges.first(where: { agrees(values, $0.contributions) })?.edges {
            // Several edges of one consumer (decay · w for w·w) are its contributions summed, listed as such.
            return factor(.contribution, edge: edges[0], branchSum: edges.count > 1 ? edges : [])
        }
        for edge in sigmoidEdges {
            let preActivation = evaluations.values(tape.operand(of: edge)).map { $0 * (1 - $0) }
            if agrees(values, preActivation) {
                return factor(.preActivation, node: tape.consumer(of: edge), edge: edge)
            }
        }
        return nil
    }

    /// When `factor` is a written-out sum whose terms are the contributions arriving at the branch
    /// point `node` (a term may be a consumer's several, ``BranchSearch/contributionGroups(_:consumer:)``),
    /// those contributions' edges in the order written.
    private func branchSum(_ factor: NodeID, root: NodeID, at node: NodeID) -> [Int] {
        guard evaluations.isBranchPoint(node), expandable(factor, root: root), [.add, .sub].contains(tape.op(of: factor)) else { return [] }
        let groups = BranchSearch.contributionGroups(evaluations.arrivals[node], consumer: tape.consumer(of:))
        return BranchSearch.writtenSum(terms(of: factor).map { termValues($0.node, sign: $0.sign) },
                                       groups: groups.map { ($0, evaluations.contribution(of: $0)) }, total: evaluations.arrivals[node].count)
    }
}
