import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One file of a bundle: its name inside the folder and its bytes.
public struct BundleFile: Sendable, Equatable {
    /// The file name, e.g. `trace.json`; no folder part.
    public let name: String
    /// The contents.
    public let bytes: [UInt8]

    /// A file from its name and bytes.
    public init(name: String, bytes: [UInt8]) {
        precondition(!name.isEmpty && !name.contains("/") && name != "." && name != "..", "a bundle file name is a plain file name, not '\(name)'")
        self.name = name
        self.bytes = bytes
    }

    /// A text file, written as UTF-8.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// Why the folder could not be made: the system's words for the underlying error (`Not a directory`).
    private static func reason(_ error: any Error) -> String {
        guard let cocoa = error as? CocoaError else { return "\(error)" }
        if let posix = cocoa.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return "error \(cocoa.code.rawValue)"
    }

    /// Writes `files` into `folder`, creating it (and its parents) if needed; each file is written
    /// by ``FileOutput`` (atomically, so a failure never leaves a half-written file), and none over
    /// one of `inputs`. Returns the paths written.
    @discardableResult
    public static func write(_ files: [BundleFile], to folder: String, sparing inputs: [String] = []) throws(BundleError) -> [String] {
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        var isDirectory = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory {
            throw BundleError("\(folder): exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw BundleError("\(folder): cannot create the folder: \(Self.reason(error))")
        }
        // Every destination is checked before any is written: a refusal leaves the folder as it was.
        for file in files {
            do {
                try FileOutput.refuseInputs(url.appendingPathComponent(file.name).relativePath, sparing: inputs)
            } catch {
                throw BundleError(error.description)
            }
        }
        var written: [String] = []
        for file in files {
            let destination = url.appendingPathComponent(file.name)
            do {
                try FileOutput.write(file.bytes, to: destination.relativePath, sparing: inputs)
            } catch {
                throw BundleError(error.description)
            }
            written.append(destination.relativePath)
        }
        return written
    }
}
