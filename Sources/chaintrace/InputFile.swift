#if canImport(Glibc)
import Glibc
#endif

/// Reads an input file to its end with plain system calls, so a FIFO, `/dev/stdin` or a device can be
/// read too, and a failure says what the system said (`Permission denied`, `No such file or directory`).
enum InputFile {
    static func contents(of path: String) throws -> [UInt8] {
        guard !path.isEmpty else { throw CommandFailure("the input file name is empty") }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw CommandFailure("\(path): is a folder; give a program (.ct) or a trace JSON (.json)")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            bytes += buffer[..<count]
        }
    }

    /// The system's reason for the last failed call, with the path.
    private static func failure(_ path: String) -> CommandFailure {
        CommandFailure("\(path): cannot read: \(String(cString: strerror(errno)))")
    }
}
