import ArgumentParser
import ChainTraceAudit

/// `chaintrace audit`: which gradient each hand-written line of a program computes, line by line.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Match each hand-written value (outside the output's computation) to a gradient ∂output/∂node and to the chain rule.",
        discussion: "The output is --output NAME, else 'loss' or 'J'. Values are compared at the program's inputs and at "
            + "points with the output's inputs moved by up to ±5 % (fixed seed), so a coincidence at one point never matches. "
            + "A tensor program is audited at tensor level: each hand-written tensor against the gradients of its shape, "
            + "or transposed; --scalar audits its scalar expansion."
    )

    @OptionGroup var input: ComputationInput

    @Option(parsing: .unconditional, help: "How many input points to compare at, the program's own included (2 to 1000).")
    var points: Int = 8

    @OptionGroup var jsonFile: JSONOutputOption

    func validate() throws {
        guard (2 ... 1000).contains(points) else { throw ValidationError("--points must be from 2 to 1000") }
    }

    func run() throws {
        try reportingFailures {
            let audit: Audit
            do {
                let program = try input.program()
                if program.isTensorProgram && !input.scalar {
                    audit = try Audit(tensorProgram: program, inputs: input.tensorInputs(), output: input.outputName, points: points)
                } else {
                    // --scalar audits a tensor program's scalar expansion, its inputs moved element by element.
                    audit = try Audit(program: program, inputs: input.runInputs(for: program), output: input.outputName, points: points)
                }
            } catch let error as AuditError {
                throw CommandFailure(error.description)
            }
            if try jsonFile.write(sparing: input, { audit.json() }) { return }
            print(audit.text(), terminator: "")
        }
    }
}
