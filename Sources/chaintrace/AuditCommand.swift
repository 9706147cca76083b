import ArgumentParser
import ChainTraceAudit
import Foundation

/// `chaintrace audit`: which gradient each hand-written line of a program computes, line by line.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Match each hand-written value (outside the output's computation) to a gradient ∂output/∂node and to the chain rule.",
        discussion: "The output is --output NAME, else 'loss' or 'J'. Values are compared at the program's inputs and at "
            + "points with the output's inputs moved by up to ±5 % (fixed seed), so a coincidence at one point never matches."
    )

    @OptionGroup var input: ComputationInput

    @Option(help: "How many input points to compare at, the program's own included (2 to 1000).")
    var points: Int = 8

    @Option(help: ArgumentHelp("Also write the audit as JSON to this path ('-' for standard output, which then carries only the JSON).", valueName: "path"))
    var json: String?

    func validate() throws {
        guard (2 ... 1000).contains(points) else { throw ValidationError("--points must be from 2 to 1000") }
    }

    func run() throws {
        try reportingFailures {
            let audit: Audit
            do {
                audit = try Audit(program: input.program(), inputs: input.inputValues(), output: input.outputName, points: points)
            } catch let error as AuditError {
                throw CommandFailure(error.description)
            }
            if let json {
                try OutputFile.write(Data(audit.json().utf8), to: json)
                if json == "-" { return }
            }
            print(audit.text(), terminator: "")
        }
    }
}
