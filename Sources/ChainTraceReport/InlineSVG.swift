/// An SVG document made ready to sit inside HTML.
enum InlineSVG {
    /// The `<svg …>…</svg>` element of a Graphviz SVG document, without the XML prolog, doctype and comments before it.
    ///
    /// Returns nil when the text has no complete `<svg` element.
    static func element(_ svg: String) -> Substring? {
        guard let start = svg.firstRange(of: "<svg"), let end = svg.ranges(of: "</svg>").last,
              start.lowerBound < end.lowerBound
        else { return nil }
        return svg[start.lowerBound ..< end.upperBound]
    }
}
