import ChainTraceTestSupport
import ChainTraceText
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Each output context against the hostile-name corpus: the text stays text, and reads back as itself
/// (with only the documented replacements).
@Suite("escaping for each output context")
struct EscapeTests {
    /// What XML can carry of a name: forbidden scalars, DEL and C1 controls as U+FFFD.
    static func xmlVisible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || (0x7F ... 0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : $0
        }))
    }

    @Test("XML text and attribute: one element, its text and attribute are the name", arguments: HostileText.names)
    func xml(name: String) throws {
        let document = "<r a=\"\(Escape.xmlAttribute(name))\" b='\(Escape.xmlAttribute(name))'>\(Escape.xmlText(name))</r>"
        let xml = try XMLDocument(data: Data(document.utf8), options: [.nodePreserveWhitespace])
        let root = try #require(xml.rootElement())
        #expect(root.childCount == (name.isEmpty ? 0 : 1))
        #expect(root.children?.allSatisfy { $0.kind == .text } ?? true)
        #expect(root.stringValue == Self.xmlVisible(name))
        #expect(root.attribute(forName: "a")?.stringValue == Self.xmlVisible(name))
        #expect(root.attribute(forName: "b")?.stringValue == Self.xmlVisible(name))
    }

    @Test("MathML from a control-character name is well-formed")
    func controlCharactersInMathML() throws {
        let mathML = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>\(Escape.xmlText("esc\u{1B}[31m\u{0}"))</mi></math>"
        let xml = try XMLDocument(data: Data(mathML.utf8), options: [])
        #expect(xml.rootElement()?.stringValue == "esc\u{FFFD}[31m\u{FFFD}")
    }

    @Test("DOT HTML label: no markup, no quote, no bracket, no line break, backslashes doubled", arguments: HostileText.names)
    func dotLabel(name: String) {
        let label = Escape.dotLabel(name).replacingOccurrences(of: "<br/>", with: "")
        #expect(!label.contains("<") && !label.contains(">") && !label.contains("\"") && !label.contains("]"))
        #expect(!label.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF })
        #expect(label.replacingOccurrences(of: "\\\\", with: "").contains("\\") == false)
    }

    @Test("DOT tooltip: one quoted string whose quotes and backslashes are escaped", arguments: HostileText.names)
    func dotTooltip(name: String) {
        let tooltip = Escape.dotTooltip(name)
        #expect(tooltip.hasPrefix("\"") && tooltip.hasSuffix("\"") && tooltip.count >= 2)
        let inner = tooltip.dropFirst().dropLast()
        // Remove escaped pairs; what is left may hold no quote and no backslash.
        let bare = inner.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "").replacingOccurrences(of: "\\n", with: "")
        #expect(!bare.contains("\"") && !bare.contains("\\"))
        #expect(!tooltip.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("a line or paragraph separator is a line break in a diagram")
    func separatorsBreakLines() {
        #expect(Escape.dotLabel("a\u{2028}b\u{2029}c") == "a<br/>b<br/>c")
        #expect(Escape.dotTooltip("a\u{2028}b") == "\"a\\nb\"")
    }

    @Test("JSON string reads back as the name", arguments: HostileText.names)
    func jsonString(name: String) throws {
        let literal = Escape.jsonString(name)
        let value = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(value == [name])
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("JSON in a script element: no markup character, same value", arguments: HostileText.names + ["</script><!--\u{2028}\u{2029}"])
    func scriptJSON(name: String) throws {
        let safe = Escape.scriptJSON("[\(Escape.jsonString(name))]")
        #expect(!safe.unicodeScalars.contains { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) })
        #expect(try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String] == [name])
    }

    @Test("terminal: no control, no bidirectional override, nothing else changed", arguments: HostileText.names)
    func terminal(name: String) {
        let shown = Escape.terminal(name)
        let dangerous = { (scalar: Unicode.Scalar) in
            scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || (0x2028 ... 0x202E).contains(scalar.value)
                || (0x2066 ... 0x2069).contains(scalar.value)
        }
        #expect(!shown.unicodeScalars.contains(where: dangerous))
        if !name.unicodeScalars.contains(where: dangerous) { #expect(shown == name) }
    }

    @Test("terminal: controls are spelled as Swift writes them; laid-out text keeps its lines")
    func terminalSpelling() {
        #expect(Escape.terminal("a\u{1B}[2Jb\u{0}\u{202E}c\td\n") == "a\\u{1B}[2Jb\\u{0}\\u{202E}c\\u{9}d\\u{A}")
        #expect(Escape.terminalLines("row\u{1B}]0;x\u{7}\tcell\n") == "row\\u{1B}]0;x\\u{7}\tcell\n")
    }

    /// The byte scan that lets text with nothing to escape through must find every escaped scalar,
    /// also between the `−`, `∂` and `×` every table holds (lead bytes E2 and C3, as U+2028's and U+0085's).
    @Test("terminal: every scalar up to U+3000 is escaped exactly when the scalar loop escapes it, beside table symbols")
    func terminalScanAgreesWithTheScalarRule() {
        for value in UInt32(0) ..< 0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let escaped = value < 0x20 || (0x7F ... 0x9F).contains(value) || (0x2028 ... 0x202E).contains(value)
                || (0x2066 ... 0x2069).contains(value)
            let spelled = escaped ? "\\u{" + String(value, radix: 16, uppercase: true) + "}" : String(scalar)
            #expect(Escape.terminal("−0.5 ∂×" + String(scalar) + "…") == "−0.5 ∂×" + spelled + "…", "U+\(String(value, radix: 16))")
            let kept = value == 0x0A || value == 0x09 ? String(scalar) : spelled
            #expect(Escape.terminalLines("a\n" + String(scalar)) == "a\n" + kept, "U+\(String(value, radix: 16))")
        }
    }

    /// The escapers scan UTF-8 bytes and copy the runs they keep: each must give what a loop over the
    /// scalars gives, for every scalar up to U+3000 and some beyond, alone, between multi-byte symbols,
    /// and after CR, CRLF and a 4-byte emoji.
    @Test("DOT label, DOT tooltip and script JSON: every scalar replaced exactly as a loop over the scalars replaces it")
    func byteScanAgreesWithTheScalarRules() {
        var scalars = (UInt32(0) ..< 0x3000).compactMap(Unicode.Scalar.init)
        scalars += ["\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{1F600}", "\u{10FFFF}"]
        for scalar in scalars {
            let one = String(scalar)
            for text in [one, "−∂" + one + "×é", "a\r" + one + "\r\n😀" + one + "\r"] {
                let cleaned = Self.graphvizSafeByScalars(text)
                #expect(Escape.dotLabel(text) == Self.replaced(cleaned) { Self.dotLabelRule[$0] }, "U+\(String(scalar.value, radix: 16))")
                #expect(Escape.dotTooltip(text) == "\"" + Self.replaced(cleaned) { Self.dotTooltipRule[$0] } + "\"", "U+\(String(scalar.value, radix: 16))")
                #expect(Escape.scriptJSON(text) == Self.replaced(Array(text.unicodeScalars)) { Self.scriptJSONRule[$0] }, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    static func replaced(_ scalars: [Unicode.Scalar], _ rule: (Unicode.Scalar) -> String?) -> String {
        scalars.map { rule($0) ?? String($0) }.joined()
    }

    /// The cleaning of DOT text, scalar by scalar, as its documentation says.
    static func graphvizSafeByScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar.value {
            case 0x0D, 0x2028, 0x2029: out.append("\n")
            case 0x0A where previous == "\r": break
            case 0x0A: out.append(scalar)
            case 0x09: out.append(" ")
            case let value where value < 0x20 || value == 0xFFFE || value == 0xFFFF: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return out
    }

    static let dotLabelRule: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;", "]": "&#93;", "\\": "\\\\", "\n": "<br/>"]

    static let dotTooltipRule: [Unicode.Scalar: String] = ["\\": "\\\\\\\\", "\"": "\\\"", "&": "&amp;", "\n": "\\n"]

    static let scriptJSONRule: [Unicode.Scalar: String] = ["<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u{2028}": "\\u2028", "\u{2029}": "\\u2029"]

    @Test("identifiers keep only [A-Za-z0-9_-]")
    func identifier() {
        #expect(Escape.identifier("ct\"><script>-a_1 é") == "ctscript-a_1")
    }
}

/// TeX text mode against the hostile corpus and every character TeX treats specially.
@Suite("escaping for TeX")
struct TeXEscapeTests {
    /// The commands `Escape.texText` may write; anything else after a backslash is an injection.
    static let commands: Set<String> = [
        "textbackslash", "textasciicircum", "textasciitilde", "textless", "textgreater", "textbar", "textquotedbl",
        "textquotesingle", "textasciigrave", "ensuremath", "textsuperscript", "ttfamily", "ldots", "textendash",
        "textemdash", "rule", "partial", "times", "cdot", "pm", "div", "surd", "rightarrow", "leftarrow", "infty",
        "Sigma", "sum", "lfloor", "rfloor", "approx", "neq", "leq", "geq", "nabla", "circ", "frac",
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ]

    /// Checks `tex` holds only allowed commands, escaped specials, balanced braces and no ligature.
    static func isInert(_ tex: String) -> Bool {
        let scalars = Array(tex.unicodeScalars)
        var index = 0, depth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                index += 1
                guard index < scalars.count else { return false }
                if "{}$&#%_ ".unicodeScalars.contains(scalars[index]) { break }
                var name = ""
                while index < scalars.count, scalars[index].properties.isAlphabetic, scalars[index].isASCII {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard commands.contains(name) else { return false }
                continue
            case "{": depth += 1
            case "}": depth -= 1; if depth < 0 { return false }
            case "$", "&", "#", "%", "^", "_", "~", "\n", "\r", "\t": return false
            case "-", "!", "?":
                if index + 1 < scalars.count, scalars[index + 1] == "-" || scalars[index + 1] == "`" { return false }
            default:
                guard scalar.isASCII || (0xC0 ... 0xFF).contains(scalar.value) else { return false }
                guard scalar.value >= 0x20, scalar.value != 0x7F else { return false }
            }
            index += 1
        }
        return depth == 0
    }

    @Test("a hostile name is inert in TeX", arguments: HostileText.names + [
        "\\input{/etc/passwd}", "}\\end{document}", "$x^2$ % comment", "a & b # c _ d ~ e", "--- !` ?` ``quoted''",
        "{{{", "\\def\\x{y}\\x", "^^5c^^5c", "Σ∂x/∂y × 2 −1 ½ α ω 🧪 \u{0}",
    ])
    func inert(_ name: String) {
        let tex = Escape.texText(name)
        #expect(Self.isInert(tex), "\(name) → \(tex)")
    }

    @Test("every character TeX treats specially is escaped", arguments: Array(#"\{}$&#^_%~<>|"'`"#))
    func special(_ character: Character) {
        let tex = Escape.texText(String(character))
        #expect(tex != String(character))
        #expect(Self.isInert(tex))
    }

    @Test("plain text and Latin-1 letters stay as they are; other characters are spelled by code point")
    func plain() {
        #expect(Escape.texText("loss h0 Größe") == "loss h0 Größe")
        #expect(Escape.texText("🧪") == "{\\ttfamily U+1F9EA}")
        #expect(Escape.texText("∂y/∂x") == "\\ensuremath{\\partial}y/\\ensuremath{\\partial}x")
    }

    @Test("the tensor rules' symbols are LaTeX, not code points")
    func tensorSymbols() {
        for rule in ["matmul, left operand: Ḡ · Bᵀ", "sigmoid: Ḡ ⊙ σ(a)(1 − σ(a))", "∂t6/∂W1 = I ⊗ xᵀ", "σ′(zᵢ) eᶻʲ⁻ᵐ x₀ x₁ x₂ aⱼ aᵣ",
                     "Ḡ[4×3] · (1₄ ⊗ I₃)", "I₅ ⊗ 1₆₇₈₉", "1ₙ ⊗ I", "[0.5, −1] ↦ [0.25]", "mean 0 · ‖·‖ 1.3"] {
            #expect(!Escape.texText(rule).contains("U+"), "\(rule) → \(Escape.texText(rule))")
        }
        #expect(Escape.texText("Ḡ ⊙ Bᵀ") == "\\ensuremath{\\bar{G}} \\ensuremath{\\odot} B\\textsuperscript{T}")
    }
}
