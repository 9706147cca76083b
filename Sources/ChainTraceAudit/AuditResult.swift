import ChainTrace

/// What a hand-written value turned out to be, one word shared by the text, the JSON and the report.
public enum AuditVerdict: String, Sendable, CaseIterable {
    /// It is ∂output/∂node for a node of the forward computation.
    case equal
    /// It is a gradient-descent step on a node: value − rate · ∂output/∂node.
    case step
    /// It is c · ∂output/∂node with a constant c ≠ 1 (c = −1: a sign error).
    case scaled
    /// It is ∂output/∂node computed with only some of a branch point's contributions.
    case partial
    /// Nothing matches; the closest gradient is reported.
    case none
}

/// A node of the audited tape, by id and by the name it is shown with.
public struct AuditedNode: Sendable, Equatable {
    /// The node id.
    public let id: NodeID
    /// Its name, made distinct with `#id` when the program reuses the name (`w#12`).
    public let name: String
}

/// An edge of the forward computation: operand → consumer, shown as the local partial ∂consumer/∂operand.
public struct AuditedEdge: Sendable, Equatable {
    /// The edge index on the tape.
    public let index: Int
    /// The consumer, written as its formula when it has no name (`h0w0·x0`).
    public let consumer: AuditedNode
    /// The operand.
    public let operand: AuditedNode
    /// The local partial's usual name when the consumer is a function (`σ′`, `tanh′`), else nil.
    public let derivativeName: String?
    /// In a tensor audit, the edge's rule as `TensorRule` writes it (`matmul, left operand: Ḡ · Bᵀ`); nil in a scalar one.
    public let rule: String?
}

/// For a `partial` verdict: which of a branch point's contributions the hand-written value summed.
public struct BranchPart: Sendable, Equatable {
    /// The branch point whose sum is incomplete.
    public let branchPoint: AuditedNode
    /// The contributions included (their edges).
    public let included: [AuditedEdge]
    /// How many contributions the branch point receives.
    public let total: Int
}

/// How one factor (or a run of adjacent factors) of a hand-written product takes part in the chain rule.
public enum FactorRole: String, Sendable, CaseIterable {
    /// An upstream gradient ∂output/∂node.
    case upstream
    /// The local partial of one forward edge.
    case localPartial = "local partial"
    /// One edge's contribution, upstream × local partial, arriving at a branch point.
    case contribution
    /// A number that no input moves.
    case constant
    /// A value of the forward computation used as it is (the weight in `w − rate · gradient`).
    case value
    /// σ′ written with the pre-activation a, a(1 − a), where the sigmoid's local partial needs its output.
    case preActivation = "pre-activation"
    /// Nothing in the forward computation has this value at every point.
    case unmatched
}

/// One factor (or run of adjacent factors) of a term of a hand-written value, and what it matched.
public struct AuditFactor: Sendable, Equatable {
    /// The factor as written: `o0·(1 − o0)`.
    public let text: String
    /// Its role in the chain rule.
    public let role: FactorRole
    /// The node whose gradient it is (`upstream`), whose value it is (`value`), or the sigmoid node (`pre-activation`).
    public let node: AuditedNode?
    /// The edge whose local partial or contribution it is; for an upstream gradient written as a matrix
    /// product, the edge whose contribution (its rule applied to its upstream) the product is.
    public let edge: AuditedEdge?
    /// For an upstream gradient written as a sum at a branch point: the contributions summed, one per term
    /// (or a consumer's several, below). For a contribution that is all the contributions of one consumer
    /// using the branch point more than once (`decay · W2` for `W2 ⊙ W2`): those edges; else empty.
    public let branchSum: [AuditedEdge]
    /// The hand-written value it reuses, when it is one (`delta_o0`).
    public let reuses: String?
}

/// One term of a hand-written value (a sum of products has several), as factors.
public struct AuditTerm: Sendable, Equatable {
    /// +1 or −1.
    public let sign: Int
    /// The factors, adjacent ones grouped where their product is one chain-rule quantity.
    public let factors: [AuditFactor]
    /// The edge whose contribution the whole term equals, when the term is one contribution.
    public let contribution: AuditedEdge?
    /// How its factors are multiplied as written: ` · ` (numbers, a matrix product, a scalar times a
    /// tensor) or ` ⊙ ` (tensors elementwise).
    public let times: String
}

/// The audit of one hand-written value.
public struct CandidateAudit: Sendable, Equatable {
    /// The hand-written value's node.
    public let node: AuditedNode
    /// Its source line (0 when unknown).
    public let line: Int
    /// Its value at the first point (the program's own inputs); a tensor's first element.
    public let value: Double
    /// In a tensor audit, the value's shape (`[2, 1]`); nil in a scalar one.
    public let shape: [Int]?
    /// A tensor's elements at the first point, row-major; the one value in a scalar audit.
    public let elements: [Double]
    /// In a tensor audit, whether the value matches the transpose of ∂output/∂match (a matrix written
    /// the other way round), which every verdict then refers to.
    public let transposed: Bool
    /// What it is.
    public let verdict: AuditVerdict
    /// The node whose gradient it computes (`equal`, `step`, `scaled`, `partial`) or comes closest to (`none`).
    public let match: AuditedNode?
    /// Other named nodes with the same gradient at every point (`o0b` beside `o0act`).
    public let sameGradient: [AuditedNode]
    /// c for `scaled`, the rate for `step`, the ratio value / gradient at the first point for `none`.
    public let factor: Double?
    /// value − gradient at the first point, for `none`.
    public let difference: Double?
    /// The largest relative error over the points and a tensor's elements (for `none`, at the first point).
    public let maxRelativeError: Double
    /// For `partial`: the branch point and the contributions that were summed.
    public let branch: BranchPart?
    /// The value's expression as terms of factors matched to the chain rule (empty when it is a single name or call).
    public let terms: [AuditTerm]
    /// For `none`: the node whose gradient the value would be if its σ′ written at the pre-activation,
    /// a(1 − a), were the sigmoid's local partial σ(a)(1 − σ(a)).
    public let withOutputSigmoidPartial: AuditedNode?
}

extension CandidateAudit {
    /// The forward edges whose local partials the value multiplies, in edge order: each local partial
    /// factor's edge (σ′ at the pre-activation included), each contribution's edge, the contributions
    /// an upstream written as a sum adds, and, for `partial`, the contributions summed. The report
    /// highlights them with ``match``.
    public var multipliedEdges: [Int] {
        var edges = Set(branch?.included.map(\.index) ?? [])
        for term in terms {
            if let contribution = term.contribution { edges.insert(contribution.index) }
            for factor in term.factors {
                if let edge = factor.edge, [.localPartial, .contribution, .preActivation].contains(factor.role) { edges.insert(edge.index) }
                edges.formUnion(factor.branchSum.map(\.index))
            }
        }
        return edges.sorted()
    }
}
