import ArgumentParser
import ChainTrace
import ChainTraceAnalysis
import ChainTraceText
import FoundationEssentials

/// `chaintrace check`: every gradient and local partial against central finite differences.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare every input's gradient and every edge's local partial with central finite differences; name where a NaN or infinity arose.",
        discussion: "Exits with status 1 when an error exceeds the tolerance or a value or gradient is not finite."
    )

    @OptionGroup var input: ComputationInput

    @Option(parsing: .unconditional, help: "The largest relative error accepted, |a − b| / max(|a|, |b|, 1).")
    var tolerance: Double = 1e-5

    @OptionGroup var precision: DigitsOption<TextDigits>

    @Option(help: "Compare at most this many inputs' gradients with finite differences (those with the largest |gradient|); each costs a replay of what depends on it.")
    var maxInputs: Int = 1000

    func validate() throws {
        guard maxInputs >= 1 else { throw ValidationError("--max-inputs must be at least 1") }
        guard tolerance > 0 else { throw ValidationError("--tolerance must be positive") }
    }

    func run() throws {
        try reportingFailures {
            var document = try input.load()
            let tape = document.tape
            let backward = document.differentiate()
            let check = GradientCheck(tape: tape, backward: backward, tolerance: tolerance, maxInputs: maxInputs)
            let names = NodeNames(tape: tape, digits: precision.digits, width: TapePrinter.nameWidth)
            let number = { (x: Double) in NumberText.significant(x, digits: precision.digits) }
            let output = names.distinctLabels[backward.output]
            var text = ""
            for result in check.inputs {
                let verdict = !result.gradient.isFinite ? "FAILED: not finite"
                    : result.crossesKink ? "skipped: a relu, abs, min or max changes sides within the step"
                    : (result.error <= tolerance ? "ok" : "FAILED")
                text += "∂\(output)/∂\(names.distinctLabels[result.node]): gradient \(number(result.gradient)), finite difference \(number(result.finiteDifference)), relative error \(NumberText.significant(result.error, digits: 2))  \(verdict)\n"
            }
            if check.inputs.count < check.inputCount {
                text += "compared \(check.inputs.count) of \(check.inputCount) inputs' gradients, those with the largest |gradient| (the limit; --max-inputs raises it)\n"
            }
            if let worst = check.worstInput {
                text += "worst gradient error: \(NumberText.significant(worst.error, digits: 2)) at \(names.distinctLabels[worst.node])\n"
            }
            if let worst = check.worstEdge {
                text += "worst local partial error: \(NumberText.significant(worst.error, digits: 2)) on \(edgeText(worst.edge, tape: tape, names: names))\n"
            }
            for edge in check.edges where edge.skipped == nil && !(edge.error <= tolerance) {
                text += "  local partial FAILED on \(edgeText(edge.edge, tape: tape, names: names)): recorded \(number(edge.partial)), finite difference \(number(edge.finiteDifference))\n"
            }
            if let worst = check.worstValue, !(worst.error <= tolerance) {
                text += "value FAILED: \(names.distinctLabels[worst.node]) #\(worst.node) is \(number(tape.value(of: worst.node))) on the tape but replays as \(number(Replay.values(of: tape)[worst.node]))\n"
            }
            let origins = [NonFiniteOrigin.forward(on: tape), NonFiniteOrigin.backward(backward, on: tape)].compactMap { $0 }
            for origin in origins {
                text += origin.description(on: tape, names: names, digits: precision.digits) + "\n"
            }
            let passed = check.passed && origins.isEmpty
            text += passed ? "check passed (tolerance \(NumberText.full(tolerance)))\n" : "check FAILED (tolerance \(NumberText.full(tolerance)))\n"
            print(Escape.terminalLines(text), terminator: "")
            if !passed { throw ExitCode.failure }
        }
    }

    private func edgeText(_ edge: Int, tape: Tape, names: NodeNames) -> String {
        let consumer = tape.consumer(of: edge), operand = tape.operand(of: edge)
        let line = tape.line(of: consumer) > 0 ? ", line \(tape.line(of: consumer))" : ""
        return "∂\(names.distinctLabels[consumer])/∂\(names.distinctLabels[operand]) (\(TapePrinter.opText(consumer, on: tape)) #\(consumer), operand \(tape.position(of: edge) + 1)\(line))"
    }
}
