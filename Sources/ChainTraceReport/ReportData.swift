import ChainTrace

/// The report's own data block (`<script type="application/json" id="ct-report">`), next to the trace JSON.
///
/// Formulas are not repeated here: each distinct one is a `<template id="ct-f<k>">` in the page,
/// and `partialFormulas[edge]` / `valueFormulas[node]` give `k`, or -1 when there is none.
struct ReportData {
    /// The distinct formulas, in order of first use; a formula's index is its template number.
    private(set) var formulas: [ReportFormula] = []
    private var formulaIndex: [ReportFormula: Int] = [:]
    private let content: ReportContent
    private let numbers: ReportNumbers

    init(_ content: ReportContent) {
        self.content = content
        self.numbers = ReportNumbers(tape: content.document.tape, backward: content.document.backward)
    }

    /// The JSON text (not yet escaped for a script element).
    mutating func json() -> String {
        let edgeFormulas = content.partialFormulas.map { $0.map { index(of: $0) } ?? -1 }
        let nodeFormulas = content.valueFormulas.map { $0.map { index(of: $0) } ?? -1 }
        var out = "{\"format\": \"chaintrace-report\", \"version\": 1"
        out += ",\n\"title\": " + Escaping.jsonString(content.title)
        out += ",\n\"diagrams\": [" + content.diagrams.map { diagram in
            let collapsed = diagram.collapsedScopes.map { scope in
                "{\"path\": [\(scope.path.map(Escaping.jsonString).joined(separator: ", "))], \"nodes\": [\(scope.nodes.map(String.init).joined(separator: ","))]}"
            }
            let stepping = diagram.view == "backward" ? numbers.diagramJSON(digits: diagram.digits) : ""
            return "{\"view\": \(Escaping.jsonString(diagram.view)), \"prefix\": \(Escaping.jsonString(diagram.idPrefix)), \"collapsed\": [\(collapsed.joined(separator: ", "))]\(stepping)}"
        }.joined(separator: ", ") + "]"
        out += ",\n\"numbers\": " + numbers.json()
        out += ",\n\"labels\": " + ReportLabels(content.document).json()
        out += ",\n\"partialFormulas\": [" + edgeFormulas.map(String.init).joined(separator: ",") + "]"
        out += ",\n\"valueFormulas\": [" + nodeFormulas.map(String.init).joined(separator: ",") + "]"
        out += ",\n\"formulaTexts\": [" + formulas.map { Escaping.jsonString($0.text) }.joined(separator: ",\n") + "]"
        out += ",\n\"paths\": [" + content.paths.map(pathListJSON).joined(separator: ",\n") + "]"
        let notes = content.annotations.nodeNotes.filter { $0.key >= 0 && $0.key < content.document.tape.count }.sorted { $0.key < $1.key }
        out += ",\n\"nodeNotes\": [" + notes.map { "{\"node\": \($0.key), \"text\": \(Escaping.jsonString($0.value))}" }.joined(separator: ",\n") + "]"
        return out + "}\n"
    }

    private mutating func index(of formula: ReportFormula) -> Int {
        if let index = formulaIndex[formula] { return index }
        formulas.append(formula)
        formulaIndex[formula] = formulas.count - 1
        return formulas.count - 1
    }

    private func pathListJSON(_ list: ReportPathList) -> String {
        let paths = list.paths.map { path in
            "{\"edges\": [" + path.edges.map(String.init).joined(separator: ",") + "], \"product\": " + Self.number(path.product)
                + ", " + numbers.pathJSON(path, from: list.input) + "}"
        }
        return "{\"input\": \(list.input), \"count\": \(Escaping.jsonString(list.count)), \"complete\": \(list.complete), "
            + "\"sum\": \(numbers.sumJSON(list.paths)), \"paths\": [" + paths.joined(separator: ",\n") + "]}"
    }

    /// A JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"` as trace JSON writes them.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return NumberText.exact(x)
    }
}
