extension Escape {
    /// Text for TeX's text mode (a TikZ node's text, compiled by pdflatex with T1 fonts and UTF-8 input):
    /// TeX's special characters as commands, the symbols chaintrace's labels use (∂, ×, −, superscripts,
    /// Greek letters…) as LaTeX commands, and any other character outside ASCII and Latin-1 spelled as
    /// its code point (`U+1F9EA`), because pdflatex stops at a character its fonts do not declare.
    ///
    /// No name can open or close a group, start math, a comment, an alignment or a command, nor form
    /// a ligature (two hyphens, two backticks, `!` or `?` before a backtick): each special character
    /// becomes a command ended by `{}`.
    public static func texText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let ascii = texASCII(scalar) {
                out += ascii
            } else if let symbol = texSymbols[scalar] {
                out += symbol
            } else if (0xC0 ... 0xFF).contains(scalar.value), scalar != "×", scalar != "÷" {
                // Latin-1 letters: declared by LaTeX's UTF-8 input for T1 fonts.
                out.unicodeScalars.append(scalar)
            } else {
                out += "{\\ttfamily U+" + hex(scalar.value) + "}"
            }
        }
        return out
    }

    private static func texASCII(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\\": return "\\textbackslash{}"
        case "{": return "\\{"
        case "}": return "\\}"
        case "$": return "\\$"
        case "&": return "\\&"
        case "#": return "\\#"
        case "%": return "\\%"
        case "_": return "\\_"
        case "^": return "\\textasciicircum{}"
        case "~": return "\\textasciitilde{}"
        case "<": return "\\textless{}"
        case ">": return "\\textgreater{}"
        case "|": return "\\textbar{}"
        case "\"": return "\\textquotedbl{}"
        case "'": return "\\textquotesingle{}"
        case "`": return "\\textasciigrave{}"
        // Ligatures: two hyphens, or `!` or `?` before a backtick, would print other characters.
        case "-", "!", "?": return String(scalar) + "{}"
        case "\t", "\n", "\r": return " "
        case " " ... "~": return String(scalar)
        default: return nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The non-ASCII symbols diagrams use, as LaTeX commands that need no package beyond the kernel.
    private static let texSymbols: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [
            "∂": "\\ensuremath{\\partial}", "×": "\\ensuremath{\\times}", "·": "\\ensuremath{\\cdot}",
            "−": "\\ensuremath{-}", "±": "\\ensuremath{\\pm}", "÷": "\\ensuremath{\\div}", "√": "\\ensuremath{\\surd}",
            "→": "\\ensuremath{\\rightarrow}", "←": "\\ensuremath{\\leftarrow}", "∞": "\\ensuremath{\\infty}",
            "Σ": "\\ensuremath{\\Sigma}", "∑": "\\ensuremath{\\sum}", "⌊": "\\ensuremath{\\lfloor}", "⌋": "\\ensuremath{\\rfloor}",
            "≈": "\\ensuremath{\\approx}", "≠": "\\ensuremath{\\neq}", "≤": "\\ensuremath{\\leq}", "≥": "\\ensuremath{\\geq}",
            "∇": "\\ensuremath{\\nabla}", "∘": "\\ensuremath{\\circ}", "½": "\\ensuremath{\\frac{1}{2}}",
            "…": "\\ldots{}", "–": "\\textendash{}", "—": "\\textemdash{}", "‘": "`", "’": "'", "“": "``", "”": "''",
            "━": "\\rule[0.3ex]{0.6em}{1.6pt}", "\u{A0}": "~",
            // Tensor rules: the upstream Ḡ, Hadamard and Kronecker products, σ′; tensor diagrams: upstream ↦ contribution, ‖·‖.
            "Ḡ": "\\ensuremath{\\bar{G}}", "⊙": "\\ensuremath{\\odot}", "⊗": "\\ensuremath{\\otimes}", "′": "\\ensuremath{'}",
            "↦": "\\ensuremath{\\mapsto}", "‖": "\\ensuremath{\\Vert}",
        ]
        let greek = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
                     "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"]
        for (offset, name) in greek.enumerated() {
            if let scalar = Unicode.Scalar(0x3B1 + UInt32(offset)) {
                table[scalar] = name == "omicron" ? "o" : "\\ensuremath{\\\(name)}"
            }
        }
        let superscripts: [(Unicode.Scalar, String)] = [
            ("⁰", "0"), ("¹", "1"), ("²", "2"), ("³", "3"), ("⁴", "4"), ("⁵", "5"), ("⁶", "6"), ("⁷", "7"), ("⁸", "8"), ("⁹", "9"),
            ("⁻", "\\ensuremath{-}"), ("⁺", "+"), ("ⁿ", "n"), ("ˣ", "x"), ("ʸ", "y"), ("ᵃ", "a"), ("ᵇ", "b"), ("ᵖ", "p"), ("ⁱ", "i"),
            ("ᵀ", "T"), ("ʲ", "j"), ("ᵐ", "m"), ("ᶻ", "z"),
        ]
        let subscripts: [(Unicode.Scalar, String)] = [("₀", "0"), ("₁", "1"), ("₂", "2"), ("₃", "3"), ("₄", "4"), ("₅", "5"), ("₆", "6"),
                                                      ("₇", "7"), ("₈", "8"), ("₉", "9"), ("ₙ", "n"), ("ᵢ", "i"), ("ⱼ", "j"), ("ᵣ", "r")]
        for (scalar, text) in subscripts { table[scalar] = "\\textsubscript{\(text)}" }
        for (scalar, text) in superscripts { table[scalar] = "\\textsuperscript{\(text)}" }
        return table
    }()
}
