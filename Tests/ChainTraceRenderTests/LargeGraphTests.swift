import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import Foundation
import Testing

/// A layered computation: `layers` scopes of `width` units, each unit mixing the previous layer.
func layeredDocument(layers: Int, width: Int, scoped: Bool) -> TraceDocument {
    let trace = Trace()
    var previous = (0 ..< width).map { trace.input("x\($0)", Double($0 + 1) / Double(width)) }
    for layer in 0 ..< layers {
        let body = {
            (0 ..< width).map { unit in
                tanh(previous[unit] * Traced(0.5 + Double(unit % 3) * 0.1) + previous[(unit + 1) % width])
            }
        }
        previous = scoped ? trace.scope("layer\(layer)", body) : body()
    }
    let loss = previous.dropFirst().reduce(previous[0], +).named("loss")
    return TraceDocument(tape: trace.tape, differentiating: loss.id ?? 0)
}

@Suite("large graphs stay within the node budget")
struct LargeGraphTests {
    @Test("over the budget, scopes collapse into summary nodes, with a note")
    func collapsesScopes() throws {
        let doc = layeredDocument(layers: 40, width: 20, scoped: true)
        #expect(doc.tape.count > 3000)
        var options = DiagramOptions()
        options.maxNodes = 1000
        let diagram = try Diagram(doc, options: options)
        let summaries = diagram.dot.split(separator: "\n").filter { $0.contains("class=\"summary\"") }
        #expect(summaries.count == 40)
        #expect(diagram.drawnNodes.count + summaries.count <= 1000)
        #expect(diagram.notes.count == 1 && diagram.notes[0].contains("collapsed scopes nested deeper than 0"))
        #expect(diagram.dot.contains("class=\"aggregate positive\"") || diagram.dot.contains("class=\"aggregate negative\""))
    }

    @Test("an explicit collapse depth is honoured")
    func explicitCollapse() throws {
        var options = DiagramOptions()
        options.collapseDepth = 0
        let doc = layeredDocument(layers: 3, width: 4, scoped: true)
        let diagram = try Diagram(doc, options: options)
        #expect(diagram.dot.split(separator: "\n").count { $0.contains("class=\"summary\"") } == 3)
        // Left drawn: the four inputs and the three additions of the loss, which are outside every scope.
        #expect(diagram.drawnNodes.count == 7 && diagram.drawnNodes.allSatisfy { doc.tape.scope(of: $0).isEmpty })
        #expect(diagram.notes.count == 1)
    }

    @Test("without scopes, only the paths carrying the most gradient are kept, still connected to the output")
    func keepsStrongestPaths() throws {
        let doc = layeredDocument(layers: 30, width: 20, scoped: false)
        var options = DiagramOptions()
        options.maxNodes = 300
        let diagram = try Diagram(doc, options: options)
        let tape = doc.tape
        let output = try #require(doc.backward?.output)
        #expect(diagram.drawnNodes.count == 300)
        #expect(diagram.drawnNodes.contains(output))
        let drawn = Set(diagram.drawnNodes)
        for node in diagram.drawnNodes where node != output {
            let consumers = diagram.drawnEdges.filter { tape.operand(of: $0) == node }.map { tape.consumer(of: $0) }
            #expect(consumers.contains { drawn.contains($0) }, "node \(node) is cut off from the output")
        }
        #expect(diagram.notes.count == 1 && diagram.notes[0].contains("most gradient"))
    }

    @Test("scopes as deep as a trace may hold render quickly")
    func deepestScopesRender() throws {
        // Two nodes 3,000 scopes deep took 20 s and then failed in Graphviz; the reader now stops
        // at the limit, and the limit itself must draw.
        let scope = (0 ..< TraceJSONReader.maximumScopeDepth).map { "\"s\($0)\"" }.joined(separator: ", ")
        let json = """
        {"format": "chaintrace-trace", "version": 1, "nodes": [
          {"id": 0, "op": "input", "name": "x", "value": 2, "grad": null, "inputs": [], "scope": [\(scope)], "line": null},
          {"id": 1, "op": "sin", "name": "y", "value": \(sin(2.0)), "grad": null, "inputs": [{"node": 0, "partial": \(cos(2.0))}], "scope": [\(scope)], "line": null}
        ], "outputs": [1]}
        """
        let document = try TraceJSONReader.read(Data(json.utf8))
        let clock = ContinuousClock()
        let start = clock.now
        let svg = try Graphviz.render(Diagram(document).dot, format: .svg)
        #expect(clock.now - start < .seconds(5))
        #expect(String(decoding: svg, as: UTF8.self).contains("s63"))
    }

    @Test("scopes recorded deeper than a trace may hold fold into summaries, and draw")
    func deeperScopesFold() throws {
        // Two nodes 3,000 scopes deep made Graphviz run out of memory parsing the clusters.
        var tape = Tape()
        let scope = (0 ..< 3_000).map { "s\($0)" }
        let x = tape.appendRecorded(.input, value: 2, parameter: 0, inputs: [], name: "x", scope: scope, line: 0)
        tape.appendRecorded(.sin, value: sin(2.0), parameter: 0, inputs: [(x, cos(2.0))], name: "y", scope: scope, line: 0)
        let diagram = try Diagram(TraceDocument(tape: tape, differentiating: 1))
        #expect(diagram.notes.contains { $0.contains("diagrams nest at most \(TraceJSONReader.maximumScopeDepth) scopes") })
        #expect(diagram.dot.components(separatedBy: "subgraph").count - 1 <= TraceJSONReader.maximumScopeDepth)
        let clock = ContinuousClock()
        let start = clock.now
        _ = try Graphviz.render(diagram.dot, format: .svg)
        #expect(clock.now - start < .seconds(5))
    }
}
