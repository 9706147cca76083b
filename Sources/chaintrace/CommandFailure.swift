import ArgumentParser
import ChainTraceLanguage
import ChainTraceText
import FoundationEssentials

/// A failure to report on standard error before exiting with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension ParsableCommand {
    /// Runs `body`, printing program and input errors (located, without usage text) and exiting non-zero.
    ///
    /// A usage error found while running (an unknown `--wrt` name) is printed with this subcommand's
    /// usage: the argument parser would show the root command's, as it no longer knows which ran.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            let name = Self.configuration.commandName ?? ""
            let usage = ChainTraceCommand.usageString(for: Self.self)
            StandardStream.error("Error: \(Escape.terminalLines("\(error)"))\nUsage: \(usage)\n  See 'chaintrace \(name) --help' for more information.\n")
            throw ExitCode.validationFailure
        } catch let error as ProgramError {
            StandardStream.error(Escape.terminalLines("\(error)\n"))
            throw ExitCode.failure
        } catch let error as CommandFailure {
            StandardStream.error("error: \(Escape.terminalLines("\(error)"))\n")
            throw ExitCode.failure
        }
    }
}
