import ArgumentParser
import FoundationEssentials

/// Checks an output path before any work, so a command that cannot write says so first and plainly.
enum OutputPath {
    /// Throws a usage error when `path` (given to `option`) is empty or names a folder; `-` is standard output.
    static func check(_ path: String, option: String) throws {
        guard !path.isEmpty else { throw ValidationError("\(option) needs a file name; '' is empty") }
        var isFolder = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder {
            throw ValidationError("\(option) \(path): is a folder; give a file name inside it")
        }
    }
}
