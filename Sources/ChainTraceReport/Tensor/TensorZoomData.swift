import ChainTrace
import ChainTraceAnalysis
import ChainTraceTensor
import ChainTraceText

/// One expanded op as the page shows it beside its scalar graph: the scalar backward steps, each as
/// upstream × local partial = contribution, and per operand element the scalar contributions it
/// received, their sum, and the tensor contribution that sum equals.
struct TensorZoomData {
    let zoom: TensorOpExpansion
    let tape: TensorTape
    /// The tensor backward pass, whose contributions the scalar sums are shown to equal.
    let tensorBackward: TensorBackward

    /// `{"node": 7, "seed": "Σ Ḡ ⊙ h", "output": 20, "steps": [{"edge": 3, "operand": 2, "text": …}],
    /// "operands": [{"node": 5, "edges": [4], "elements": […]}]}`: scalar node and edge ids are the zoom's.
    func write(to json: inout JSONWriter) {
        let scalar = zoom.document.tape
        guard let backward = zoom.document.backward else { preconditionFailure("a zoom is differentiated from its seed") }
        let text = { (x: Double) in NumberText.significant(x, digits: ReportNumbers.digits) }
        let symbol = { (node: NodeID) in NodeNames.partialSymbol(backward.output, node, on: scalar) }
        json.beginObject(.compact)
        json.key("node")
        json.integer(zoom.node)
        json.key("seed")
        json.string(scalar.name(of: backward.output) ?? "")
        json.key("output")
        json.integer(backward.output)
        json.key("steps")
        json.array(backward.steps, .compact) { json, step in
            let edge = Int(step), consumer = scalar.consumer(of: edge), operand = scalar.operand(of: edge)
            json.beginObject(.compact)
            json.key("edge")
            json.integer(edge)
            json.key("operand")
            json.integer(operand)
            json.key("text")
            json.string("At " + (scalar.name(of: consumer) ?? "#\(consumer)") + ": upstream " + symbol(consumer) + " = " + text(backward.gradients[consumer])
                + " × local " + NodeNames.partialSymbol(consumer, operand, on: scalar) + " = " + text(scalar.partial(of: edge))
                + " = contribution " + text(backward.contribution(of: edge, on: scalar)) + " to " + (scalar.name(of: operand) ?? "#\(operand)"))
            json.end()
        }
        json.key("operands")
        let arrivals = backward.arrivals(on: scalar)
        var seen: Set<TensorNodeID> = []
        let operands = tape.inputs(of: zoom.node).filter { seen.insert($0).inserted }
        json.array(operands, .compact) { json, operand in
            let edges = Array(tape.edges(of: zoom.node).filter { tape.operand(of: $0) == operand })
            // The op's contribution to this operand: one edge's, or the sum of both when it uses the operand twice.
            var contribution = [Double](repeating: 0, count: tape.shape(of: operand).count)
            for edge in edges {
                guard let part = tensorBackward.contribution(of: edge) else { continue }
                for i in contribution.indices { contribution[i] += part.elements[i] }
            }
            json.beginObject(.compact)
            json.key("node")
            json.integer(operand)
            json.key("edges")
            json.array(edges, .compact) { $0.integer($1) }
            json.key("elements")
            json.array(zoom.expansion.elements[operand].enumerated(), .compact) { json, item in
                let (offset, element) = item
                let terms = arrivals[element].map { backward.contribution(of: $0, on: scalar) }
                json.beginObject(.compact)
                json.key("name")
                json.string(scalar.name(of: element) ?? "#\(element)")
                json.key("terms")
                json.string(terms.isEmpty ? "0" : NumberText.sum(terms, digits: ReportNumbers.digits))
                json.key("sum")
                json.string(text(backward.gradients[element]))
                json.key("tensor")
                json.string(text(contribution[offset]))
                json.key("equal")
                let sum = backward.gradients[element]
                json.bool(abs(sum - contribution[offset]) <= 1e-9 * Swift.max(1, abs(sum), abs(contribution[offset])))
                json.end()
            }
            json.end()
        }
        json.end()
    }
}
