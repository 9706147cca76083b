import Foundation

/// Writes command output: `-` means standard output; a path is written atomically, so a failure
/// never leaves a half-written file.
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("\(path): cannot write: \((error as NSError).localizedDescription)")
        }
    }
}
