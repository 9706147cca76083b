/// Fixes to Graphviz's SVG text that every SVG viewer needs.
///
/// Graphviz writes each run of an HTML label (a change of font or weight starts a new run) as its
/// own `<text>`, at a position it measured with hinted font metrics: `<text x="88">75 × 4 =</text>`
/// `<text x="135" font-weight="bold"> 300</text>`. Browsers draw glyphs a few per cent wider and
/// collapse the space at the edge of a run, so the diagram reads `=300`, or the runs overlap.
/// PNG and PDF (cairo, the same metrics as the layout) are right.
enum SVGText {
    /// `svg` with each run that begins with a space and follows another run on the same baseline
    /// turned into a `<tspan>` of that run, so the viewer places it after the text before it; and
    /// with `xml:space="preserve"` on every `<text>` whose spaces matter (at an edge, or two in a row).
    ///
    /// Only the elements that need the attribute get it, so large diagrams stay small.
    static func joiningRuns(_ svg: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + svg.count / 32)
        // The last run read, held back while only white space follows it, in case the next run joins it.
        var pending: Run?
        var between: [UInt8] = []
        func flush() {
            pending?.write(to: &out)
            out += between
            pending = nil
            between = []
        }
        let opening = Run.opening
        var index = 0
        while index < svg.count {
            // Everything up to the next `<text `, copied in one piece.
            var next = svg.count, from = index
            while let open = svg[from...].firstIndex(of: UInt8(ascii: "<")) {
                if svg[open...].starts(with: opening) {
                    next = open
                    break
                }
                from = open + 1
            }
            let gap = svg[index ..< next]
            if pending != nil, gap.allSatisfy(isWhitespace) {
                between += gap
            } else {
                flush()
                out += gap
            }
            index = next
            guard index < svg.count else { break }
            guard let run = Run(svg, at: index) else {
                flush()
                out.append(svg[index])
                index += 1
                continue
            }
            if var previous = pending, previous.continues(with: run) {
                previous.append(run)
                pending = previous
                between = []
            } else {
                flush()
                pending = run
            }
            index = run.end
        }
        flush()
        return out
    }

    /// Whether collapsing white space would change how `content` reads.
    static func needsPreserving(_ content: ArraySlice<UInt8>) -> Bool {
        let space = UInt8(ascii: " ")
        guard let first = content.first, let last = content.last else { return false }
        if first == space || last == space { return true }
        return zip(content, content.dropFirst()).contains { $0 == space && $1 == space }
    }

    fileprivate static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// One `<text …>content</text>` element as Graphviz writes it (attributes in double quotes,
    /// content escaped, so it holds no `<`), with the runs joined to it.
    private struct Run {
        /// The attributes, as written, with the space before each.
        let attributes: ArraySlice<UInt8>
        var content: [UInt8]
        var preserves: Bool
        /// Where the element ends in the source.
        let end: Int

        static let opening = Array("<text ".utf8), closing = Array("</text>".utf8)

        init?(_ svg: [UInt8], at index: Int) {
            let opening = Self.opening, closing = Self.closing
            guard svg[index] == UInt8(ascii: "<"), svg[index...].starts(with: opening),
                  let tagEnd = svg[index...].firstIndex(of: UInt8(ascii: ">")),
                  let contentEnd = svg[(tagEnd + 1)...].firstIndex(of: UInt8(ascii: "<")),
                  svg[contentEnd...].starts(with: closing) else { return nil }
            attributes = svg[(index + opening.count - 1) ..< tagEnd]
            content = Array(svg[(tagEnd + 1) ..< contentEnd])
            preserves = SVGText.needsPreserving(content[...])
            end = contentEnd + closing.count
        }

        /// Whether `next` carries on this run's line: it starts with a space, both runs are placed
        /// by their start, and they share a baseline.
        func continues(with next: Run) -> Bool {
            guard next.content.first == UInt8(ascii: " "), let y = value(Self.y) else { return false }
            return value(Self.anchor)?.elementsEqual(Self.start) == true
                && next.value(Self.anchor)?.elementsEqual(Self.start) == true
                && next.value(Self.y)?.elementsEqual(y) == true
        }

        static let anchor = Array("text-anchor".utf8), start = Array("start".utf8), x = Array("x".utf8), y = Array("y".utf8)

        /// Styles Graphviz writes only when they differ from the default, with that default.
        static let defaults = [("font-weight", "normal"), ("font-style", "normal"), ("text-decoration", "none"), ("baseline-shift", "baseline")]
            .map { (name: Array($0.utf8), normal: Array($1.utf8)) }

        /// Joins `next` as a `<tspan>` with its own font, weight and colour, but no position.
        mutating func append(_ next: Run) {
            content += Array("<tspan".utf8)
            let own = next.pairs()
            for (name, value) in own where ![Self.x, Self.y, Self.anchor].contains(where: { $0.elementsEqual(name) }) {
                content.append(UInt8(ascii: " "))
                content += name
                content += [UInt8(ascii: "="), UInt8(ascii: "\"")] + value + [UInt8(ascii: "\"")]
            }
            // A tspan inherits the text's style: undo what the first run set and this one does not.
            for (name, normal) in Self.defaults where value(name) != nil && !own.contains(where: { $0.name.elementsEqual(name) }) {
                content.append(UInt8(ascii: " "))
                content += name
                content += [UInt8(ascii: "="), UInt8(ascii: "\"")] + normal + [UInt8(ascii: "\"")]
            }
            content += [UInt8(ascii: ">")] + next.content + Array("</tspan>".utf8)
            preserves = true
        }

        func write(to out: inout [UInt8]) {
            out += Array("<text".utf8)
            if preserves { out += Array(" xml:space=\"preserve\"".utf8) }
            out += attributes
            out += [UInt8(ascii: ">")] + content + Array("</text>".utf8)
        }

        /// The value of the first attribute called `name`.
        func value(_ name: [UInt8]) -> ArraySlice<UInt8>? {
            var found: ArraySlice<UInt8>?
            forEachPair { pairName, value in
                guard pairName.elementsEqual(name) else { return true }
                found = value
                return false
            }
            return found
        }

        /// The attributes as name and value, in order.
        private func pairs() -> [(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] {
            var result: [(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
            forEachPair { result.append(($0, $1)); return true }
            return result
        }

        /// Calls `body` with each attribute's name and value in order, while it returns true.
        private func forEachPair(_ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool) {
            var index = attributes.startIndex
            let quote = UInt8(ascii: "\"")
            while let start = attributes[index...].firstIndex(where: { !SVGText.isWhitespace($0) }),
                  let equals = attributes[start...].firstIndex(of: UInt8(ascii: "=")),
                  equals + 1 < attributes.endIndex, attributes[equals + 1] == quote,
                  let close = attributes[(equals + 2)...].firstIndex(of: quote) {
                guard body(attributes[start ..< equals], attributes[(equals + 2) ..< close]) else { return }
                index = close + 1
            }
        }
    }
}
