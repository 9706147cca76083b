import CFileWriteback
import ChainTraceText
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Writes output files without losing anything: never over an input, never half a file, never a
/// special file replaced by a regular one. Every system call of file output goes through here.
///
/// - A regular file (or a new one) is written to a temporary file beside it, named
///   `.<name>.<pid>.chaintrace-partial`, then renamed over it; the temporary file is removed on
///   error, on SIGINT, SIGTERM or SIGHUP, and (if a killed run left one) by the next write there.
/// - A FIFO, a device or a socket is written to in place, by streaming.
/// - A symbolic link is followed: its target is written as above and the link stays a link.
/// - A path that is one of the inputs (the same file, however it is spelled) is refused.
public enum FileOutput {
    /// The suffix of temporary files, so that people and the next run recognise them.
    public static let partialSuffix = ".chaintrace-partial"

    /// Writes `bytes` to `path`, refusing when `path` is the same file as one of `inputs`.
    public static func write(_ bytes: [UInt8], to path: String, sparing inputs: [String] = []) throws(FileOutputError) {
        try write(to: path, sparing: inputs) { try $0.write(bytes) }
    }

    /// Writes to `path` what `produce` streams into the sink it is given, as ``write(_:to:sparing:)``
    /// writes bytes (a regular file only appears, renamed, once `produce` has returned), so a document
    /// of any size goes to disk without a copy of it in memory. An error `produce` throws removes
    /// the temporary file and is reported with the path.
    public static func write(to path: String, sparing inputs: [String] = [], _ produce: (any ByteSink) throws -> Void) throws(FileOutputError) {
        guard !path.isEmpty else { throw FileOutputError("the output path is empty; give a file name") }
        var target = path
        var link = stat()
        if lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw FileOutputError("\(path): a symbolic link to a file that cannot be reached (\(reason()))")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        try refuseInputs(path, sparing: inputs)
        var info = stat()
        guard stat(target, &info) == 0 else {
            try replace(target, with: produce, shownAs: path, mode: 0o666)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: try replace(target, with: produce, shownAs: path, mode: info.st_mode & 0o7777)
        case S_IFDIR: throw FileOutputError("\(path): is a folder; give a file name")
        default: try stream(produce, into: target, shownAs: path)
        }
    }

    /// Throws when `path` names the same file as one of `inputs` (compared by device and inode, so
    /// `./a.ct`, `dir/../a.ct` and a link to it are all `a.ct`); a file that does not exist is no input.
    public static func refuseInputs(_ path: String, sparing inputs: [String]) throws(FileOutputError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        for input in inputs {
            var other = stat()
            if stat(input, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino {
                throw FileOutputError("\(path): is the input \(input); writing there would destroy it, so choose another output path")
            }
        }
    }

    /// Writes through a temporary file beside `target`, renamed over it once complete.
    private static func replace(_ target: String, with produce: (any ByteSink) throws -> Void, shownAs path: String, mode: mode_t) throws(FileOutputError) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        removeAbandonedPartials(of: name, in: folder)
        let partial = folder + "/." + name + ".\(getpid())" + partialSuffix
        PartialFile.register(partial)
        defer { PartialFile.register(nil) }
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileOutputError("\(path): cannot write: \(reason())") }
        var failure = written(by: produce, to: DescriptorSink(descriptor: descriptor, path: path, startsWriteback: true))
        if failure == nil && fsync(descriptor) != 0 { failure = FileOutputError("\(path): cannot write: \(reason())") }
        close(descriptor)
        if failure == nil && rename(partial, target) != 0 { failure = FileOutputError("\(path): cannot write: \(reason())") }
        if let failure {
            unlink(partial)
            throw failure
        }
    }

    /// Writes into a FIFO, device or socket as it is.
    private static func stream(_ produce: (any ByteSink) throws -> Void, into target: String, shownAs path: String) throws(FileOutputError) {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOutputError("\(path): cannot write: \(reason())") }
        defer { close(descriptor) }
        if let failure = written(by: produce, to: DescriptorSink(descriptor: descriptor, path: path, startsWriteback: false)) { throw failure }
    }

    /// Runs `produce` on `sink`; the failure, with the sink's path, if any.
    private static func written(by produce: (any ByteSink) throws -> Void, to sink: DescriptorSink) -> FileOutputError? {
        do {
            try produce(sink)
            return nil
        } catch let error as FileOutputError {
            return error
        } catch {
            return FileOutputError("\(sink.path): cannot write: \(error)")
        }
    }

    /// A file descriptor as a sink: each buffer written in full, the path in any error.
    ///
    /// Writing a temporary file that is then `fsync`ed, it asks the kernel to start writing each
    /// ``writebackStride`` bytes to disk as soon as they are written, so the disk works while the
    /// rest of the document is being made. For the 32.5 MB trace JSON of micrograd's demo step, the
    /// final `fsync` waited 36–43 ms without this, 29–30 with 8 MiB strides and 24–26 with 2 MiB
    /// (`strace -T`, side by side); what it still waits for does not shrink with smaller strides.
    private final class DescriptorSink: ByteSink {
        let descriptor: Int32
        let path: String
        /// Whether to start the writeback of each stride as it is written.
        let startsWriteback: Bool
        /// Bytes written so far, and the first of them whose writeback has not been started.
        private var count = 0, unstarted = 0

        /// Bytes between two starts of writeback: a call per 2 MiB (each about 0.1 ms), early
        /// enough that little is left for the `fsync` (1 MiB measured no better).
        static let writebackStride = 2 << 20

        init(descriptor: Int32, path: String, startsWriteback: Bool) {
            self.descriptor = descriptor
            self.path = path
            self.startsWriteback = startsWriteback
        }

        func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            guard FileOutput.writeAll(bytes, to: descriptor) else { throw FileOutputError("\(path): cannot write: \(reason())") }
            count += bytes.count
            if startsWriteback && count - unstarted >= Self.writebackStride {
                // Advisory: a failure here leaves the work to the fsync, which is checked.
                _ = chaintrace_start_writeback(descriptor, Int64(unstarted), Int64(count - unstarted))
                unstarted = count
            }
        }
    }

    /// Writes all of `bytes` to `descriptor` (an output file, or standard output or error), again
    /// after a signal interrupts the call; false, with `errno` telling why, when the system refuses
    /// or writes nothing.
    public static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// Removes `.<name>.<pid>.chaintrace-partial` files whose process no longer runs (a killed write).
    private static func removeAbandonedPartials(of name: String, in folder: String) {
        let prefix = "." + name + "."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(partialSuffix) {
            let middle = entry.dropFirst(prefix.count).dropLast(partialSuffix.count)
            guard let pid = pid_t(middle), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + entry)
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// A file output failure, with the path in the message.
public struct FileOutputError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, starting with the path.
    public let description: String

    init(_ description: String) { self.description = description }
}

/// The temporary file being written, removed if a signal ends the process first.
private enum PartialFile {
    // A C string a signal handler may read: set before the file is created, cleared after the rename.
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var installed = false

    static func register(_ partial: String?) {
        if !installed {
            installed = true
            // Only where nothing else handles the signal: a program using this library keeps its own handlers.
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                var current = sigaction()
                guard sigaction(signal, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { continue }
                Glibc.signal(signal) { number in
                    if let path = PartialFile.path { unlink(path) }
                    Glibc.signal(number, SIG_DFL)
                    raise(number)
                }
            }
        }
        let previous = path
        path = partial.map { strdup($0) }
        free(previous)
    }
}
