import ChainTrace
import ChainTraceAnalysis
import ChainTraceAudit
import ChainTraceText

/// The report's own data block (`<script type="application/json" id="ct-report">`), next to the trace JSON.
///
/// Formulas are not repeated here: each distinct one is written once, its MathML in the page's
/// `ct-formulas` block (parsed on first use) and its text in `formulaTexts`, and
/// `partialFormulas[edge]` / `valueFormulas[node]` give its index `k`, or -1 when there is none.
struct ReportData {
    /// The distinct formulas, in order of first use; a formula's index is its place in both lists.
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
        var json = JSONWriter()
        json.beginObject()
        json.key("format")
        json.string("chaintrace-report")
        json.key("version")
        json.integer(1)
        json.setLayout(.rows)
        json.key("title")
        json.string(content.title)
        json.key("diagrams")
        json.array(content.diagrams) { json, diagram in
            json.beginObject()
            json.key("view")
            json.string(diagram.view)
            json.key("prefix")
            json.string(diagram.idPrefix)
            json.key("collapsed")
            json.array(diagram.collapsedScopes) { json, scope in
                json.beginObject()
                json.key("path")
                json.array(scope.path) { $0.string($1) }
                json.key("nodes")
                json.array(scope.nodes, .compact) { $0.integer($1) }
                json.end()
            }
            if diagram.view == "backward" { numbers.writeDiagram(digits: diagram.digits, to: &json) }
            json.end()
        }
        json.key("numbers")
        numbers.write(to: &json)
        json.key("labels")
        ReportLabels(content.document).write(to: &json)
        json.key("partialFormulas")
        json.array(edgeFormulas, .compact) { $0.integer($1) }
        json.key("valueFormulas")
        json.array(nodeFormulas, .compact) { $0.integer($1) }
        json.key("formulaTexts")
        json.array(formulas, .rows) { $0.string($1.text) }
        json.key("paths")
        json.array(content.paths, .rows) { json, list in writePathList(list, to: &json) }
        json.key("nodeNotes")
        let notes = content.annotations.nodeNotes.filter { $0.key >= 0 && $0.key < content.document.tape.count }.sorted { $0.key < $1.key }
        json.array(notes, .rows) { json, note in
            json.beginObject()
            json.key("node")
            json.integer(note.key)
            json.key("text")
            json.string(note.value)
            json.end()
        }
        if let audit = content.annotations.audit { AuditHighlights.write(audit, to: &json) }
        json.end()
        return json.text + "\n"
    }

    private mutating func index(of formula: ReportFormula) -> Int {
        if let index = formulaIndex[formula] { return index }
        formulas.append(formula)
        formulaIndex[formula] = formulas.count - 1
        return formulas.count - 1
    }

    private func writePathList(_ list: PathListing, to json: inout JSONWriter) {
        json.beginObject()
        json.key("input")
        json.integer(list.start)
        json.key("count")
        json.string(list.count.description)
        json.key("complete")
        json.bool(list.complete)
        json.key("sum")
        json.string(numbers.sumText(list.paths))
        json.key("paths")
        json.array(list.paths, .rows) { json, path in
            json.beginObject()
            json.key("edges")
            json.array(path.edges, .compact) { $0.integer($1) }
            json.key("product")
            json.number(path.product)
            numbers.writePath(path, to: &json)
            json.end()
        }
        json.end()
    }
}

extension JSONWriter.Layout {
    /// The report data's layout: members one a line, without indentation.
    static let rows = JSONWriter.Layout(first: "", separator: ",\n", last: "")
}
