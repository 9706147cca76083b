import ChainTrace
import ChainTraceFormat
import ChainTraceText

/// The backward pass played by a diagram's SVG with CSS animations and no script, so it plays in a
/// browser, in an `<img>`, in a README on a code host and in a slide.
///
/// Each edge lights up (from faint to full) when the pass multiplies it, in the order of
/// `Backward.steps`; each node's gradient appears once its last contribution has arrived; a branch
/// point shows its running sum (`3 + … = 3`) between arrivals. The last frame, everything known,
/// holds, then the pass plays again. Viewers without CSS animation show that last frame.
public enum BackwardAnimation {
    /// Seconds per multiplication: slower for small traces, so each step can be followed.
    static func stepMilliseconds(steps: Int) -> Int {
        max(40, min(700, 40_000 / max(1, steps)))
    }

    /// `svg` (Graphviz's rendering of `diagram`, full detail, backward view) with the animation added.
    ///
    /// Throws when the trace has no backward record or the diagram is not the backward view in full detail.
    public static func svg(_ svg: String, document: TraceDocument, diagram: Diagram, options: DiagramOptions) throws(DiagramError) -> String {
        guard let backward = document.backward, options.view == .backward else {
            throw DiagramError("an animation plays the backward pass: it needs a trace with a backward record and the backward view")
        }
        guard options.detail == .full else { throw DiagramError("an animation needs full detail (node tables show the gradients)") }
        let tape = document.tape
        let step = stepMilliseconds(steps: backward.steps.count)
        let fade = step * 2 / 5
        let total = (backward.steps.count + 1) * step + max(2000, 3 * step)
        // When each multiplication is done and so each contribution has arrived.
        var lit = [Int?](repeating: nil, count: tape.edgeCount)
        for (index, edge) in backward.steps.enumerated() { lit[Int(edge)] = (index + 1) * step + fade }
        let arrivals = backward.arrivals(on: tape)
        let prefix = options.idPrefix
        var style = "<style>\n"
        var edits = SVGEdits(svg)
        let drawn = Set(diagram.drawnNodes)

        for edge in diagram.drawnEdges {
            guard let done = lit[edge] else { continue }
            style += rule("\(prefix)-e\(edge)", name: "\(prefix)-e\(edge)", total: total, frames: [(0, "0.12"), (done - fade, "0.12"), (done, "1")])
        }
        for node in 0 ..< tape.count where drawn.contains(node) && tape.op(of: node) != .constant {
            let received = arrivals[node]
            guard node == backward.output || !received.isEmpty else { continue }
            guard let gradient = edits.markLastText(inGroup: "\(prefix)-n\(node)", id: "\(prefix)-n\(node)-gradient") else { continue }
            let known = received.compactMap { lit[$0] }.max() ?? 0
            if known > 0 {
                style += rule("\(prefix)-n\(node)-gradient", name: "\(prefix)-n\(node)-g", total: total, frames: [(0, "0"), (known - 1, "0"), (known, "1")])
            }
            guard received.count >= 2 else { continue }
            var sum = 0.0
            var overlays = ""
            for (count, edge) in received.dropLast().enumerated() {
                let contribution = backward.contribution(of: edge, on: tape)
                sum += contribution
                let terms = received.prefix(count + 1).map { backward.contribution(of: $0, on: tape) }
                let id = "\(prefix)-n\(node)-sum\(count + 1)"
                let text = Escape.xmlText(NumberText.sum(terms, digits: options.digits) + " + … =")
                let bold = Escape.xmlText(" " + NumberText.significant(sum, digits: options.digits))
                overlays += "\n" + gradient.opening(id: id, extra: "opacity=\"0\"") + text
                    + "<tspan font-weight=\"bold\">" + bold + "</tspan></text>"
                let from = lit[edge] ?? 0, until = lit[received[count + 1]] ?? 0
                style += rule(id, name: id, total: total, frames: [(0, "0"), (from - 1, "0"), (from, "1"), (until - 1, "1"), (until, "0")])
            }
            edits.insert(overlays, after: gradient)
        }
        style += "</style>\n"
        return edits.applied(insertingAfterRoot: style)
    }

    /// One element's keyframes on opacity at the given milliseconds, looping over `total`.
    private static func rule(_ id: String, name: String, total: Int, frames: [(Int, String)]) -> String {
        // Keyframe names are CSS identifiers: "k" first, as an id prefix may start with a digit.
        let keyframes = frames.map { "\(percent($0.0, of: total)){opacity:\($0.1)}" }.joined()
        let last = frames.last?.1 ?? "1"
        return "@keyframes k\(name){\(keyframes)100%{opacity:\(last)}}\n[id=\"\(id)\"]{animation:k\(name) \(total)ms linear infinite}\n"
    }

    /// `part` of `whole` as a percentage with three decimals, from integers (the same bytes everywhere).
    package static func percent(_ part: Int, of whole: Int) -> String {
        let thousandths = max(0, min(100_000, part * 100_000 / whole))
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)%"
    }
}

/// Edits to Graphviz's SVG text: ids on gradient texts, overlays after them, a style element.
private struct SVGEdits {
    /// A `<text>` element found in the SVG: where its opening tag's attributes are and where it ends.
    struct TextElement {
        let attributes: Substring
        let end: String.Index

        /// An opening tag with the same position and font and a new id; spaces kept, as in Graphviz's runs.
        func opening(id: String, extra: String) -> String {
            let spaces = attributes.contains("xml:space=") ? "" : "xml:space=\"preserve\" "
            return "<text id=\"\(id)\" \(extra) \(spaces)" + attributes + ">"
        }
    }

    private var svg: String
    private var insertions: [(String.Index, String)] = []

    /// Where each node group's content starts, by its id as Graphviz wrote it: found in one pass,
    /// so a diagram with thousands of nodes is not searched once per node.
    private let nodeGroups: [Substring: String.Index]

    init(_ svg: String) {
        self.svg = svg
        var groups: [Substring: String.Index] = [:]
        for match in svg.ranges(of: "<g id=\"") {
            guard let idEnd = svg[match.upperBound...].firstIndex(of: "\""),
                  svg[idEnd...].hasPrefix("\" class=\"node"),
                  let tagEnd = svg[idEnd...].firstIndex(of: ">")
            else { continue }
            groups[svg[match.upperBound ..< idEnd]] = tagEnd
        }
        nodeGroups = groups
    }

    /// Gives the last `<text>` of the group whose id is `group` the id `id`; `nil` when there is none.
    mutating func markLastText(inGroup group: String, id: String) -> TextElement? {
        // Graphviz writes '-' in ids as "&#45;".
        guard let start = nodeGroups[Substring(group.replacing("-", with: "&#45;"))],
              let end = svg[start...].firstRange(of: "\n</g>\n")?.lowerBound,
              let text = svg[start ..< end].ranges(of: "<text ").last,
              let tagEnd = svg[text.upperBound ..< end].firstIndex(of: ">"),
              let close = svg[tagEnd ..< end].firstRange(of: "</text>")
        else { return nil }
        insertions.append((text.upperBound, "id=\"\(id)\" "))
        return TextElement(attributes: svg[text.upperBound ..< tagEnd], end: close.upperBound)
    }

    mutating func insert(_ text: String, after element: TextElement) {
        insertions.append((element.end, text))
    }

    /// The SVG with every edit made and `style` as the root element's first child.
    func applied(insertingAfterRoot style: String) -> String {
        var all = insertions
        if let root = svg.firstRange(of: "<svg "), let end = svg[root.upperBound...].firstIndex(of: ">") {
            all.append((svg.index(after: end), "\n" + style.dropLast()))
        }
        var out = svg
        for (index, text) in all.sorted(by: { $0.0 > $1.0 }) { out.insert(contentsOf: text, at: index) }
        return out
    }
}
