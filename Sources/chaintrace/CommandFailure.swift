import ArgumentParser
import ChainTraceLanguage
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
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ProgramError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
