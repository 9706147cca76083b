import ChainTrace
import ChainTraceFormat
import ChainTraceText

/// The interactive report: one self-contained HTML page (inline style, script, SVG and data; no network).
public enum ReportPage {
    /// The page's HTML text; the same content always gives the same bytes.
    public static func html(_ content: ReportContent) -> String {
        var data = ReportData(content)
        let reportJSON = data.json()
        var out = head(title: content.title, script: ReportScript.source, style: ReportStyle.source, body: "<body>", summary: summary(content.document))
        out += "<noscript><p>The diagram is shown below; selecting nodes, paths and steps needs JavaScript.</p></noscript>\n"
        out += "<main>\n<div class=\"left\">\n"
        out += diagramSection(content)
        // The side column scrolls on its own beside the diagram, stepper first so its buttons stay in view.
        out += "</div>\n<div class=\"right\">\n"
        out += stepperSection(hasBackward: content.document.backward != nil)
        if let audit = content.annotations.audit { out += auditSection(audit) { TapePrinter.label($0, on: content.document.tape) } }
        out += "<section class=\"card\" id=\"details\" aria-labelledby=\"details-h\">\n<h2 id=\"details-h\">Details</h2>\n"
        out += "<div id=\"details-body\"><p>Select a node or an edge in the diagram (click it, or Tab to it and press Enter) "
        out += "to see its value, its local partials and the contributions it received.</p></div>\n</section>\n"
        out += "<section class=\"card\" id=\"paths\" aria-labelledby=\"paths-h\">\n<h2 id=\"paths-h\">Paths to the output</h2>\n"
        out += "<div class=\"path-controls\"><label for=\"path-input\">From input</label> <select id=\"path-input\"></select> "
        out += "<button type=\"button\" id=\"path-clear\">Clear highlight</button></div>\n"
        out += "<div id=\"path-summary\" aria-live=\"polite\"></div>\n<ol id=\"path-list\"></ol>\n</section>\n"
        out += "</div>\n</main>\n"
        out += annotationSections(content.annotations.sections)
        out += "<p id=\"live\" class=\"sr-only\" aria-live=\"polite\"></p>\n"
        // Each distinct formula once, as MathML text the script parses when a panel first shows it:
        // a large trace has thousands, and parsing them all as markup would slow the page's opening.
        var formulas = JSONWriter()
        formulas.array(data.formulas, .rows) { $0.string($1.mathML) }
        out += "<script type=\"application/json\" id=\"ct-formulas\">" + Escape.scriptJSON(formulas.text) + "</script>\n"
        out += "<script type=\"application/json\" id=\"ct-trace\">" + Escape.scriptJSON(TraceJSONWriter.json(content.document)) + "</script>\n"
        out += "<script type=\"application/json\" id=\"ct-report\">" + Escape.scriptJSON(reportJSON) + "</script>\n"
        out += "<script>" + ReportScript.source + "</script>\n"
        return out + "</body>\n</html>\n"
    }

    /// The largest first diagram (in bytes) written as inline markup, readable without the script.
    static let inlineLimit = 1_000_000

    /// One line saying what was traced: the output, its value, and the sizes.
    static func summary(_ document: TraceDocument) -> String {
        let tape = document.tape
        var parts: [String] = []
        if let output = document.outputs.first, output >= 0, output < tape.count {
            parts.append("Output \(TapePrinter.label(output, on: tape)) = \(NumberText.significant(tape.value(of: output), digits: 6))")
        }
        parts.append(count(tape.count, "node"))
        parts.append(count(tape.edgeCount, "edge"))
        parts.append(document.backward.map { count($0.steps.count, "backward step") } ?? "no backward pass")
        return parts.joined(separator: " · ")
    }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    /// The diagram toolbar's zoom buttons and full-screen toggle, which page/dom.js's `zoomable` wires
    /// up; both report pages show them.
    static let zoomControls = zoomButtons()
        + "<button type=\"button\" id=\"full-screen\" aria-pressed=\"false\" title=\"The diagram fills the window (Esc leaves)\">Full screen</button>\n"

    /// The zoom-out, fit and zoom-in buttons, their ids prefixed with `idPrefix` (`zoomable`'s prefix).
    static func zoomButtons(idPrefix: String = "") -> String {
        "<div class=\"group\" role=\"group\" aria-label=\"Zoom\">"
            + "<button type=\"button\" id=\"\(idPrefix)zoom-out\" aria-label=\"Zoom out\">−</button>"
            + "<button type=\"button\" id=\"\(idPrefix)zoom-fit\" aria-label=\"Fit the whole diagram\">Fit</button>"
            + "<button type=\"button\" id=\"\(idPrefix)zoom-in\" aria-label=\"Zoom in\">+</button></div>\n"
    }

    private static func diagramSection(_ content: ReportContent) -> String {
        let views = content.diagrams.map(\.view)
        var out = "<section class=\"card diagram-area\" aria-labelledby=\"diagram-h\">\n"
        out += "<div class=\"toolbar\">\n<h2 id=\"diagram-h\">Diagram</h2>\n"
        if views.count > 1 {
            out += "<div class=\"group\" role=\"group\" aria-label=\"Pass shown\">"
            for (index, view) in views.enumerated() {
                let name = Escape.xmlAttribute(view)
                out += "<button type=\"button\" data-view-button=\"\(name)\" aria-pressed=\"\(index == 0)\">\(viewTitle(view))</button>"
            }
            out += "</div>\n"
        }
        out += zoomControls + "</div>\n"
        out += "<div class=\"viewport\" id=\"viewport\" tabindex=\"0\" aria-label=\"Diagram: drag or use the arrow keys to pan, "
        out += "the mouse wheel or + and − to zoom, 0 to fit\">\n"
        if content.diagrams.isEmpty {
            out += "<p class=\"empty\">No diagram was rendered for this trace.</p>\n"
        }
        for (index, diagram) in content.diagrams.enumerated() {
            out += "<figure class=\"diagram\" data-view=\"\(Escape.xmlAttribute(diagram.view))\" data-prefix=\"\(Escape.xmlAttribute(diagram.idPrefix))\""
            guard let svg = InlineSVG.element(diagram.svg) else {
                out += (index == 0 ? ">" : " hidden>") + "<p class=\"empty\">This diagram could not be inlined.</p></figure>\n"
                continue
            }
            if index == 0 && svg.utf8.count <= inlineLimit {
                out += ">\n" + svg + "\n</figure>\n"
            } else {
                // Parsed by the script when first shown: a large page opens after parsing one diagram,
                // and the XML parser is several times faster than the HTML parser on large SVG.
                let id = "ct-svg-\(index)"
                out += " data-source=\"\(id)\"" + (index == 0 ? "></figure>\n" : " hidden></figure>\n")
                out += "<script type=\"application/json\" id=\"\(id)\">" + Escape.scriptJSON(Escape.jsonString(String(svg))) + "</script>\n"
            }
        }
        out += "</div>\n"
        for note in content.notes {
            out += "<p class=\"note\">Note: " + Escape.xmlText(note) + "</p>\n"
        }
        out += "<ul class=\"legend\" aria-label=\"How the diagram marks things\">"
        out += "<li>edge labels: upstream × local partial = contribution; thicker edges carry larger contributions</li>"
        out += "<li><span class=\"swatch selected\"></span>selected (thickest outline)</li>"
        out += "<li><span class=\"swatch path\"></span>highlighted path (thick edges; the rest fades)</li>"
        out += "<li><span class=\"swatch known\"></span>stepper: gradient known (thick solid)</li>"
        out += "<li><span class=\"swatch partial\"></span>stepper: branch point still summing (dashed)</li>"
        out += "<li><span class=\"swatch waiting\"></span>stepper: no contribution yet (faded, dotted)</li>"
        if content.annotations.audit != nil {
            out += "<li><span class=\"swatch audit\"></span>audit: the selected line's gradient (thick) and multiplied local partials</li>"
        }
        if !content.annotations.nodeNotes.isEmpty {
            out += "<li><span class=\"swatch annotated\"></span>has a note (dash-dot outline; select it to read)</li>"
        }
        out += "</ul>\n"
        return out + "</section>\n"
    }

    private static func viewTitle(_ view: String) -> String {
        switch view {
        case "forward": "Forward pass"
        case "backward": "Backward pass"
        default: Escape.xmlText(view)
        }
    }

    /// Both pages' head and header: the CSP that allows exactly `script` and `style` (by hash), the
    /// inline style, the `body` tag, the title and the one-line summary.
    static func head(title: String, script: String, style: String, body: String, summary: String) -> String {
        let policy = ContentSecurityPolicy(script: script, style: style)
        let title = Escape.xmlText(title)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy.text)\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<meta name=\"generator\" content=\"chaintrace report\">\n"
        out += "<title>\(title) — chaintrace report</title>\n"
        out += "<style>" + style + "</style>\n</head>\n\(body)\n"
        out += "<header class=\"top\">\n<h1>Chain rule report: <span class=\"title\">\(title)</span></h1>\n"
        return out + "<p class=\"summary\">" + Escape.xmlText(summary) + "</p>\n</header>\n"
    }

    private static func stepperSection(hasBackward: Bool) -> String {
        var out = "<section class=\"card stepper\" id=\"stepper\" aria-labelledby=\"stepper-h\">\n"
        out += "<h2 id=\"stepper-h\">Backward pass, step by step</h2>\n<div class=\"controls\">"
        out += "<button type=\"button\" id=\"step-first\">First</button>"
        out += "<button type=\"button\" id=\"step-prev\">◀ Previous</button>"
        out += "<button type=\"button\" id=\"step-play\" aria-pressed=\"false\"><svg class=\"icon\" viewBox=\"0 0 10 10\" aria-hidden=\"true\">"
        out += "<path d=\"M2 1l7 4-7 4z\"/></svg><span class=\"label\">Play</span></button>"
        out += "<button type=\"button\" id=\"step-next\">Next ▶</button>"
        out += "<button type=\"button\" id=\"step-last\">Last</button>"
        out += "<input type=\"range\" id=\"step-range\" min=\"0\" max=\"0\" value=\"0\" aria-label=\"Backward step\">"
        out += "<output id=\"step-status\" for=\"step-range\">Not stepping</output>"
        out += "<button type=\"button\" id=\"step-reset\">Show all</button></div>\n"
        out += "<div id=\"step-detail\"><p>"
        out += hasBackward ? "Step through the backward pass in the order it ran." : "This trace has no backward pass to step through."
        return out + "</p></div>\n</section>\n"
    }
}
