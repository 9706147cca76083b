import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat

extension PathsSection {
    /// The JSON section for listed paths of an analysis, with the gradient from the backward pass.
    init(_ analysis: PathAnalysis, listed: [ChainTraceAnalysis.Path], gradient: Double) {
        let tape = analysis.tape
        self.init(
            from: analysis.start, to: analysis.end, count: analysis.count.description,
            paths: listed.map { path in
                PathsSection.Path(nodes: path.nodes,
                                  operands: path.edges.map { tape.position(of: $0) },
                                  partials: path.partials, product: path.product)
            },
            sum: listed.reduce(0) { $0 + $1.product },
            complete: ExactCount(UInt64(listed.count)) == analysis.count,
            gradient: gradient
        )
    }
}

extension EdgeFormula {
    /// Every edge's local-derivative formula, in edge order.
    static func all(on tape: Tape, names: NodeNames, digits: Int) -> [EdgeFormula] {
        (0 ..< tape.edgeCount).map { edge in
            let consumer = tape.consumer(of: edge)
            return EdgeFormula(
                consumer: consumer, operand: tape.position(of: edge), node: tape.operand(of: edge),
                rule: names.genericPartial(of: edge).text(digits: digits),
                text: names.partialFormula(of: edge).text(digits: digits),
                substituted: names.substitutedPartial(of: edge).text(digits: digits),
                mathML: names.partialFormula(of: edge).mathML(digits: digits)
            )
        }
    }
}
