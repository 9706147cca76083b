import ChainTrace
import ChainTraceLanguage
import ChainTraceRender
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs a `.ct` program and differentiates its last statement.
func document(_ source: String) throws -> TraceDocument {
    let run = try Program(source: source, file: "<test>").run()
    return TraceDocument(tape: run.tape, differentiating: run.output)
}

/// The repository's `samples/` folder.
let samplesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

/// The multivariable total-derivative example: `z` depends on `t` through `x` (twice) and `y`.
let totalDerivativeProgram = "t = 0.5\nx = t^2\ny = sin(t)\nz = x*y + x\n"

/// A node or edge group of an SVG: its id, class and text.
struct SVGItem: Equatable {
    let id: String
    let classes: [String]
    let title: String
    let text: [String]
}

/// Parses SVG as XML (throws when it is not well-formed) and lists its node and edge groups.
func svgItems(_ bytes: [UInt8]) throws -> [SVGItem] {
    let document = try XMLDocument(data: Data(bytes), options: [])
    guard let root = document.rootElement() else { return [] }
    var items: [SVGItem] = []
    func visit(_ element: XMLElement) {
        if element.localName == "g", let id = attribute("id", of: element),
           let classes = attribute("class", of: element)?.split(separator: " ").map(String.init),
           classes.first == "node" || classes.first == "edge" {
            let title = element.elements(forName: "title").first?.stringValue ?? ""
            items.append(SVGItem(id: id, classes: classes, title: title, text: texts(element)))
        }
        for child in element.children ?? [] {
            if let child = child as? XMLElement { visit(child) }
        }
    }
    visit(root)
    return items
}

/// An attribute's value by its local name (swift-corelibs' `attribute(forName:)` misses them in namespaced SVG).
func attribute(_ name: String, of element: XMLElement) -> String? {
    element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
}

private func texts(_ element: XMLElement) -> [String] {
    var out: [String] = []
    for child in element.children ?? [] {
        guard let child = child as? XMLElement else { continue }
        if child.localName == "text" { out.append(child.stringValue ?? "") } else { out += texts(child) }
    }
    return out
}

/// Reads a number as diagrams print it (with a true minus sign).
func printedNumber(_ text: String) -> Double? {
    Double(text.replacingOccurrences(of: "−", with: "-").trimmingCharacters(in: .whitespaces))
}

/// Whether two numbers agree to the precision printed (`digits` significant digits).
func agrees(_ printed: Double, _ exact: Double, digits: Int = 4) -> Bool {
    abs(printed - exact) <= 0.5 * pow(10, Double(1 - digits)) * max(abs(exact), 1e-300) + 1e-12
}

/// A structural summary of DOT text: one line per node, edge and cluster, with ids, classes, and
/// label text stripped of markup. Coordinates never appear in DOT, so this is stable across machines.
func structure(_ dot: String) -> String {
    dot.split(separator: "\n").compactMap { line -> String? in
        let line = line.trimmingCharacters(in: .whitespaces)
        guard let id = attribute("id", in: line) else { return nil }
        let head = line.prefix { $0 != "[" }.trimmingCharacters(in: .whitespaces)
        let classes = attribute("class", in: line) ?? ""
        let label = htmlLabel(in: line).map { " | " + $0 } ?? ""
        return "\(head) \(id) (\(classes))\(label)"
    }.joined(separator: "\n")
}

private func attribute(_ name: String, in line: String) -> String? {
    guard let start = line.range(of: "\(name)=\"") else { return nil }
    return String(line[start.upperBound...].prefix { $0 != "\"" })
}

private func htmlLabel(in line: String) -> String? {
    guard let start = line.range(of: "label=<") else { return nil }
    var depth = 1
    var text = ""
    var inTag = false
    for character in line[start.upperBound...] {
        if character == "<" { depth += 1; inTag = true; continue }
        if character == ">" {
            depth -= 1
            inTag = false
            if depth == 0 { break }
            text += " "
            continue
        }
        if !inTag { text.append(character) }
    }
    return text.split(separator: " ").joined(separator: " ")
}
