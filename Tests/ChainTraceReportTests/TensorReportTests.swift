import ChainTrace
import ChainTraceLanguage
@testable import ChainTraceReport
import ChainTraceTensor
import ChainTraceTestSupport
import Foundation
import Testing

/// The tensor report: its data says what the page shows (expanded ops whose scalar sums equal the
/// tensor contribution, elements whose scalar paths sum to their gradient), large ops and traces are
/// left unexpanded with a note, and the page is deterministic under its policy.
struct TensorReportTests {
    static let layers = """
        x  = [0.5, -1.2]
        W1 = [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]]
        b1 = [0, 0.1, -0.1]
        W2 = [[0.2, -0.6, 0.3]]
        h  = sigmoid(W1 @ x + b1)
        o  = sigmoid(W2 @ h)
        J  = 0.5 * sum((o - [1])^2)

        """

    static func content(_ source: String = layers) throws -> TensorReportContent {
        let run = try Program(source: source, file: "layers.ct").runTensors()
        return try TensorReportContent(rendering: run.tape, backward: try run.backward(), title: "layers.ct")
    }

    static func data(_ content: TensorReportContent) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(TensorReportData(content: content).json().utf8)) as? [String: Any])
    }

    static func number(_ text: Any?) throws -> Double {
        let string = try #require(text as? String)
        return try #require(Double(string.replacingOccurrences(of: "\u{2212}", with: "-")))
    }

    @Test func everyReachedOpIsExpandedAndItsScalarSumsAreTheTensorContribution() throws {
        let content = try Self.content()
        let reached = content.backward.reachedNodes(on: content.tape)
        for node in 0 ..< content.tape.count {
            #expect((content.expansions[node] != nil) == (reached[node] && !content.tape.op(of: node).isLeaf), "node \(node)")
        }
        // In the zoom, each operand element's scalar gradient is the tensor edge's contribution to it.
        for zoom in content.expansions.compactMap({ $0 }) {
            let gradients = try #require(zoom.document.backward).gradients
            for edge in content.tape.edges(of: zoom.node) where content.tape.inputs(of: zoom.node).filter({ $0 == content.tape.operand(of: edge) }).count == 1 {
                let contribution = try #require(content.backward.contribution(of: edge))
                for (offset, element) in zoom.expansion.elements[content.tape.operand(of: edge)].enumerated() {
                    #expect(abs(gradients[element] - contribution.elements[offset]) <= 1e-12, "edge \(edge) element \(offset)")
                }
            }
        }
        let expansions = try #require(try Self.data(content)["expansions"] as? [[String: Any]])
        #expect(expansions.count == content.expansions.compactMap { $0 }.count)
        for expansion in expansions {
            let steps = try #require(expansion["steps"] as? [[String: Any]])
            #expect(!steps.isEmpty && steps.allSatisfy { ($0["text"] as? String)?.contains(" × local ") == true })
            for operand in try #require(expansion["operands"] as? [[String: Any]]) {
                for element in try #require(operand["elements"] as? [[String: Any]]) {
                    #expect(element["equal"] as? Bool == true)
                    let sum = try Self.number(element["sum"]), tensor = try Self.number(element["tensor"])
                    #expect(abs(sum - tensor) <= 1e-5 * max(1, abs(sum)))
                }
            }
        }
    }

    @Test func eachElementsScalarPathsSumToItsGradient() throws {
        let content = try Self.content()
        let nodes = try #require(try Self.data(content)["nodes"] as? [[String: Any]])
        let w1 = try #require(nodes.firstIndex { $0["name"] as? String == "W1" })
        let elements = try #require(nodes[w1]["elements"] as? [[String: Any]])
        #expect(elements.map { $0["name"] as? String } == ["W1[0,0]", "W1[0,1]", "W1[1,0]", "W1[1,1]", "W1[2,0]", "W1[2,1]"])
        for (offset, element) in elements.enumerated() {
            let gradient = content.backward.gradient(of: w1).elements[offset]
            #expect(element["complete"] as? Bool == true)
            #expect((element["paths"] as? [Any])?.isEmpty == false)
            let sum = try #require(element["sumValue"] as? Double)
            #expect(abs(sum - gradient) <= 1e-12)
        }
        // A transpose's elements are its operand's scalar nodes: it lists none of its own.
        let transposed = try Self.content("a = [[1, 2], [3, 4]]\nJ = sum(transpose(a) * [[1, 0], [0, 0]])\n")
        let transposedNodes = try #require(try Self.data(transposed)["nodes"] as? [[String: Any]])
        let t = try #require(transposedNodes.firstIndex { $0["op"] as? String == "transpose" })
        #expect(transposedNodes[t]["elements"] is NSNull)
    }

    @Test func largeOpsAreNotExpandedNorTheirJacobiansWrittenOut() throws {
        var tape = TensorTape()
        let values = (0 ..< 400).map { Double($0 % 7) / 7 - 0.4 }
        let a = tape.appendInput(Tensor(shape: Shape([20, 20]), elements: values), name: "A")
        let b = tape.appendInput(Tensor(shape: Shape([20, 20]), elements: values.reversed()), name: "B")
        let product = try tape.append(.matmul, [a, b], name: "P")
        let loss = try tape.append(.sum(axis: nil), [product], name: "J")
        let content = try TensorReportContent(rendering: tape, backward: try TensorBackward(tape: tape, from: loss), title: "big")
        #expect(content.expansions[product] == nil)
        #expect(content.expansions[loss] == nil, "a sum of 400 elements records more than \(TensorReportContent.expansionLimit) scalar nodes")
        #expect(content.notes.contains { $0.contains("scalar graphs of P, J would have more than") && $0.contains("render --scalar") })
        #expect(content.notes.contains { $0.contains("elements list no scalar paths") && $0.contains("paths --scalar") })
        let data = try Self.data(content)
        let nodes = try #require(data["nodes"] as? [[String: Any]])
        #expect(nodes[product]["expansion"] as? Bool == false)
        let value = try #require(nodes[a]["value"] as? [String: Any])
        #expect(value["cells"] is NSNull)
        let heat = try #require(value["heat"] as? [String: Any])
        #expect((heat["colors"] as? [String])?.allSatisfy { $0.count == 7 && $0.hasPrefix("#") } == true)
        let edges = try #require(data["edges"] as? [[String: Any]])
        // ∂P/∂A is 400 × 400, more than 4,096 entries; ∂J/∂P is 1 × 400.
        #expect(edges[tape.edges(of: product).lowerBound]["jacobian"] is NSNull)
        #expect(edges[tape.edges(of: loss).lowerBound]["jacobian"] is [String: Any])
    }

    @Test func elementPathsStopAtTheirBudgetAndSaySo() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: (0 ..< 300).map { Double($0) / 100 }), name: "x")
        let loss = try tape.append(.sum(axis: nil), [try tape.append(.binary(.mul), [x, x])], name: "J")
        let content = try TensorReportContent(rendering: tape, backward: try TensorBackward(tape: tape, from: loss), title: "wide")
        let scalar = try #require(content.scalarTrace)
        #expect(scalar.elementPaths[x] == nil)
        #expect(content.notes.contains { $0.contains("first tensors only (\(TensorReportContent.elementBudget) elements)") })
    }

    @Test func theLayerChainListsEachPathFromTheOutputDown() throws {
        let content = try Self.content()
        let chains = try #require(try Self.data(content)["chains"] as? [[String: Any]])
        let w1 = try #require((0 ..< content.tape.count).first { content.tape.name(of: $0) == "W1" })
        let chain = try #require(chains.first { $0["node"] as? Int == w1 })
        let path = try #require((chain["paths"] as? [[Int]])?.first)
        #expect(content.tape.consumer(of: path[0]) == content.backward.output)
        #expect(content.tape.operand(of: path[path.count - 1]) == w1)
        for (edge, next) in zip(path, path.dropFirst()) { #expect(content.tape.operand(of: edge) == content.tape.consumer(of: next)) }
    }

    @Test func pageIsDeterministicAndItsPolicyAllowsExactlyItsScriptAndStyle() throws {
        let page = TensorReportPage.html(try Self.content())
        #expect(page == TensorReportPage.html(try Self.content()))
        let script = try #require(ReportPageTests.between(page, "<script>", "</script>"))
        #expect(String(script) == TensorReportScript.source)
        #expect(page.contains("script-src \(ContentSecurityPolicy.hashSource(TensorReportScript.source));"))
        #expect(page.contains("style-src \(ContentSecurityPolicy.hashSource(TensorReportStyle.source));"))
        #expect(page.contains("id=\"t&#45;n0\"") && page.contains("<script type=\"application/json\" id=\"ct-zoom-"))
    }

    @Test func hostileNamesStayText() throws {
        var tape = TensorTape()
        let inputs = HostileText.names.enumerated().map { tape.appendInput(Tensor(vector: [Double($0.offset), 1]), name: $0.element) }
        var total = inputs[0]
        for input in inputs.dropFirst() { total = try tape.append(.binary(.add), [total, input]) }
        tape.setName(HostileText.names[6], of: total)
        let loss = try tape.append(.sum(axis: nil), [total], name: HostileText.names[0])
        let content = try TensorReportContent(rendering: tape, backward: try TensorBackward(tape: tape, from: loss), title: HostileText.names[6])
        let page = TensorReportPage.html(content)
        // The data block, one block per expanded op's scalar graph, and the script: no element a name opened.
        let scripts = 2 + content.expansions.compactMap { $0 }.count
        #expect(page.components(separatedBy: "<script").count - 1 == scripts)
        #expect(page.components(separatedBy: "</script>").count - 1 == scripts)
        let data = try Self.data(content)
        let names = try #require(data["nodes"] as? [[String: Any]]).map { $0["name"] as? String }
        #expect(Array(names.prefix(HostileText.names.count)) == HostileText.names)
    }
}
