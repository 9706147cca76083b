import ChainTrace
import ChainTraceAnalysis

extension TraceSections {
    /// The sections `chaintrace explain --wrt input --json` writes: the first `pathLimit` paths from
    /// `input` in depth-first order, the tangents from `input`, and every edge's formula with `digits`
    /// significant digits.
    ///
    /// Runs the backward pass from the document's first output if the document has none.
    public init(explaining input: NodeID, in document: TraceDocument, pathLimit: Int = 20, digits: Int = 6) {
        var document = document
        let backward = document.differentiate()
        let listing = backward.paths(from: input, on: document.tape).paths(limit: pathLimit)
        self.init(
            paths: PathsSection(listing, gradient: backward.gradients[input]),
            tangents: Tangents(tape: document.tape, wrt: input),
            formulas: EdgeFormula.all(on: document.tape, digits: digits)
        )
    }
}

extension PathsSection {
    /// The section `chaintrace paths --from start --json` writes: the `top` paths with the largest
    /// |product| when given, otherwise the first `limit` in depth-first order, with ∂output/∂start.
    ///
    /// Runs the backward pass from the document's first output if the document has none.
    public init(from start: NodeID, in document: TraceDocument, top: Int? = nil, limit: Int = 100) {
        var document = document
        let backward = document.differentiate()
        let listing = backward.paths(from: start, on: document.tape).listing(top: top, limit: limit)
        self.init(listing, gradient: backward.gradients[start])
    }
}

extension EdgeFormula {
    /// Every edge's local-derivative formula, in edge order, with `digits` significant digits.
    public static func all(on tape: Tape, digits: Int) -> [EdgeFormula] {
        let names = NodeNames(tape: tape, digits: digits)
        var formulas: [EdgeFormula] = []
        formulas.reserveCapacity(tape.edgeCount)
        // Consumers in order, each one's edges in order: every edge once, in edge order, with its
        // consumer and position known (not searched for per edge).
        for consumer in 0 ..< tape.count {
            let edges = tape.edges(of: consumer)
            for edge in edges {
                let partials = names.partials(of: edge, consumer: consumer)
                formulas.append(EdgeFormula(
                    consumer: consumer, operand: edge - edges.lowerBound, node: tape.operand(of: edge),
                    rule: partials.generic.text(digits: digits),
                    text: partials.named.text(digits: digits),
                    substituted: partials.substituted.text(digits: digits),
                    mathML: partials.named.mathML(digits: digits)
                ))
            }
        }
        return formulas
    }
}

extension TraceJSONWriter {
    /// What `chaintrace explain --wrt input --json` writes: the document, its backward pass run if it
    /// had none, with the paths, tangents and formulas sections for `input`.
    ///
    /// ```swift
    /// let json = TraceJSONWriter.json(document, explaining: x)
    /// ```
    public static func json(_ document: TraceDocument, explaining input: NodeID, pathLimit: Int = 20, digits: Int = 6) -> String {
        var document = document
        document.differentiate()
        return json(document, sections: TraceSections(explaining: input, in: document, pathLimit: pathLimit, digits: digits))
    }
}
