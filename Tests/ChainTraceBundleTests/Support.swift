import ChainTrace
import ChainTraceLanguage
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs a `.ct` program and differentiates its last statement.
func document(_ source: String) throws -> TraceDocument {
    let run = try Program(source: source, file: "<test>").run()
    return TraceDocument(tape: run.tape, differentiating: run.output)
}

/// A fresh, empty folder under the temporary directory.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chaintrace-bundle-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Parses XML (throws when it is not well-formed) and returns every element, depth first.
func xmlElements(_ bytes: [UInt8]) throws -> [XMLElement] {
    let document = try XMLDocument(data: Data(bytes), options: [])
    var elements: [XMLElement] = []
    func visit(_ element: XMLElement) {
        elements.append(element)
        for child in element.children ?? [] {
            if let child = child as? XMLElement { visit(child) }
        }
    }
    if let root = document.rootElement() { visit(root) }
    return elements
}

/// An attribute's value by its local name (swift-corelibs' `attribute(forName:)` misses them in namespaced SVG).
func attribute(_ name: String, of element: XMLElement) -> String? {
    element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
}

/// The text between the first `open` and the following `close`.
func between(_ text: String, _ open: String, _ close: String) -> Substring? {
    guard let start = text.firstRange(of: open), let end = text[start.upperBound...].firstRange(of: close) else { return nil }
    return text[start.upperBound ..< end.lowerBound]
}

/// A number as the report prints it (with U+2212 for minus) read back.
func number(_ cell: String) -> Double? {
    Double(cell.replacingOccurrences(of: "−", with: "-"))
}

/// The files every bundle holds, in the order it makes them.
let bundleFileNames = ["trace.json", "backward.svg", "forward.svg", "report.html", "explain.txt"]
