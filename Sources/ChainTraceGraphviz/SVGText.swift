/// Fixes to Graphviz's SVG text that every SVG viewer needs.
enum SVGText {
    /// `svg` with `xml:space="preserve"` on every `<text>` whose content starts or ends with a space
    /// or holds two in a row.
    ///
    /// Graphviz writes each run of an HTML label (a change of font or weight starts a new run) as
    /// its own `<text>` at a position it measured, spaces included: `<text>u</text><text> = a + b</text>`.
    /// Browsers and rsvg collapse the space at the edge of a run unless told to keep it, and the
    /// diagram reads `u= a + b`. PNG and PDF (cairo) draw the spaces; this makes SVG agree.
    /// Only the elements that need the attribute get it, so large diagrams stay small.
    static func preservingSpaces(_ svg: [UInt8]) -> [UInt8] {
        let opening = Array("<text ".utf8)
        let attribute = Array("xml:space=\"preserve\" ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + svg.count / 64)
        var index = 0
        while index < svg.count {
            guard svg[index] == UInt8(ascii: "<"), svg[index...].starts(with: opening),
                  let tagEnd = svg[index...].firstIndex(of: UInt8(ascii: ">")) else {
                out.append(svg[index])
                index += 1
                continue
            }
            let contentEnd = svg[(tagEnd + 1)...].firstIndex(of: UInt8(ascii: "<")) ?? svg.count
            out += opening
            if needsPreserving(svg[(tagEnd + 1) ..< contentEnd]) { out += attribute }
            index += opening.count
        }
        return out
    }

    /// Whether collapsing white space would change how `content` reads.
    static func needsPreserving(_ content: ArraySlice<UInt8>) -> Bool {
        let space = UInt8(ascii: " ")
        guard let first = content.first, let last = content.last else { return false }
        if first == space || last == space { return true }
        return zip(content, content.dropFirst()).contains { $0 == space && $1 == space }
    }
}
