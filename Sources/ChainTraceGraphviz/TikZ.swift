import ChainTraceText

/// A Graphviz drawing as a standalone LaTeX document with one TikZ picture: the shapes, splines,
/// arrowheads and text Graphviz laid out, with their colours, line widths and fonts, so a diagram
/// goes into slides and papers as vector graphics whose text is set by TeX.
///
/// Compiles with `pdflatex` (packages: `standalone`, TikZ, `helvet`). In a paper, `\input` the file
/// with the `standalone` package loaded, or copy the `tikzpicture`: its colours are defined inside it.
/// Numbers are set in math mode; every other piece of text goes through `Escape.texText(_:)`.
public enum TikZ {
    /// The document for `drawing`; the same drawing gives the same bytes.
    public static func document(_ drawing: GraphvizDrawing) -> String {
        var colors = ColorTable()
        var body = ""
        for item in drawing.items {
            body += "% \(item.kind.rawValue)" + (item.id.isEmpty ? "" : " " + Escape.identifier(item.id)) + "\n"
            var state = DrawingState()
            for operation in item.operations {
                body += state.apply(operation, colors: &colors)
            }
        }
        return """
            % A chaintrace diagram: Graphviz's layout drawn with TikZ. Compile with pdflatex.
            \\RequirePackage{fix-cm}
            \\documentclass[tikz]{standalone}
            \\usepackage[T1]{fontenc}
            \\usepackage{helvet}
            \\begin{document}
            \\begin{tikzpicture}[x=1bp, y=1bp, inner sep=0pt, outer sep=0pt]

            """ + colors.definitions + body + """
            \\end{tikzpicture}
            \\end{document}

            """
    }
}

/// Colour names for the picture, `ct0`, `ct1`… in order of first use.
private struct ColorTable {
    private var names: [String: String] = [:]
    private(set) var definitions = ""

    /// The name and opacity of an xdot colour; `nil` for a fully transparent one.
    mutating func reference(_ color: String) -> (name: String, opacity: String?)? {
        guard let (hex, alpha) = Self.parse(color), alpha > 0 else { return nil }
        let name: String
        if let known = names[hex] {
            name = known
        } else {
            name = "ct\(names.count)"
            names[hex] = name
            definitions += "\\definecolor{\(name)}{HTML}{\(hex)}\n"
        }
        guard alpha < 255 else { return (name, nil) }
        let thousandths = (alpha * 1000 + 127) / 255
        let digits = String(thousandths)
        return (name, "0." + String(repeating: "0", count: 3 - digits.count) + digits)
    }

    /// `#RRGGBB` or `#RRGGBBAA` as upper-case hex and alpha; the few names Graphviz writes by itself.
    /// Any other name becomes black: only hex colours and names checked here reach TeX.
    private static func parse(_ color: String) -> (String, Int)? {
        switch color.lowercased() {
        case "transparent", "none", "invis": return nil
        case "white": return ("FFFFFF", 255)
        default: break
        }
        let digits = Array(color.utf8.dropFirst())
        guard color.hasPrefix("#"), digits.count == 6 || digits.count == 8,
              digits.allSatisfy({ (0x30 ... 0x39).contains($0) || (0x41 ... 0x46).contains($0) || (0x61 ... 0x66).contains($0) })
        else { return ("000000", 255) }
        let hex = String(decoding: digits.prefix(6), as: UTF8.self).uppercased()
        let alpha = digits.count == 8 ? Int(String(decoding: digits.suffix(2), as: UTF8.self), radix: 16) ?? 255 : 255
        return (hex, alpha)
    }
}

/// The pen, fill, line and font state of one object's operations, which start from xdot's defaults.
private struct DrawingState {
    var pen = "black"
    var fill = "black"
    var lineWidth = "1"
    var dash = ""
    var invisible = false
    var fontSize = "14"
    var fontName = "Times-Roman"
    var fontFlags = 0

    /// The TikZ text of one operation; state changes write nothing.
    mutating func apply(_ operation: XDotOperation, colors: inout ColorTable) -> String {
        switch operation {
        case .penColor(let color): pen = color
        case .fillColor(let color): fill = color
        case .font(let size, let name): fontSize = size; fontName = name
        case .fontFlags(let flags): fontFlags = flags
        case .style(let style): setStyle(style)
        case .polygon(let filled, let points):
            return shape(filled: filled, path: points.map(coordinate).joined(separator: " -- ") + " -- cycle", colors: &colors)
        case .polyline(let points):
            return shape(filled: false, path: points.map(coordinate).joined(separator: " -- "), colors: &colors)
        case .bezier(let filled, let points):
            var path = coordinate(points[0])
            for start in stride(from: 1, to: points.count - 2, by: 3) {
                path += " .. controls \(coordinate(points[start])) and \(coordinate(points[start + 1])) .. \(coordinate(points[start + 2]))"
            }
            return shape(filled: filled, path: path + (filled ? " -- cycle" : ""), colors: &colors)
        case .ellipse(let filled, let center, let width, let height):
            return shape(filled: filled, path: "\(coordinate(center)) ellipse [x radius=\(width), y radius=\(height)]", colors: &colors)
        case .text(let position, let justification, _, let text):
            guard !invisible, let color = colors.reference(pen) else { return "" }
            let anchor = justification < 0 ? "base west" : justification > 0 ? "base east" : "base"
            let opacity = color.opacity.map { ", text opacity=\($0)" } ?? ""
            return "\\node[anchor=\(anchor), text=\(color.name)\(opacity), font=\(font)] at \(coordinate(position)) {\(TikZ.labelText(text))};\n"
        }
        return ""
    }

    private mutating func setStyle(_ style: String) {
        switch style {
        case "solid": dash = ""
        case "dashed": dash = ", dashed"
        case "dotted": dash = ", dotted"
        case "bold": lineWidth = "2"
        case "invis": invisible = true
        default:
            if style.hasPrefix("setlinewidth("), style.hasSuffix(")") {
                let width = String(style.dropFirst("setlinewidth(".count).dropLast())
                if let value = Double(width), value.isFinite, value >= 0 { lineWidth = width }
            }
        }
    }

    private var font: String {
        let name = fontName.lowercased()
        let family = name.contains("courier") || name.contains("mono") ? "\\ttfamily"
            : (name.contains("times") || name.contains("serif")) && !name.contains("sans") ? "\\rmfamily" : "\\sffamily"
        let weight = fontFlags & 1 != 0 ? "\\bfseries" : ""
        let shape = fontFlags & 2 != 0 ? "\\itshape" : ""
        return "{\\fontsize{\(fontSize)}{\(fontSize)}\\selectfont\(family)\(weight)\(shape)}"
    }

    private func shape(filled: Bool, path: String, colors: inout ColorTable) -> String {
        guard !invisible else { return "" }
        var options: [String] = []
        if filled, let fillColor = colors.reference(fill) {
            options.append("fill=\(fillColor.name)")
            if let opacity = fillColor.opacity { options.append("fill opacity=\(opacity)") }
        }
        if let penColor = colors.reference(pen) {
            options.append("draw=\(penColor.name)")
            if let opacity = penColor.opacity { options.append("draw opacity=\(opacity)") }
            options.append("line width=\(lineWidth)bp" + dash)
        }
        guard !options.isEmpty else { return "" }
        return "\\path[\(options.joined(separator: ", "))] \(path);\n"
    }

    private func coordinate(_ point: XDotPoint) -> String {
        "(\(point.x),\(point.y))"
    }
}

extension TikZ {
    /// A label's text for TeX: every number that stands alone (`75`, `−0.5`, `1.2e−5`; not the digits
    /// of a name such as `x0` or `#3`) in math mode, the rest through `Escape.texText(_:)`.
    package static func labelText(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = "", plain = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let end = numberEnd(scalars, from: index) {
                out += Escape.texText(String(plain))
                plain = String.UnicodeScalarView()
                out += "$" + mathNumber(scalars[index ..< end]) + "$"
                index = end
            } else {
                plain.append(scalars[index])
                index += 1
            }
        }
        out += Escape.texText(String(plain))
        // TeX drops a box's leading spaces; Graphviz placed the run with them (" 300" after "75 × 4 =").
        let leading = out.prefix { $0 == " " }.count
        return String(repeating: "\\ ", count: leading) + out.dropFirst(leading)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0" ... "9").contains(scalar) }
    private static func isMinus(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || scalar == "−" }

    /// Where the number starting at `start` ends, or `nil` if none starts there.
    private static func numberEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        if start > 0 {
            let before = scalars[start - 1]
            if before.properties.isAlphabetic || isDigit(before) || before == "#" || before == "_" || before == "." { return nil }
        }
        var index = start
        if isMinus(scalars[index]) { index += 1 }
        guard index < scalars.count, isDigit(scalars[index]) else { return nil }
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        if index + 1 < scalars.count, scalars[index] == ".", isDigit(scalars[index + 1]) {
            index += 1
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        }
        if index < scalars.count, scalars[index] == "e" {
            var exponent = index + 1
            if exponent < scalars.count, isMinus(scalars[exponent]) { exponent += 1 }
            if exponent < scalars.count, isDigit(scalars[exponent]) {
                index = exponent
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            }
        }
        // A number runs into a name (`2x`, `3u`): leave both as text.
        if index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index] == "_" { return nil }
        return index
    }

    private static func mathNumber(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = ""
        for scalar in scalars {
            switch scalar {
            case "−", "-": out += "{-}"
            case "e": out += "\\mathrm{e}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
