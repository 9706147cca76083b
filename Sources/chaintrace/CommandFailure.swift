import ArgumentParser
import ChainTraceLanguage
import ChainTraceText
import Foundation

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
            FileHandle.standardError.write(Data("Error: \(Escape.terminalLines("\(error)"))\nUsage: \(usage)\n  See 'chaintrace \(name) --help' for more information.\n".utf8))
            throw ExitCode.validationFailure
        } catch let error as ProgramError {
            FileHandle.standardError.write(Data(Escape.terminalLines("\(error)\n").utf8))
            throw ExitCode.failure
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("error: \(Escape.terminalLines("\(error)"))\n".utf8))
            throw ExitCode.failure
        }
    }
}
