import ChainTrace
import ChainTraceTensor

/// The tensor form of ``Decomposer``: splits a hand-written tensor value into terms and factors and
/// matches them to the chain rule at tensor level, with the edges' own rules (`TensorRule`, the
/// contribution `TensorTape.contribution(of:upstream:)` computes) rather than a table of its own.
///
/// `a * b` of equal shapes is an elementwise product (⊙), whose factors may be an upstream gradient and
/// the diagonal of an elementwise edge's local Jacobian (σ′ as `o ⊙ (1 − o)`); `A @ B` is a matrix
/// product, matched to a `matmul` edge's contribution Ḡ · Bᵀ or Aᵀ · Ḡ, its operands to the upstream Ḡ
/// and the local partial (the other operand, transposed).
struct TensorDecomposer {
    let evaluations: TensorEvaluations
    let naming: TensorAuditNaming
    let matchers: TensorMatchers
    /// Earlier hand-written values that equal a gradient: reused as upstream factors by name.
    var reusable: [TensorNodeID: TensorNodeID] = [:]
    private let diagonals: [(edge: Int, diagonal: [Double])]
    /// Each contribution at a branch point, and each group a consumer using it more than once sends (``BranchSearch/contributionGroups(_:consumer:)``), summed.
    private let branchContributions: [(edges: [Int], contribution: [Double])]
    private let matmulEdges: [Int]
    /// Per sigmoid edge, its pre-activation z as z ⊙ (1 − z): σ′ written at the wrong end of the edge.
    private let sigmoidPreActivations: [(edge: Int, values: [Double])]

    init(evaluations: TensorEvaluations, naming: TensorAuditNaming, matchers: TensorMatchers) {
        self.evaluations = evaluations
        self.naming = naming
        self.matchers = matchers
        let tape = evaluations.base
        let coneEdges = (0 ..< tape.edgeCount).filter { evaluations.inCone[tape.consumer(of: $0)] }
        self.diagonals = coneEdges.filter { tape.rule(of: $0).kind == .elementwise }.map { ($0, evaluations.diagonal($0)) }
            .filter { !matchers.isConstant($0.1, shape: tape.shape(of: tape.operand(of: $0.0))) }
        self.branchContributions = (0 ..< tape.count).filter(evaluations.isBranchPoint)
            .flatMap { BranchSearch.contributionGroups(evaluations.arrivals[$0], consumer: tape.consumer(of:)) }
            .map { ($0, evaluations.contribution(of: $0)) }
        self.matmulEdges = coneEdges.filter { tape.op(of: tape.consumer(of: $0)) == .matmul }
        self.sigmoidPreActivations = coneEdges.filter { tape.op(of: tape.consumer(of: $0)) == .unary(.sigmoid) }
            .map { ($0, evaluations.values(tape.operand(of: $0)).map { $0 * (1 - $0) }) }
    }

    private var tape: TensorTape { evaluations.base }

    private func expandable(_ node: TensorNodeID, root: TensorNodeID) -> Bool {
        node == root || (tape.name(of: node) == nil && !tape.op(of: node).isLeaf && !evaluations.inCone[node])
    }

    /// The signed terms of a sum of same-shaped tensors rooted at `root` (one term when it is not a sum).
    private func terms(of root: TensorNodeID) -> [(node: TensorNodeID, sign: Int)] {
        var terms: [(node: TensorNodeID, sign: Int)] = []
        var stack = [(node: root, sign: 1)]
        while let (node, sign) = stack.popLast() {
            let operands = tape.inputs(of: node)
            let sameShapes = operands.allSatisfy { tape.shape(of: $0) == tape.shape(of: node) }
            switch tape.op(of: node) {
            case .binary(.add) where sameShapes && expandable(node, root: root): stack += [(operands[1], sign), (operands[0], sign)]
            case .binary(.sub) where sameShapes && expandable(node, root: root): stack += [(operands[1], -sign), (operands[0], sign)]
            default: terms.append((node, sign))
            }
        }
        return terms
    }

    /// The factors of an elementwise product rooted at `term` (power −1 for divisors; each of the
    /// term's shape or one number), and the sign negations gave.
    private func factors(of term: TensorNodeID, root: TensorNodeID) -> (factors: [(node: TensorNodeID, power: Int)], sign: Int) {
        var factors: [(node: TensorNodeID, power: Int)] = []
        var sign = 1
        var stack = [(node: term, power: 1)]
        while let (node, power) = stack.popLast() {
            let operands = tape.inputs(of: node)
            let open = expandable(node, root: root)
                && operands.allSatisfy { tape.shape(of: $0) == tape.shape(of: node) || tape.shape(of: $0).count == 1 }
            switch tape.op(of: node) {
            case .binary(.mul) where open: stack += [(operands[1], power), (operands[0], power)]
            case .binary(.div) where open: stack += [(operands[1], -power), (operands[0], power)]
            case .unary(.neg) where open:
                sign = -sign
                stack.append((operands[0], power))
            default: factors.append((node, power))
            }
        }
        return (factors, sign)
    }

    /// Whether `node` is written as a term of the value's sum, as the weight is in `W − rate · dW`.
    func writesTerm(_ node: TensorNodeID, in candidate: TensorNodeID) -> Bool {
        terms(of: candidate).contains { $0.node == node && $0.sign == 1 }
    }

    /// The value's terms with their factors matched; empty when the value is a single name or call.
    func decompose(_ candidate: TensorNodeID, matched: TensorNodeID?) -> [AuditTerm] {
        let sumTerms = terms(of: candidate)
        guard sumTerms.count <= Decomposer.mostTerms else { return [] }
        var result: [AuditTerm] = []
        for (termNode, termSign) in sumTerms {
            let whole = sumTerms.count == 1
            if tape.op(of: termNode) == .matmul, expandable(termNode, root: candidate) {
                result.append(matrixProduct(termNode, sign: termSign, matched: matched))
                continue
            }
            let (factorList, sign) = factors(of: termNode, root: candidate)
            guard factorList.count <= Decomposer.mostTerms else { return [] }
            if whole && factorList.count == 1 && factorList[0].node == candidate { return [] }
            let matchedFactors = Decomposer.runs(of: factorList.count, whole: whole) { range in
                match(Array(factorList[range]), root: candidate, matched: matched, among: factorList.count)
            } unmatched: { unmatched(factorList[$0], among: factorList.count) }
            let values = evaluations.values(termNode).map { Double(termSign) * $0 }
            let contribution = whole ? nil : matched.flatMap { node in
                evaluations.shape(node) == tape.shape(of: termNode)
                    ? evaluations.arrivals[node].first { agrees(values, evaluations.contribution($0)) } : nil
            }
            let elementwise = factorList.allSatisfy { tape.shape(of: $0.node).rank > 0 }
            result.append(AuditTerm(sign: termSign * sign, factors: matchedFactors, contribution: contribution.map(naming.edge),
                                    times: elementwise ? " ⊙ " : " · "))
        }
        return result
    }

    /// `A @ B` as a matmul edge's contribution: the operand that is a gradient is the upstream Ḡ, the
    /// other the edge's local partial (the other operand of the forward product, transposed).
    private func matrixProduct(_ term: TensorNodeID, sign: Int, matched: TensorNodeID?) -> AuditTerm {
        let values = evaluations.values(term).map { Double(sign) * $0 }
        let shape = tape.shape(of: term)
        let edge = matmulEdges.first { tape.shape(of: tape.operand(of: $0)) == shape && agrees(values, evaluations.contribution($0)) }
        let factors = tape.inputs(of: term).map { operand -> AuditFactor in
            let upstream = match([(operand, 1)], root: term, matched: matched, among: 2)
            if let edge, upstream?.role != .upstream {
                return AuditFactor(text: naming.text(of: operand), role: .localPartial, node: nil, edge: naming.edge(edge), branchSum: [], reuses: nil)
            }
            return upstream ?? unmatched((operand, 1), among: 2)
        }
        return AuditTerm(sign: sign, factors: factors, contribution: edge.map(naming.edge), times: " · ")
    }

    /// A run's numbers point after point (scalars broadcast over the run's shape) and that shape.
    private func values(of run: [(node: TensorNodeID, power: Int)]) -> (values: [Double], shape: Shape) {
        let shape = run.map { tape.shape(of: $0.node) }.first { $0.count > 1 } ?? run.map { tape.shape(of: $0.node) }[0]
        var values: [Double] = []
        for point in 0 ..< evaluations.pointCount {
            var product = [Double](repeating: 1, count: shape.count)
            for factor in run {
                let elements = evaluations.tapes[point].value(of: factor.node).elements
                for i in product.indices {
                    let value = elements.count == 1 ? elements[0] : elements[i]
                    product[i] = factor.power == 1 ? product[i] * value : product[i] / value
                }
            }
            values += product
        }
        return (values, shape)
    }

    /// A run's text; a factor written as a sum, or as a matrix product among other factors, in brackets.
    private func text(of run: [(node: TensorNodeID, power: Int)], among count: Int) -> String {
        let elementwise = run.allSatisfy { tape.shape(of: $0.node).rank > 0 }
        return run.map { factor in
            let text = naming.text(of: factor.node)
            let product = count > 1 && tape.op(of: factor.node) == .matmul && tape.name(of: factor.node) == nil
            let bracketed = product || run.count > 1 && (text.contains(" + ") || text.contains(" − ")) ? "(" + text + ")" : text
            return factor.power == 1 ? bracketed : "1 / " + bracketed
        }.joined(separator: elementwise ? " ⊙ " : "·")
    }

    private func unmatched(_ factor: (node: TensorNodeID, power: Int), among count: Int) -> AuditFactor {
        let (values, shape) = values(of: [factor])
        let role: FactorRole = matchers.isConstant(values, shape: shape) ? .constant : .unmatched
        return AuditFactor(text: text(of: [factor], among: count), role: role, node: nil, edge: nil, branchSum: [], reuses: nil)
    }

    /// What a run of `count` factors matches in the chain rule, or nil.
    private func match(_ run: [(node: TensorNodeID, power: Int)], root: TensorNodeID, matched: TensorNodeID?, among count: Int) -> AuditFactor? {
        let (values, shape) = values(of: run)
        func factor(_ role: FactorRole, node: TensorNodeID? = nil, edge: Int? = nil, branchSum: [Int] = [], reuses: String? = nil) -> AuditFactor {
            AuditFactor(text: text(of: run, among: count), role: role, node: node.map(naming.node), edge: edge.map(naming.edge),
                        branchSum: branchSum.map(naming.edge), reuses: reuses)
        }
        if matchers.isConstant(values, shape: shape) { return run.count == 1 ? factor(.constant) : nil }
        let single = run.count == 1 && run[0].power == 1
        if single, let gradientNode = reusable[run[0].node] {
            return factor(.upstream, node: gradientNode, reuses: naming.node(run[0].node).name)
        }
        // A run of several factors that is the matched gradient itself (delta2 ⊙ x in a step, or 2 · … in a
        // scaled value) says more split into its upstream and local partial.
        let matchedGradient = matched.map(evaluations.gradient)
        let equal = matchers.matcher(for: shape).equalGradients(values).filter { !$0.target.transposed }
        let isMatched = { (gradient: [Double]) in matchedGradient.map { $0.count == gradient.count && agrees(gradient, $0) } ?? false }
        if let node = equal.first(where: { run.count == 1 || !isMatched($0.target.gradient) })?.target.node {
            // A gradient written as a matrix product is one matmul edge's contribution: say which.
            let product = single && tape.op(of: run[0].node) == .matmul
                ? matmulEdges.first { tape.operand(of: $0) == node && agrees(values, evaluations.contribution($0)) } : nil
            return factor(.upstream, node: node, edge: product, branchSum: single ? branchSum(run[0].node, root: root, at: node) : [])
        }
        // A forward value written on its own is a local partial only on an edge from the matched node;
        // otherwise it is just that value (W2 in a step).
        let reference = single && evaluations.inCone[run[0].node]
        // The matched node written as a term on its own is its value (W2 in W2 − 0.5 · dW2), even where an
        // edge's local partial has the same numbers (∂(W2 ⊙ W2)/∂W2 = W2).
        if reference && count == 1 && run[0].node == matched { return factor(.value, node: run[0].node) }
        let partials = diagonals.filter { $0.diagonal.count == values.count && agrees(values, $0.diagonal) }.map(\.edge)
        if let edge = partials.first(where: { matched == tape.operand(of: $0) }) ?? (reference ? nil : partials.first) {
            return factor(.localPartial, edge: edge)
        }
        if reference { return factor(.value, node: run[0].node) }
        if let edges = branchContributions.first(where: { $0.contribution.count == values.count && agrees(values, $0.contribution) })?.edges {
            // Several edges of one consumer (decay · W2 for W2 ⊙ W2) are its contributions summed, listed as such.
            return factor(.contribution, edge: edges[0], branchSum: edges.count > 1 ? edges : [])
        }
        if let edge = sigmoidPreActivations.first(where: { $0.values.count == values.count && agrees(values, $0.values) })?.edge {
            return factor(.preActivation, node: tape.consumer(of: edge), edge: edge)
        }
        return nil
    }

    /// When `factor` is a written-out sum whose terms are the contributions arriving at the branch
    /// point `node` (a term may be a consumer's several, ``BranchSearch/contributionGroups(_:consumer:)``),
    /// those contributions' edges in the order written.
    private func branchSum(_ factor: TensorNodeID, root: TensorNodeID, at node: TensorNodeID) -> [Int] {
        guard evaluations.isBranchPoint(node), expandable(factor, root: root), [.binary(.add), .binary(.sub)].contains(tape.op(of: factor)) else { return [] }
        let groups = BranchSearch.contributionGroups(evaluations.arrivals[node], consumer: tape.consumer(of:))
        return BranchSearch.writtenSum(terms(of: factor).map { term in evaluations.values(term.node).map { Double(term.sign) * $0 } },
                                       groups: groups.map { ($0, evaluations.contribution(of: $0)) }, total: evaluations.arrivals[node].count)
    }
}
