import ChainTrace

extension Audit {
    /// The audit as JSON (`audit-v1.schema.json`): deterministic, keys in a fixed order, numbers as the
    /// shortest text that reads back exactly, non-finite numbers as null.
    public func json() -> String {
        JSONValue.object([
            ("version", .raw("1")),
            ("output", .node(output)),
            ("points", .int(points)),
            ("tolerance", .number(Self.tolerance)),
            ("perturbation", .number(Self.perturbation)),
            ("partialSearchComplete", .raw(partialSearchComplete ? "true" : "false")),
            ("candidates", .array(candidates.map(JSONValue.candidate))),
        ]).text + "\n"
    }
}

/// The audit document as a tree; its depth is fixed by the format, not by the program audited.
private indirect enum JSONValue {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case raw(String)

    static func int(_ value: Int) -> JSONValue { .raw("\(value)") }

    static func optional<T>(_ value: T?, _ make: (T) -> JSONValue) -> JSONValue {
        value.map(make) ?? .raw("null")
    }

    static func node(_ node: AuditedNode) -> JSONValue {
        .object([("id", .int(node.id)), ("name", .string(node.name))])
    }

    static func edge(_ edge: AuditedEdge) -> JSONValue {
        .object([
            ("index", .int(edge.index)), ("consumer", .node(edge.consumer)), ("operand", .node(edge.operand)),
            ("derivativeName", .optional(edge.derivativeName, JSONValue.string)),
        ])
    }

    static func candidate(_ candidate: CandidateAudit) -> JSONValue {
        .object([
            ("name", .string(candidate.node.name)),
            ("node", .int(candidate.node.id)),
            ("line", .int(candidate.line)),
            ("value", .number(candidate.value)),
            ("verdict", .string(candidate.verdict.rawValue)),
            ("match", .optional(candidate.match, node)),
            ("sameGradient", .array(candidate.sameGradient.map(node))),
            ("c", .optional(candidate.factor, JSONValue.number)),
            ("difference", .optional(candidate.difference, JSONValue.number)),
            ("maxRelativeError", .number(candidate.maxRelativeError)),
            ("branch", .optional(candidate.branch) { branch in
                .object([("branchPoint", .node(branch.branchPoint)), ("included", .array(branch.included.map(edge))), ("total", .int(branch.total))])
            }),
            ("terms", .array(candidate.terms.map(term))),
            ("withOutputSigmoidPartial", .optional(candidate.withOutputSigmoidPartial, node)),
        ])
    }

    static func term(_ term: AuditTerm) -> JSONValue {
        .object([
            ("sign", .int(term.sign)),
            ("contribution", .optional(term.contribution, edge)),
            ("factors", .array(term.factors.map { factor in
                .object([
                    ("text", .string(factor.text)), ("role", .string(factor.role.rawValue)),
                    ("node", .optional(factor.node, node)), ("edge", .optional(factor.edge, edge)),
                    ("branchSum", .array(factor.branchSum.map(edge))), ("reuses", .optional(factor.reuses, JSONValue.string)),
                ])
            })),
        ])
    }

    var text: String {
        switch self {
        case .object(let fields): "{" + fields.map { JSONString.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case .array(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
        case .string(let value): JSONString.quoted(value)
        case .number(let value): value.isFinite ? NumberText.exact(value) : "null"
        case .raw(let value): value
        }
    }
}
