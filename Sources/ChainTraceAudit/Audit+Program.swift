import ChainTrace
import ChainTraceLanguage

extension Audit {
    /// How much each input moves at the perturbed points: up to ±5 % of its value (±0.05 when it is 0).
    public static let perturbation = 0.05

    /// `value` moved by up to ±``perturbation`` of itself (by up to ±``perturbation`` when it is 0), the next draw of `generator`.
    static func perturbed(_ value: Double, by generator: inout SplitMix64) -> Double {
        let amount = generator.nextSigned() * perturbation
        return value == 0 ? amount : value * (1 + amount)
    }

    /// The output an audit differentiates by default: `loss`, else `J`, when the program assigns one.
    public static func defaultOutput(of bindings: [String: NodeID]) -> String? {
        ["loss", "J"].first { bindings[$0] != nil }
    }

    /// Records a computation at its inputs and at `points − 1` perturbed copies of them, then audits.
    ///
    /// `record` gets input values by name and returns its tape and output; it must record the same
    /// operations whatever the values (no branching on them). Its first call gets `inputs` unchanged.
    /// Only the named inputs the output depends on move; others (a learning rate) keep their values, so
    /// a step's rate or a scale factor stays one number. The perturbations come from a fixed seed: the
    /// same code gives the same audit.
    ///
    /// ```swift
    /// let audit = try Audit(inputs: ["w": 0.3]) { values in
    ///     let trace = Trace()
    ///     let w = trace.input("w", values["w"] ?? 0.3)
    ///     let loss = ((w * 2 - 1) * (w * 2 - 1)).named("loss")
    ///     _ = (4 * (w * 2 - 1)).named("dw")
    ///     return (trace.tape, loss.id ?? 0)
    /// }
    /// ```
    public init(inputs: [String: Double] = [:], points: Int = 8, seed: UInt64 = 1,
                record: ([String: Double]) throws -> (tape: Tape, output: NodeID)) throws {
        precondition(points >= 1, "Audit(inputs:points:record:) needs at least one point")
        let base = try record(inputs)
        guard base.output >= 0 && base.output < base.tape.count else {
            throw AuditError("the output node #\(base.output) is not on the tape (\(base.tape.count) nodes)")
        }
        let reached = Backward(tape: base.tape, from: base.output).reachedNodes(on: base.tape)
        let moving = (0 ... base.output).filter { reached[$0] && base.tape.op(of: $0) == .input }.compactMap { node in
            base.tape.name(of: node).map { (name: $0, value: base.tape.value(of: node)) }
        }
        var generator = SplitMix64(seed: seed)
        var runs = [base.tape]
        for _ in 1 ..< points {
            var moved = inputs
            for input in moving {
                moved[input.name] = Self.perturbed(input.value, by: &generator)
            }
            runs.append(try record(moved).tape)
        }
        try self.init(runs: runs, output: base.output)
    }

    /// Runs `program` at its inputs and at `points − 1` perturbed copies of them, then audits.
    ///
    /// - Parameters:
    ///   - program: the parsed program: its forward computation and its hand-written values.
    ///   - inputs: input values, as `--at` gives them.
    ///   - output: the name to differentiate; ``defaultOutput(of:)`` when nil.
    ///   - points: how many input points every match must hold at, the program's own included.
    ///   - seed: the seed of the perturbations, so an audit repeats exactly.
    public init(program: Program, inputs: [String: Double] = [:], output: String? = nil, points: Int = 8, seed: UInt64 = 1) throws {
        var name = output
        if name == nil {
            // A tensor program's names, without the backward pass its expansion would take from the last statement.
            name = Self.defaultOutput(of: program.isTensorProgram ? try program.runTensors().bindings : try program.run(inputs: inputs).bindings)
            guard name != nil else {
                throw AuditError("\(program.file): the program assigns neither 'loss' nor 'J'; name the output to audit with --output NAME")
            }
        }
        try self.init(inputs: inputs, points: points, seed: seed) { values in
            let run = try program.run(inputs: values, output: name)
            return (run.tape, run.output)
        }
    }
}
