import Foundation

/// Running the programs the benchmark compares against: the chaintrace CLI and Graphviz's `dot`.
enum Subprocess {
    /// Runs `executable` with `arguments`, standard output discarded, and returns its exit status.
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The fastest of `repeats` runs in seconds, and whether every run exited 0.
    static func best(_ repeats: Int, _ commands: [(String, [String])]) -> (seconds: Double, succeeded: Bool) {
        var succeeded = true
        let seconds = Stopwatch.best(repeats) {
            for (executable, arguments) in commands where run(executable, arguments) != 0 { succeeded = false }
        }
        return (seconds, succeeded)
    }

    /// The path of `name` on `PATH`, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
