/// One laid-out object of a Graphviz drawing: what it is and the drawing operations Graphviz
/// computed for it (its `_draw_`, `_ldraw_`, `_hdraw_`… attributes in xdot form).
public struct GraphvizDrawingItem: Sendable, Equatable {
    /// Which kind of object the operations draw.
    public enum Kind: String, Sendable {
        /// The graph itself: background and title.
        case graph
        /// A cluster (a scope): its box and label.
        case cluster
        /// A node: its shape and label.
        case node
        /// An edge: its spline, arrowheads and labels.
        case edge
    }

    /// Which kind of object this is.
    public let kind: Kind
    /// The object's `id` attribute (the SVG id), empty when it has none.
    public let id: String
    /// The operations in drawing order.
    public let operations: [XDotOperation]
}

/// A laid-out graph as drawing operations, in the order the objects are drawn: graph, clusters,
/// nodes, edges. Coordinates are points (1/72 inch) with y growing upwards, as in xdot.
public struct GraphvizDrawing: Sendable, Equatable {
    /// The objects and their operations.
    public let items: [GraphvizDrawingItem]
}

/// One xdot drawing operation (Graphviz's `xdot` format, version 1.7), with its numbers kept as the
/// text Graphviz wrote so a writer can copy them exactly.
public enum XDotOperation: Sendable, Equatable {
    /// An ellipse by centre and radii (`E` filled, `e` outlined).
    case ellipse(filled: Bool, center: XDotPoint, width: String, height: String)
    /// A closed polygon (`P` filled, `p` outlined).
    case polygon(filled: Bool, points: [XDotPoint])
    /// An open polyline (`L`).
    case polyline(points: [XDotPoint])
    /// A piecewise cubic Bézier curve, 3n + 1 points (`B` open, `b` filled).
    case bezier(filled: Bool, points: [XDotPoint])
    /// Text with its baseline at `position`; `justification` is -1 (left), 0 (centre) or 1 (right).
    case text(position: XDotPoint, justification: Int, width: String, text: String)
    /// The colour of lines and text (`c`): `#RRGGBB`, `#RRGGBBAA` or a colour name.
    case penColor(String)
    /// The colour of filled shapes (`C`).
    case fillColor(String)
    /// The font of text that follows (`F`).
    case font(size: String, name: String)
    /// A line style (`S`): `solid`, `dashed`, `dotted`, `bold`, `invis` or `setlinewidth(w)`.
    case style(String)
    /// Text flags (`t`): 1 bold, 2 italic, 4 underline, 8 superscript, 16 subscript, 32 strike-through.
    case fontFlags(Int)
}

/// A point of an xdot operation, its coordinates as Graphviz wrote them.
public struct XDotPoint: Sendable, Equatable {
    /// The horizontal coordinate in points.
    public let x: String
    /// The vertical coordinate in points, growing upwards.
    public let y: String
}

/// Reads xdot operation lists: numbers, counted points and byte-counted strings (`n -text`).
struct XDotReader {
    private let bytes: [UInt8]
    private var index = 0

    /// Parses one attribute's operations; `nil` when the text is not xdot (Graphviz wrote something
    /// this reader does not know, such as a gradient colour or an image).
    static func operations(_ text: String) -> [XDotOperation]? {
        var reader = XDotReader(bytes: Array(text.utf8))
        var operations: [XDotOperation] = []
        while reader.skipSpaces() {
            guard let operation = reader.operation() else { return nil }
            operations.append(operation)
        }
        return operations
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Skips blanks; false at the end of the text.
    private mutating func skipSpaces() -> Bool {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 {
            index += 1
        }
        return index < bytes.count
    }

    private mutating func operation() -> XDotOperation? {
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "E"), UInt8(ascii: "e"):
            guard let center = point(), let width = number(), let height = number() else { return nil }
            return .ellipse(filled: code == UInt8(ascii: "E"), center: center, width: width, height: height)
        case UInt8(ascii: "P"), UInt8(ascii: "p"):
            return points().map { .polygon(filled: code == UInt8(ascii: "P"), points: $0) }
        case UInt8(ascii: "L"):
            return points().map { .polyline(points: $0) }
        case UInt8(ascii: "B"), UInt8(ascii: "b"):
            guard let points = points(), points.count >= 4, (points.count - 1) % 3 == 0 else { return nil }
            return .bezier(filled: code == UInt8(ascii: "b"), points: points)
        case UInt8(ascii: "T"):
            guard let position = point(), let justification = number().flatMap({ Int($0) }), let width = number(), let text = string() else { return nil }
            return .text(position: position, justification: justification, width: width, text: text)
        case UInt8(ascii: "c"): return string().map { .penColor($0) }
        case UInt8(ascii: "C"): return string().map { .fillColor($0) }
        case UInt8(ascii: "F"):
            guard let size = number(), let name = string() else { return nil }
            return .font(size: size, name: name)
        case UInt8(ascii: "S"): return string().map { .style($0) }
        case UInt8(ascii: "t"): return number().flatMap { Int($0) }.map { .fontFlags($0) }
        default: return nil
        }
    }

    private mutating func number() -> String? {
        guard skipSpaces() else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x0A, bytes[index] != 0x09 { index += 1 }
        let text = String(decoding: bytes[start ..< index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return text
    }

    private mutating func point() -> XDotPoint? {
        guard let x = number(), let y = number() else { return nil }
        return XDotPoint(x: x, y: y)
    }

    private mutating func points() -> [XDotPoint]? {
        guard let count = number().flatMap({ Int($0) }), count > 0, count <= bytes.count else { return nil }
        var points: [XDotPoint] = []
        for _ in 0 ..< count {
            guard let point = point() else { return nil }
            points.append(point)
        }
        return points
    }

    /// `n -bytes`: a string of n UTF-8 bytes after the dash, which may hold spaces and dashes.
    private mutating func string() -> String? {
        guard let count = number().flatMap({ Int($0) }), count >= 0, skipSpaces(), bytes[index] == UInt8(ascii: "-") else { return nil }
        let start = index + 1
        guard start + count <= bytes.count else { return nil }
        index = start + count
        return String(decoding: bytes[start ..< index], as: UTF8.self)
    }
}
