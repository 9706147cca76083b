import ChainTrace
import ChainTraceAnalysis
import ChainTraceText

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

    /// `{"node": […], "short": […], "gradient": […], "partial": […]}`: per node `node` (`x #0`), `short`
    /// (`x`, `#3`) and `gradient` (`∂y/∂x`, empty without an output); per edge `partial`, the local
    /// partial's symbol (`∂y/∂(#1)`).
    func write(to json: inout JSONWriter) {
        let nodes = 0 ..< tape.count
        let gradients = output.map { output in nodes.map { NodeNames.partialSymbol(output, $0, on: tape) } } ?? []
        let partials = (0 ..< tape.edgeCount).map {
            NodeNames.partialSymbol(tape.consumer(of: $0), tape.operand(of: $0), on: tape)
        }
        json.beginObject(.lines(indent: "", closing: ""))
        for (key, texts) in [("node", nodes.map { TapePrinter.label($0, on: tape) }), ("short", nodes.map { tape.name(of: $0) ?? "#\($0)" }),
                             ("gradient", gradients), ("partial", partials)] {
            json.key(key)
            json.array(texts, .compact) { $0.string($1) }
        }
        json.end()
    }
}
