import ChainTraceGraphviz
import ChainTraceRender
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The SVG elements under `element` with the local name `name`, in document order.
private func descendants(_ element: XMLElement, named name: String) -> [XMLElement] {
    (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap { child in
        (child.localName == name ? [child] : []) + descendants(child, named: name)
    }
}

@Suite("arrowheads and row labels")
struct ArrowheadTests {
    @Test("an arrowhead entering a node from the left stops clear of the row text", arguments: DiagramView.allCases)
    func arrowheadsClearText(view: DiagramView) throws {
        var options = DiagramOptions()
        options.view = view
        options.showsLegend = false
        let svg = try Graphviz.render(Diagram(document("x = 2\nu = x^2 + 1\ny = u^3 * x\n"), options: options).dot, format: .svg)
        let root = try #require(try XMLDocument(data: Data(svg), options: []).rootElement())
        var texts: [String: [(x: Double, y: Double)]] = [:]
        var checked = 0
        for group in descendants(root, named: "g") {
            let title = descendants(group, named: "title").first?.stringValue ?? ""
            switch attribute("class", of: group)?.split(separator: " ").first {
            case "node":
                texts[title] = descendants(group, named: "text").compactMap { text in
                    guard let x = attribute("x", of: text).flatMap(Double.init), let y = attribute("y", of: text).flatMap(Double.init) else { return nil }
                    return (x, y)
                }
            case "edge":
                // Edges are written after nodes; the last polygon is the arrowhead.
                let head = String(title.split(separator: ">").last ?? "")
                guard let arrow = descendants(group, named: "polygon").last, let points = attribute("points", of: arrow) else { continue }
                let corners = points.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
                let tip = corners.map { $0[0] }.max() ?? 0
                let (top, bottom) = (corners.map { $0[1] }.min() ?? 0, corners.map { $0[1] }.max() ?? 0)
                // The text beside the arrowhead: 11-point glyphs rise about 9 points above their baseline.
                let beside = (texts[head] ?? []).filter { $0.y >= top - 2 && $0.y - 9 <= bottom }
                guard let text = beside.map(\.x).min() else { continue }
                #expect(text - tip >= 7, "\(title): text starts \(text - tip) after the arrow's tip")
                checked += 1
            default: continue
            }
        }
        #expect(checked >= 3)
    }

    @Test("the gradient row of an unnamed node brackets its id; named nodes keep ∂y/∂u")
    func gradientRowLabels() throws {
        let text = structure(try Diagram(document("x = 2\ny = sin(x) * x\n")).dot)
        #expect(text.contains("n1 ct-n1 (intermediate) | #1 = sin(x) value 0.9093 ∂y/∂(#1) 2"))
        #expect(text.contains("∂y/∂x "))
        let unnamedOutput = structure(try Diagram(document("x = 2\ny = x * 3 + 0\n")).dot)
        #expect(unnamedOutput.contains("∂y/∂(#2) 1"))
    }
}
