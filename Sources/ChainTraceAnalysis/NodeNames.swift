import ChainTrace
import ChainTraceText

/// What nodes are called in explanations: program names, numbers for constants, and for unnamed
/// intermediates their node id, `#3`: the name the tables, diagrams, report and `--highlight` use.
public struct NodeNames: Sendable {
    /// Each node's label: its name, its id (`#3`), or for an unnamed constant its value.
    public let labels: [String]
    /// Labels that tell nodes apart: a name the program gives to several nodes (`v = v + 1`) gets the node id, `v#7`.
    public let distinctLabels: [String]
    private let tape: Tape
    private let uses: [Int]
    private let digits: Int

    /// A node as it stands after `∂`: its name, or its id in brackets, `∂y/∂(#1)`, so the `#` does not
    /// read as a footnote mark. Every `∂` written for people (tables, diagrams, report, `explain`) uses it.
    public static func derivativeSymbol(_ node: NodeID, on tape: Tape) -> String {
        tape.name(of: node) ?? "(#\(node))"
    }

    /// `∂a/∂b` for two nodes, each written as ``derivativeSymbol(_:on:)`` writes it.
    public static func partialSymbol(_ a: NodeID, _ b: NodeID, on tape: Tape) -> String {
        "∂" + derivativeSymbol(a, on: tape) + "/∂" + derivativeSymbol(b, on: tape)
    }

    /// How deep an unnamed single-use intermediate is written out inline before its id is used.
    static let inlineDepth = 3

    /// Names for every node of `tape`; constants' values are written with `digits` significant digits.
    /// With a `width`, names longer than that are shortened in the middle, as tables show them
    /// (text for people: `explain`, `check`); without one they stay whole (formulas in trace JSON).
    public init(tape: Tape, digits: Int = 6, width: Int? = nil) {
        let shown = { (name: String) in width.map { DisplayText.shortened(name, to: $0) } ?? name }
        let labels = (0 ..< tape.count).map { node in
            if let name = tape.name(of: node) { return shown(name) }
            return tape.op(of: node) == .constant ? NumberText.significant(tape.value(of: node), digits: digits) : "#\(node)"
        }
        var uses = [Int](repeating: 0, count: tape.count)
        for edge in 0 ..< tape.edgeCount { uses[tape.operand(of: edge)] += 1 }
        self.labels = labels
        var occurrences: [String: Int] = [:]
        for name in (0 ..< tape.count).compactMap(tape.name(of:)) { occurrences[name, default: 0] += 1 }
        self.distinctLabels = labels.indices.map { node in
            tape.name(of: node).map { occurrences[$0, default: 0] > 1 ? "\(shown($0))#\(node)" : shown($0) } ?? labels[node]
        }
        self.tape = tape
        self.uses = uses
        self.digits = digits
    }

    /// The node as it appears in a formula: its name; for an unnamed constant, its value; for an
    /// unnamed intermediate used once, the expression that computed it (`x·x` in `cos(x·x)`),
    /// up to a small depth; otherwise its id, `#3`.
    public func formula(of node: NodeID) -> Formula {
        formula(of: node, depth: Self.inlineDepth)
    }

    private func formula(of node: NodeID, depth: Int) -> Formula {
        if tape.name(of: node) == nil {
            if tape.op(of: node) == .constant { return .number(tape.value(of: node)) }
            if depth > 0, uses[node] == 1, let expression = tape.op(of: node).expression(parameter: tape.parameter(of: node)) {
                let operands = tape.inputs(of: node)
                return expression.substituting { formula(of: operands[$0], depth: depth - 1) }
            }
        }
        return .symbol(labels[node])
    }

    /// The local partial on an edge as a formula of its operands' names: `3u²` on `y = u^3`;
    /// `h(1 − h)` on `h = sigmoid(z)`, `1 − h²` on `h = tanh(z)`.
    public func partialFormula(of edge: Int) -> Formula {
        let consumer = tape.consumer(of: edge)
        return named(generic(edge, consumer: consumer), consumer: consumer)
    }

    /// The local partial on an edge with its operands' values substituted: `3·(5)²`. Unnamed
    /// constants were numbers all along and stay unbracketed.
    public func substitutedPartial(of edge: Int) -> Formula {
        let consumer = tape.consumer(of: edge)
        return substituted(generic(edge, consumer: consumer), consumer: consumer)
    }

    /// The local partial on an edge in terms of the operation's own operands `a`, `b`.
    public func genericPartial(of edge: Int) -> Formula {
        generic(edge, consumer: tape.consumer(of: edge))
    }

    /// An edge's local partial all three ways (``genericPartial(of:)``, ``partialFormula(of:)``,
    /// ``substitutedPartial(of:)``) for a caller walking each consumer's edges: `consumer` is the
    /// edge's, given rather than searched for, and the generic rule is derived once.
    package func partials(of edge: EdgeID, consumer: NodeID) -> (generic: Formula, named: Formula, substituted: Formula) {
        let generic = generic(edge, consumer: consumer)
        return (generic, named(generic, consumer: consumer), substituted(generic, consumer: consumer))
    }

    /// The generic local partial on `edge`, one of `consumer`'s edges.
    private func generic(_ edge: EdgeID, consumer: NodeID) -> Formula {
        let edges = tape.edges(of: consumer)
        precondition(edges.contains(edge), "partials(of:consumer:): edge \(edge) is not an edge of node \(consumer); pass the node whose edges(of:) contain it")
        return tape.op(of: consumer).localPartial(operand: edge - edges.lowerBound, parameter: tape.parameter(of: consumer))
    }

    /// `generic`, a partial of `consumer`, with the operands' names.
    private func named(_ generic: Formula, consumer: NodeID) -> Formula {
        let operands = tape.inputs(of: consumer)
        return withResult(generic, consumer: consumer, written: .symbol(labels[consumer])).substituting { formula(of: operands[$0]) }
    }

    /// `generic`, a partial of `consumer`, with the operands' values.
    private func substituted(_ generic: Formula, consumer: NodeID) -> Formula {
        let operands = tape.inputs(of: consumer)
        return withResult(generic, consumer: consumer, written: .value(tape.value(of: consumer))).substituting { position in
            let operand = operands[position]
            return tape.op(of: operand) == .constant && tape.name(of: operand) == nil ? .number(tape.value(of: operand)) : .value(tape.value(of: operand))
        }
    }

    /// Operations whose derivative is best written with their own result: σ′ = σ(1 − σ), tanh′ = 1 − tanh².
    /// Spelling out `σ(w·x + b)(1 − σ(w·x + b))` repeats the argument and hides that shape.
    static let partialUsesResult: Set<Op> = [.sigmoid, .tanh]

    /// `generic`, a partial of `consumer`, with the consumer's own expression (`σ(a)`) written as `result`.
    private func withResult(_ generic: Formula, consumer: NodeID, written result: Formula) -> Formula {
        guard Self.partialUsesResult.contains(tape.op(of: consumer)),
              let own = tape.op(of: consumer).expression(parameter: tape.parameter(of: consumer)) else { return generic }
        return generic.replacing(own, with: result)
    }
}

private extension Formula {
    /// The formula with every occurrence of `target` replaced by `replacement`.
    func replacing(_ target: Formula, with replacement: Formula) -> Formula {
        if self == target { return replacement }
        let inner = { (formula: Formula) in formula.replacing(target, with: replacement) }
        switch self {
        case .number, .value, .symbol, .operand: return self
        case .sum(let terms): return .sum(terms.map(inner))
        case .difference(let a, let b): return .difference(inner(a), inner(b))
        case .product(let factors): return .product(factors.map(inner))
        case .chain(let factors): return .chain(factors.map(inner))
        case .quotient(let a, let b): return .quotient(inner(a), inner(b))
        case .negation(let a): return .negation(inner(a))
        case .power(let a, let b): return .power(inner(a), inner(b))
        case .function(let function, let arguments): return .function(function, arguments.map(inner))
        case .indicator(let a, let comparison, let b): return .indicator(inner(a), comparison, inner(b))
        }
    }
}
