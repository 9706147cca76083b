import ChainTrace
import ChainTraceAnalysis
import ChainTraceRender
import ChainTraceTensor
import ChainTraceText

/// The tensor report's data block (`<script type="application/json" id="ct-tensor">`): per node and
/// per edge every string the panels show, the backward steps, each expanded op's scalar steps and sums,
/// each element's scalar paths, each input's layer chain and what each audited line highlights. The page's script only places these strings.
struct TensorReportData {
    let content: TensorReportContent

    /// The JSON text (not yet escaped for a script element).
    func json() -> String {
        let tape = content.tape, backward = content.backward
        let outputName = TensorExpansion.displayName(of: backward.output, on: tape)
        var json = JSONWriter()
        json.beginObject(.rows)
        json.key("format")
        json.string("chaintrace-tensor-report")
        json.key("version")
        json.integer(1)
        json.key("output")
        json.integer(backward.output)
        json.key("nodes")
        let reached = backward.reachedNodes(on: tape)
        let paths = content.scalarTrace?.elementPaths ?? [:]
        json.array(0 ..< tape.count, .rows) { json, node in
            json.beginObject(.compact)
            json.key("name")
            json.string(TensorExpansion.displayName(of: node, on: tape))
            json.key("op")
            json.string(TensorDiagram.operation(node, on: tape))
            json.key("reached")
            json.bool(reached[node])
            json.key("gradientSymbol")
            json.string("∂" + outputName + "/∂" + TensorExpansion.displayName(of: node, on: tape))
            json.key("value")
            TensorNumbers.write(tape.value(of: node), to: &json)
            json.key("gradient")
            TensorNumbers.write(backward.gradient(of: node), to: &json)
            json.key("expansion")
            json.bool(content.expansions[node] != nil)
            json.key("elements")
            if let lists = paths[node] { writeElementPaths(lists, of: node, to: &json) } else { json.null() }
            json.end()
        }
        json.key("edges")
        json.array(0 ..< tape.edgeCount, .rows) { json, edge in writeEdge(edge, to: &json) }
        json.key("steps")
        json.array(backward.steps, .compact) { $0.integer($1) }
        json.key("expansions")
        json.array(content.expansions.compactMap { $0 }, .rows) { json, zoom in TensorZoomData(zoom: zoom, tape: tape, tensorBackward: backward).write(to: &json) }
        json.key("chains")
        let inputs = (0 ..< tape.count).filter { tape.op(of: $0) == .input && reached[$0] }
        json.array(inputs, .rows) { json, input in
            let chain = TensorChain(tape: tape, backward: backward, wrt: input, limit: 4)
            json.beginObject(.compact)
            json.key("node")
            json.integer(input)
            json.key("count")
            json.integer(chain.pathCount)
            json.key("paths")
            // From the output down, the order ∂J/∂o · ∂o/∂z2 · … is written in.
            json.array(chain.paths, .compact) { json, path in json.array(path.reversed(), .compact) { $0.integer($1) } }
            json.key("products")
            json.array(chain.products, .compact) { json, product in TensorNumbers.write(product, to: &json) }
            json.end()
        }
        if let audit = content.audit { AuditHighlights.write(audit, to: &json) }
        json.end()
        return json.text + "\n"
    }

    private func writeEdge(_ edge: Int, to json: inout JSONWriter) {
        let tape = content.tape, backward = content.backward
        let rule = tape.rule(of: edge)
        json.beginObject(.compact)
        json.key("operand")
        json.integer(tape.operand(of: edge))
        json.key("consumer")
        json.integer(tape.consumer(of: edge))
        json.key("rule")
        json.string(rule.text)
        json.key("shapes")
        json.string("Ḡ \(rule.upstreamShape) → \(rule.operandShape)")
        json.key("symbol")
        json.string(tape.jacobianSymbol(of: edge))
        json.key("kind")
        json.string(rule.kind.rawValue)
        json.key("jacobianShape")
        json.string("[\(rule.upstreamShape.count)×\(rule.operandShape.count)]")
        json.key("upstream")
        TensorNumbers.write(backward.upstream(of: edge, on: tape), to: &json)
        json.key("contribution")
        if let contribution = backward.contribution(of: edge) { TensorNumbers.write(contribution, to: &json) } else { json.null() }
        json.key("jacobian")
        if let jacobian = tape.localJacobian(of: edge) {
            TensorNumbers.writeHeat(Tensor(shape: Shape([jacobian.rows, jacobian.columns]), elements: jacobian.entries), to: &json)
        } else {
            json.null()
        }
        json.end()
    }

    /// Per element `{"name": "W1[0,1]", "gradient": …, "gradientText": …, "count": "2", "complete": true,
    /// "sum": …, "sumValue": …, "paths": [{route, factors, productText, product}]}`: the tensor gradient's
    /// element and the scalar paths whose products sum to it.
    private func writeElementPaths(_ lists: [PathListing], of node: TensorNodeID, to json: inout JSONWriter) {
        guard let scalar = content.scalarTrace, let backward = scalar.document.backward else { return json.null() }
        let numbers = ReportNumbers(tape: scalar.document.tape, backward: backward)
        let gradient = content.backward.gradient(of: node).elements
        json.array(zip(lists, gradient), .compact) { json, item in
            let (list, elementGradient) = item
            json.beginObject(.compact)
            json.key("gradient")
            json.number(elementGradient)
            json.key("gradientText")
            json.string(TensorNumbers.text(elementGradient))
            json.key("name")
            json.string(scalar.document.tape.name(of: list.start) ?? "#\(list.start)")
            json.key("count")
            json.string(list.count.description)
            json.key("complete")
            json.bool(list.complete)
            json.key("sum")
            json.string(numbers.sumText(list.paths))
            json.key("sumValue")
            json.number(list.sum)
            json.key("paths")
            json.array(list.paths, .compact) { json, path in
                json.beginObject(.compact)
                numbers.writePath(path, to: &json)
                json.key("product")
                json.number(path.product)
                json.end()
            }
            json.end()
        }
    }
}
