/// Where a Graphviz SVG draws an element, for comparing two drawings of one layout.
public enum SVGPlacement {
    /// Where the group `<g id="ID" …>…</g>` draws on the page: the x and y of its shapes' points, paths
    /// and text, each moved by the graph's `translate` (a pinned drawing may sit elsewhere in its own
    /// coordinates and be moved there by it). Without `text`, the shapes only.
    public static func of(_ svg: [UInt8], _ id: String, text withText: Bool = true) -> [Double] {
        let text = String(decoding: svg, as: UTF8.self)
        guard let shift = text.firstMatch(of: #/class="graph[^"]*" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)/#),
              let dx = Double(shift.1), let dy = Double(shift.2),
              let start = text.firstRange(of: "<g id=\"\(id)\""), let end = text[start.upperBound...].firstRange(of: "</g>") else { return [] }
        var placed: [Double] = []
        for attribute in text[start.upperBound ..< end.lowerBound].matches(of: #/ (points|d|x|y)="([^"]*)"/#) {
            let numbers = attribute.2.matches(of: #/-?[\d.]+/#).compactMap { Double($0.0) }
            if !withText && (attribute.1 == "x" || attribute.1 == "y") { continue }
            switch attribute.1 {
            case "x": placed += numbers.map { $0 + dx }
            case "y": placed += numbers.map { $0 + dy }
            default: placed += numbers.enumerated().map { $0.offset % 2 == 0 ? $0.element + dx : $0.element + dy }
            }
        }
        return placed
    }

    /// Whether two placements agree within half a point: a layout's attributes keep 5 digits, and
    /// an arrowhead drawn again from a rounded spline end turns by a fraction of a point.
    public static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 0.5 }
    }
}
