import ChainTrace
import ChainTraceText

extension Formula {
    /// Plain text: `3u²`, `σ(u)(1 − σ(u))`, `3·(5)²`; numbers with `digits` significant digits.
    public func text(digits: Int = 6) -> String {
        FormulaRenderer(digits: digits).render(self).text
    }

    /// Presentation MathML, a complete `<math>` element, for the HTML report.
    public func mathML(digits: Int = 6) -> String {
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">" + mathMLContent(digits: digits) + "</math>"
    }

    /// The MathML inside the `<math>` element, for building larger expressions.
    func mathMLContent(digits: Int) -> String {
        FormulaRenderer(digits: digits).render(self).mathML
    }
}

/// Renders a formula to text and MathML at once, so both make the same choices of brackets and signs.
struct FormulaRenderer {
    let digits: Int

    /// Binding strength, weakest first; a child weaker than its place needs brackets.
    enum Strength: Int, Comparable {
        case sum = 1, negation, product, power, atom
        static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Rendered {
        var text: String
        var mathML: String
        var strength: Strength

        func bracketed(if condition: Bool) -> Rendered {
            condition ? Rendered(text: "(" + text + ")", mathML: "<mrow><mo>(</mo>" + mathML + "<mo>)</mo></mrow>", strength: .atom) : self
        }
    }

    func render(_ formula: Formula) -> Rendered {
        switch formula {
        case .number(let x):
            let digitsText = NumberText.significant(Swift.abs(x), digits: digits)
            return x < 0
                ? Rendered(text: "−" + digitsText, mathML: "<mrow><mo>−</mo><mn>\(digitsText)</mn></mrow>", strength: .negation)
                : Rendered(text: digitsText, mathML: "<mn>\(NumberText.significant(x, digits: digits))</mn>", strength: .atom)
        case .value(let x):
            let text = NumberText.significant(x, digits: digits)
            return Rendered(text: "(" + text + ")", mathML: "<mrow><mo>(</mo><mn>\(text)</mn><mo>)</mo></mrow>", strength: .atom)
        case .symbol(let name):
            return Rendered(text: name, mathML: "<mi>\(Escape.xmlText(name))</mi>", strength: .atom)
        case .operand(let index):
            let name = index == 0 ? "a" : (index == 1 ? "b" : "x\(index)")
            return Rendered(text: name, mathML: "<mi>\(name)</mi>", strength: .atom)
        case .sum(let terms):
            var text = "", mathML = ""
            for (index, term) in terms.enumerated() {
                if index > 0, case .number(let x) = term, x < 0 {
                    let part = render(.number(-x))
                    text += " − " + part.text
                    mathML += "<mo>−</mo>" + part.mathML
                    continue
                }
                if index > 0, case .negation(let inner) = term {
                    let rendered = render(inner)
                    let part = rendered.bracketed(if: rendered.strength <= .sum)
                    text += " − " + part.text
                    mathML += "<mo>−</mo>" + part.mathML
                    continue
                }
                // A sum inside a sum keeps its brackets: they show where paths were grouped.
                let rendered = render(term)
                let part = rendered.bracketed(if: rendered.strength == .sum)
                text += (index > 0 ? " + " : "") + part.text
                mathML += (index > 0 ? "<mo>+</mo>" : "") + part.mathML
            }
            return Rendered(text: text, mathML: "<mrow>\(mathML)</mrow>", strength: .sum)
        case .difference(let a, let b):
            let right = render(b)
            let left = render(a).bracketed(if: Self.isSum(a)), rightPart = right.bracketed(if: right.strength <= .sum)
            return Rendered(text: left.text + " − " + rightPart.text, mathML: "<mrow>\(left.mathML)<mo>−</mo>\(rightPart.mathML)</mrow>", strength: .sum)
        case .product(let factors):
            var text = "", mathML = ""
            var previous: Formula?
            for factor in factors {
                let rendered = render(factor)
                let part = rendered.bracketed(if: rendered.strength < .product || Self.isQuotient(factor) && factors.count > 1)
                if let previous {
                    let juxtaposed = Self.juxtaposes(previous, factor, rightText: part.text, rightBracketed: rendered.strength < .product)
                    text += juxtaposed ? "" : "·"
                    mathML += juxtaposed ? "<mo>&#x2062;</mo>" : "<mo>·</mo>"
                }
                text += part.text
                mathML += part.mathML
                previous = factor
            }
            return Rendered(text: text, mathML: "<mrow>\(mathML)</mrow>", strength: .product)
        case .chain(let factors):
            // Quotients are bracketed too: (1/x)·(1 − tanh²(h)) cannot be misread as 1/(x·…).
            let parts = factors.map { factor -> Rendered in
                let rendered = render(factor)
                return rendered.bracketed(if: rendered.strength < .product || Self.isQuotient(factor) && factors.count > 1)
            }
            return Rendered(text: parts.map(\.text).joined(separator: "·"),
                            mathML: "<mrow>" + parts.map(\.mathML).joined(separator: "<mo>·</mo>") + "</mrow>", strength: .product)
        case .quotient(let a, let b):
            let numerator = render(a), denominator = render(b)
            let left = numerator.bracketed(if: numerator.strength < .product), right = denominator.bracketed(if: denominator.strength <= .product)
            return Rendered(text: left.text + "/" + right.text, mathML: "<mfrac>\(numerator.mathML)\(denominator.mathML)</mfrac>", strength: .product)
        case .negation(let a):
            let rendered = render(a)
            let inner = rendered.bracketed(if: rendered.strength < .product)
            return Rendered(text: "−" + inner.text, mathML: "<mrow><mo>−</mo>\(inner.mathML)</mrow>", strength: .negation)
        case .power(let base, let exponent):
            return power(base, exponent)
        case .function(let function, let arguments):
            return call(function, arguments)
        case .indicator(let a, let comparison, let b):
            let left = render(a), right = render(b)
            let mathSign = comparison == .less ? "&lt;" : (comparison == .greater ? "&gt;" : "=")
            return Rendered(text: "[\(left.text) \(comparison.rawValue) \(right.text)]",
                            mathML: "<mrow><mo>[</mo>\(left.mathML)<mo>\(mathSign)</mo>\(right.mathML)<mo>]</mo></mrow>", strength: .atom)
        }
    }

    private func power(_ base: Formula, _ exponent: Formula) -> Rendered {
        if case .number(let p) = exponent, let superscript = Self.superscript(p) {
            let exponentMathML = p < 0 ? "<mrow><mo>−</mo><mn>\(NumberText.full(-p))</mn></mrow>" : "<mn>\(NumberText.full(p))</mn>"
            // tanh²(u) rather than tanh(u)², as in print.
            if case .function(let function, let arguments) = base, arguments.count == 1, function != .sqrt, function != .abs {
                let argument = argumentText(arguments[0])
                return Rendered(text: "\(Self.name(function))\(superscript)(\(argument.text))",
                                mathML: "<mrow><msup><mi>\(Self.name(function))</mi>\(exponentMathML)</msup><mo>&#x2061;</mo><mrow><mo>(</mo>\(argument.mathML)<mo>)</mo></mrow></mrow>",
                                strength: .atom)
            }
            let rendered = render(base)
            let inner = rendered.bracketed(if: rendered.strength < .atom || Self.isRoot(base))
            return Rendered(text: inner.text + superscript, mathML: "<msup>\(inner.mathML)\(exponentMathML)</msup>", strength: .power)
        }
        let renderedBase = render(base), renderedExponent = render(exponent)
        let inner = renderedBase.bracketed(if: renderedBase.strength < .atom || Self.isRoot(base))
        let raised = renderedExponent.bracketed(if: renderedExponent.strength < .atom || Self.isNegativeNumber(exponent))
        return Rendered(text: inner.text + "^" + raised.text, mathML: "<msup>\(inner.mathML)\(renderedExponent.mathML)</msup>", strength: .power)
    }

    private func call(_ function: Formula.Function, _ arguments: [Formula]) -> Rendered {
        let parts = arguments.map(argumentText)
        switch function {
        case .sqrt:
            let rendered = render(arguments[0])
            let inner = rendered.bracketed(if: rendered.strength < .atom)
            return Rendered(text: "√" + inner.text, mathML: "<msqrt>\(parts[0].mathML)</msqrt>", strength: .atom)
        case .abs:
            return Rendered(text: "|\(parts[0].text)|", mathML: "<mrow><mo>|</mo>\(parts[0].mathML)<mo>|</mo></mrow>", strength: .atom)
        default:
            let name = Self.name(function)
            return Rendered(text: "\(name)(\(parts.map(\.text).joined(separator: ", ")))",
                            mathML: "<mrow><mi>\(name)</mi><mo>&#x2061;</mo><mrow><mo>(</mo>\(parts.map(\.mathML).joined(separator: "<mo>,</mo>"))<mo>)</mo></mrow></mrow>",
                            strength: .atom)
        }
    }

    /// A function's argument: a substituted value needs no second pair of brackets, `cos(4)`.
    private func argumentText(_ argument: Formula) -> Rendered {
        if case .value(let x) = argument {
            let text = NumberText.significant(x, digits: digits)
            return Rendered(text: text, mathML: "<mn>\(text)</mn>", strength: .atom)
        }
        return render(argument)
    }

    /// Whether two factors are written side by side (`3u²`, `σ(u)(1 − σ(u))`) rather than with `·`.
    private static func juxtaposes(_ left: Formula, _ right: Formula, rightText: String, rightBracketed: Bool) -> Bool {
        if case .value = left { return false }
        if case .number = left {
            guard let first = rightText.unicodeScalars.first else { return false }
            return rightBracketed || (first.properties.isAlphabetic && !Self.isValueLed(right)) || first == "√"
        }
        return rightBracketed
    }

    private static func isValueLed(_ formula: Formula) -> Bool {
        switch formula {
        case .value: true
        case .power(let base, _): isValueLed(base)
        case .product(let factors): factors.first.map(isValueLed) ?? false
        default: false
        }
    }

    /// √x² would read as √(x²): a root raised to a power keeps its brackets, (√x)².
    private static func isRoot(_ formula: Formula) -> Bool {
        if case .function(.sqrt, _) = formula { return true }
        return false
    }

    private static func isQuotient(_ formula: Formula) -> Bool {
        if case .quotient = formula { return true }
        return false
    }

    private static func isSum(_ formula: Formula) -> Bool {
        if case .sum = formula { return true }
        return false
    }

    private static func isNegativeNumber(_ formula: Formula) -> Bool {
        if case .number(let x) = formula { return x < 0 }
        return false
    }

    static func name(_ function: Formula.Function) -> String { function.rawValue }

    /// `²`, `⁻¹` for small whole exponents; nil for the rest, which are written `^p`.
    static func superscript(_ p: Double) -> String? {
        guard p == p.rounded(), Swift.abs(p) < 1000, p != 1 else { return nil }
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let text = String(Int(Swift.abs(p))).map { digits[Int(String($0)) ?? 0] }
        return (p < 0 ? "⁻" : "") + String(text)
    }
}
