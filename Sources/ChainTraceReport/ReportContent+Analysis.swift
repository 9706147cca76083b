import ChainTrace
import ChainTraceAnalysis
import ChainTraceText

extension ReportContent {
    /// Every edge's local partial as `∂c/∂a = formula = formula at the values`, in edge order.
    ///
    /// Operands are written as the page names them: a node's name, `#id` when it has none, and
    /// an unnamed constant's value.
    static func partialFormulas(on tape: Tape, digits: Int = 6) -> [ReportFormula?] {
        (0 ..< tape.edgeCount).map { edge in
            let consumer = tape.consumer(of: edge), operand = tape.operand(of: edge)
            let operands = tape.inputs(of: consumer)
            let rule = tape.op(of: consumer).localPartial(operand: tape.position(of: edge), parameter: tape.parameter(of: consumer))
            let symbolic = rule.substituting { symbol(operands[$0], on: tape) }
            let numeric = rule.substituting { position in
                let node = operands[position]
                return tape.op(of: node) == .constant && tape.name(of: node) == nil ? .number(tape.value(of: node)) : .value(tape.value(of: node))
            }
            let left = NodeNames.partialSymbol(consumer, operand, on: tape)
            var text = left + " = " + symbolic.text(digits: digits)
            var mathML = "<math>" + partialFraction(consumer, operand, on: tape) + "<mo>=</mo>" + inner(symbolic.mathML(digits: digits))
            // `= 2·(2)` adds nothing when the formula has no operand in it (`∂u/∂(#1) = 1`).
            if numeric != symbolic {
                text += " = " + numeric.text(digits: digits)
                mathML += "<mo>=</mo>" + inner(numeric.mathML(digits: digits))
            }
            return ReportFormula(text: text, mathML: mathML + "</math>")
        }
    }

    /// Every node's value as a formula of its operands (`#1 + 1`); nil for inputs and constants.
    static func valueFormulas(on tape: Tape, digits: Int = 6) -> [ReportFormula?] {
        (0 ..< tape.count).map { node in
            let operands = tape.inputs(of: node)
            guard let expression = tape.op(of: node).expression(parameter: tape.parameter(of: node)) else { return nil }
            let formula = expression.substituting { symbol(operands[$0], on: tape) }
            return ReportFormula(text: formula.text(digits: digits), mathML: formula.mathML(digits: digits))
        }
    }

    /// For every input, its paths to `output`: the `limit` with the largest |product|, and how many there are.
    static func pathLists(on tape: Tape, to output: NodeID, limit: Int) -> [PathListing] {
        let inputs = (0 ..< tape.count).filter { tape.op(of: $0) == .input && $0 <= output }
        guard let first = inputs.first else { return [] }
        // One analysis towards the output, restarted at each input: many inputs cost one sweep each.
        let shared = PathAnalysis(tape: tape, from: first, to: output)
        return inputs.map { input in
            let analysis = shared.starting(at: input)
            return PathListing(analysis.top(limit), of: analysis)
        }
    }

    private static func name(_ node: NodeID, on tape: Tape) -> String { tape.name(of: node) ?? "#\(node)" }

    private static func symbol(_ node: NodeID, on tape: Tape) -> Formula {
        if tape.name(of: node) == nil && tape.op(of: node) == .constant { return .number(tape.value(of: node)) }
        return .symbol(name(node, on: tape))
    }

    private static func partialFraction(_ consumer: NodeID, _ operand: NodeID, on tape: Tape) -> String {
        func part(_ node: NodeID) -> String { "<mrow><mo>∂</mo><mi>" + Escape.xmlText(NodeNames.derivativeSymbol(node, on: tape)) + "</mi></mrow>" }
        return "<mfrac>" + part(consumer) + part(operand) + "</mfrac>"
    }

    /// The content of a `<math>` element, to be placed inside another.
    private static func inner(_ mathML: String) -> String {
        guard mathML.hasPrefix("<math"), mathML.hasSuffix("</math>"), let open = mathML.firstIndex(of: ">") else { return mathML }
        return "<mrow>" + mathML[mathML.index(after: open) ..< mathML.index(mathML.endIndex, offsetBy: -7)] + "</mrow>"
    }
}
