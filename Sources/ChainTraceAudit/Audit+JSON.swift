import ChainTrace
import ChainTraceText

extension Audit {
    /// The audit as JSON (`audit-v1.schema.json`): deterministic, keys in a fixed order, numbers as the
    /// shortest text that reads back exactly, non-finite numbers as null.
    public func json() -> String {
        JSONValue.object([
            ("version", .int(1)),
            ("output", .node(output)),
            ("points", .int(points)),
            ("tolerance", .number(Self.tolerance)),
            ("perturbation", .number(Self.perturbation)),
            ("partialSearchComplete", .bool(partialSearchComplete)),
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
    case int(Int)
    case bool(Bool)
    case null

    static func optional<T>(_ value: T?, _ make: (T) -> JSONValue) -> JSONValue {
        value.map(make) ?? .null
    }

    static func node(_ node: AuditedNode) -> JSONValue {
        .object([("id", .int(node.id)), ("name", .string(node.name))])
    }

    static func edge(_ edge: AuditedEdge) -> JSONValue {
        .object([
            ("index", .int(edge.index)), ("consumer", .node(edge.consumer)), ("operand", .node(edge.operand)),
            ("derivativeName", .optional(edge.derivativeName, JSONValue.string)),
        ] + (edge.rule.map { [("rule", .string($0))] } ?? []))
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
        ] + (candidate.shape.map { shape in
            // Only a tensor audit's candidates have these, so a scalar audit's JSON stays as it was.
            [("shape", .array(shape.map(JSONValue.int))), ("elements", .array(candidate.elements.map(JSONValue.number))),
             ("transposed", .bool(candidate.transposed))]
        } ?? []))
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
        var json = JSONWriter(keySeparator: ":")
        write(to: &json)
        return json.text
    }

    private func write(to json: inout JSONWriter) {
        switch self {
        case .object(let fields):
            json.beginObject(.compact)
            for (key, value) in fields {
                json.key(key)
                value.write(to: &json)
            }
            json.end()
        case .array(let items): json.array(items, .compact) { json, item in item.write(to: &json) }
        case .string(let value): json.string(value)
        case .number(let value): if value.isFinite { json.number(value) } else { json.null() }
        case .int(let value): json.integer(value)
        case .bool(let value): json.bool(value)
        case .null: json.null()
        }
    }
}
