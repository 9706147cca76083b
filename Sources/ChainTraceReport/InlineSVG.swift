/// An SVG document made ready to sit inside HTML.
enum InlineSVG {
    /// The `<svg …>…</svg>` element of a Graphviz SVG document, without the XML prolog, doctype and comments before it.
    ///
    /// Returns nil when the text has no complete `<svg` element. The markers are found in the UTF-8
    /// bytes, the first from the start and the last from the end (String's generic `ranges(of:)`
    /// scanned a large diagram's megabytes for a quarter of a report's time).
    static func element(_ svg: String) -> Substring? {
        let open = Array("<svg".utf8), close = Array("</svg>".utf8)
        var text = svg
        let bounds: (start: Int, end: Int)? = text.withUTF8 { utf8 in
            func matches(_ marker: [UInt8], at index: Int) -> Bool {
                index + marker.count <= utf8.count && marker.indices.allSatisfy { utf8[index + $0] == marker[$0] }
            }
            guard let start = utf8.indices.first(where: { matches(open, at: $0) }),
                  let end = utf8.indices.reversed().first(where: { matches(close, at: $0) }),
                  start < end else { return nil }
            return (start, end + close.count)
        }
        guard let bounds else { return nil }
        // The markers are ASCII, so both offsets fall on character boundaries.
        let utf8 = svg.utf8
        return svg[utf8.index(utf8.startIndex, offsetBy: bounds.start) ..< utf8.index(utf8.startIndex, offsetBy: bounds.end)]
    }
}
