import ChainTraceTensor
import ChainTraceText

/// The interactive report of a tensor trace: one self-contained HTML page whose main diagram is the
/// tensor diagram. Selecting an op shows its rule, shapes, upstream, contribution and local Jacobian,
/// and expands it into its scalar graph; selecting an element shows its scalar paths to the output;
/// the stepper steps through tensor ops (and an expanded op's scalar steps); the layer chain shows
/// ∂J/∂W as a product of Jacobian pictures; with an audit, selecting a hand-written line highlights
/// the tensor node whose gradient it computes and the edges whose local Jacobians it multiplies.
public enum TensorReportPage {
    /// The page's HTML text; the same content always gives the same bytes.
    public static func html(_ content: TensorReportContent) -> String {
        var out = ReportPage.head(title: content.title, script: TensorReportScript.source, style: TensorReportStyle.source,
                                  body: "<body class=\"tensor-report\">", summary: summary(content))
        out += "<noscript><p>The tensor diagram is shown below; selecting ops, elements and steps needs JavaScript.</p></noscript>\n"
        out += "<main>\n<div class=\"left\">\n"
        out += "<section class=\"card diagram-area\" aria-labelledby=\"diagram-h\">\n<div class=\"toolbar\">\n<h2 id=\"diagram-h\">Tensor diagram</h2>\n" + ReportPage.zoomControls + "</div>\n"
        out += "<div class=\"viewport\" id=\"viewport\" tabindex=\"0\" aria-label=\"Tensor diagram: Tab to an op or an edge, Enter selects it; "
        out += "drag or use the arrow keys to pan, the mouse wheel or + and − to zoom, 0 to fit\">\n"
        out += "<figure class=\"diagram\" data-view=\"tensor\" data-prefix=\"t\">\n" + (InlineSVG.element(content.svg).map(String.init) ?? "<p class=\"empty\">The tensor diagram could not be inlined.</p>") + "\n</figure>\n</div>\n"
        for note in content.notes {
            out += "<p class=\"note\">Note: " + Escape.xmlText(note) + "</p>\n"
        }
        out += "<ul class=\"legend\" aria-label=\"How the diagram marks things\">"
        out += "<li>each edge applies its rule to the upstream Ḡ (the consumer's gradient) and sends the contribution to its operand</li>"
        out += "<li><span class=\"swatch selected\"></span>selected</li>"
        out += "<li><span class=\"swatch known\"></span>stepper: done (thick)</li><li><span class=\"swatch waiting\"></span>stepper: not yet (faded)</li>"
        if content.audit != nil {
            out += "<li><span class=\"swatch audit\"></span>audit: the selected line's gradient (thick) and multiplied local Jacobians</li>"
        }
        out += "</ul>\n"
        out += "</section>\n"
        out += "<section class=\"card\" id=\"expansion\" aria-labelledby=\"expansion-h\" hidden>\n<div class=\"toolbar\"><h2 id=\"expansion-h\">Scalar graph</h2>"
        out += ReportPage.zoomButtons(idPrefix: "expansion-") + "<button type=\"button\" id=\"collapse\">Collapse</button></div>\n"
        out += "<p id=\"expansion-intro\"></p>\n<div class=\"viewport zoom-viewport\" id=\"zoom-viewport\" tabindex=\"0\" aria-label=\"The expanded op's scalar graph: "
        out += "drag or use the arrow keys to pan, the mouse wheel or + and − to zoom, 0 to fit\"></div>\n"
        out += "<h3>The scalar sums add up to the tensor contribution</h3>\n<div id=\"expansion-sums\"></div>\n</section>\n"
        out += "<section class=\"card\" id=\"chain\" aria-labelledby=\"chain-h\">\n<h2 id=\"chain-h\">The layer chain</h2>\n"
        out += "<div class=\"path-controls\"><label for=\"chain-input\">Gradient with respect to</label> <select id=\"chain-input\"></select></div>\n"
        out += "<div id=\"chain-body\"></div>\n</section>\n"
        out += "</div>\n<div class=\"right\">\n"
        out += stepperSection()
        if let audit = content.audit {
            let tape = content.tape
            out += ReportPage.auditSection(audit, factors: "local Jacobians") { node in
                "\(TensorExpansion.displayName(of: node, on: tape)) \(tape.shape(of: node)) #\(node)"
            }
        }
        out += "<section class=\"card\" id=\"details\" aria-labelledby=\"details-h\">\n<h2 id=\"details-h\">Details</h2>\n"
        out += "<div id=\"details-body\"><p>Select a tensor op or an edge in the diagram (click it, or Tab to it and press Enter) "
        out += "to see its rule, shapes, upstream, contribution and local Jacobian, and to expand it into its scalar graph.</p></div>\n</section>\n"
        out += "<section class=\"card\" id=\"element\" aria-labelledby=\"element-h\">\n<h2 id=\"element-h\">One element's chain rule</h2>\n"
        out += "<div id=\"element-body\"><p>Select an element (a cell of a matrix or a heatmap in the details) to see its scalar paths to the output.</p></div>\n</section>\n"
        out += "</div>\n</main>\n<p id=\"live\" class=\"sr-only\" aria-live=\"polite\"></p>\n"
        out += "<script type=\"application/json\" id=\"ct-tensor\">" + Escape.scriptJSON(TensorReportData(content: content).json()) + "</script>\n"
        for zoom in content.expansions.compactMap({ $0 }) {
            guard let svg = InlineSVG.element(zoom.svg) else { continue }
            out += "<script type=\"application/json\" id=\"ct-zoom-\(zoom.node)\">" + Escape.scriptJSON(Escape.jsonString(String(svg))) + "</script>\n"
        }
        out += "<script>" + TensorReportScript.source + "</script>\n"
        return out + "</body>\n</html>\n"
    }

    /// `Output J [] = 0.3 · 12 tensor nodes · 13 edges · 13 backward steps`.
    static func summary(_ content: TensorReportContent) -> String {
        let tape = content.tape, output = content.backward.output
        let value = tape.value(of: output).elements.first.map { TensorNumbers.text($0) } ?? ""
        return "Output \(TensorExpansion.displayName(of: output, on: tape)) = \(value) · \(tape.count) tensor nodes · \(tape.edgeCount) edges · "
            + "\(content.backward.steps.count) backward steps"
    }

    private static func stepperSection() -> String {
        var out = "<section class=\"card stepper\" id=\"stepper\" aria-labelledby=\"stepper-h\">\n"
        out += "<h2 id=\"stepper-h\">Backward pass, step by step</h2>\n<div class=\"controls\">"
        out += "<button type=\"button\" id=\"step-first\">First</button>"
        out += "<button type=\"button\" id=\"step-prev\">◀ Previous</button>"
        out += "<button type=\"button\" id=\"step-next\">Next ▶</button>"
        out += "<button type=\"button\" id=\"step-last\">Last</button>"
        out += "<output id=\"step-status\">Not stepping</output>"
        out += "<button type=\"button\" id=\"step-reset\">Show all</button></div>\n"
        out += "<div id=\"step-detail\"><p>Step through the backward pass op by op; inside an expanded op, scalar step by scalar step.</p></div>\n</section>\n"
        return out
    }
}

/// The tensor page's inline JavaScript (`page/tensor-model.js` then `page/tensor.js`), embedded at build
/// time as `TensorReportScript.source` by the EmbedPage plugin; it builds every element with `textContent`.
enum TensorReportScript {}

/// The tensor page's stylesheet: the report's (`page/report.css`) and the tensor page's own (`page/tensor.css`).
enum TensorReportStyle {}
