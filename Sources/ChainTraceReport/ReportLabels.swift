import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat

/// Every node label and `∂` symbol the page shows, written in Swift by ``TapePrinter`` and ``NodeNames``
/// so the page, the tables and the diagrams name nodes one way; the page's script only places them.
struct ReportLabels {
    let tape: Tape
    /// The node the backward pass ran from (or the trace's first output), if there is one.
    let output: NodeID?

    init(_ document: TraceDocument) {
        tape = document.tape
        output = (document.backward?.output ?? document.outputs.first).flatMap { $0 >= 0 && $0 < document.tape.count ? $0 : nil }
    }

    /// `"labels": {…}`: per node `node` (`x #0`), `short` (`x`, `#3`) and `gradient` (`∂y/∂x`, empty
    /// without an output); per edge `partial`, the local partial's symbol (`∂y/∂(#1)`).
    func json() -> String {
        let strings = { (texts: [String]) in "[" + texts.map(Escaping.jsonString).joined(separator: ",") + "]" }
        let nodes = 0 ..< tape.count
        let gradients = output.map { output in nodes.map { NodeNames.partialSymbol(output, $0, on: tape) } } ?? []
        let partials = (0 ..< tape.edgeCount).map {
            NodeNames.partialSymbol(Int(tape.edgeConsumers[$0]), Int(tape.edgeInputs[$0]), on: tape)
        }
        return "{\"node\": " + strings(nodes.map { TapePrinter.label($0, on: tape) })
            + ",\n\"short\": " + strings(nodes.map { tape.names[$0] ?? "#\($0)" })
            + ",\n\"gradient\": " + strings(gradients)
            + ",\n\"partial\": " + strings(partials) + "}"
    }
}
