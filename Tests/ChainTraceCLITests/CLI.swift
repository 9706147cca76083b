import Foundation
import Testing

/// Runs the built `chaintrace` binary, as a user would.
enum CLI {
    /// What one run printed and how it ended.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The binary: `$CHAINTRACE_BINARY`, else `chaintrace` beside the test runner in the build folder
    /// (`.build/<triple>/debug/`, where `swift build` puts every product). `swift test` compiles the
    /// command's module but does not relink the binary: run `swift build` first, as Tests/run.sh does.
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["CHAINTRACE_BINARY"] { return URL(fileURLWithPath: path) }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let folders = sequence(first: runner.deletingLastPathComponent()) { $0.pathComponents.count > 1 ? $0.deletingLastPathComponent() : nil }
        return folders.prefix(4).map { $0.appendingPathComponent("chaintrace") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `chaintrace arguments…` in the repository root (where the samples are) and waits for it.
    static func run(_ arguments: [String]) throws -> Result {
        let binary = try #require(binary, "no chaintrace binary beside \(CommandLine.arguments[0]); run swift build first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repository
        // Files, not pipes: a child that fills one pipe while the other is being read would stall.
        let capture = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: capture) }
        let out = capture.appendingPathComponent("stdout"), err = capture.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let output = try Data(contentsOf: out), errors = try Data(contentsOf: err)
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self))
    }

    /// Runs `chaintrace arguments…` where `"{fifo}"` in the arguments is a named pipe that delivers `program`
    /// once, as a shell's process substitution would; a command that read its input twice would wait for ever.
    /// `folder` holds the pipe (and any files the command writes).
    static func run(_ arguments: [String], readingOnce program: String, in folder: URL) throws -> Result {
        let fifo = folder.appendingPathComponent("p.ct").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO for writing waits for the reader, the command started below.
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(program.utf8))
                try? handle.close()
            }
        }
        writer.start()
        return try run(arguments.map { $0 == "{fifo}" ? fifo : $0 })
    }

    /// The repository root, for the samples.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder for one test's files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chaintrace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
