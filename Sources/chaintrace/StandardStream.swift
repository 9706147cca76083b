import ChainTraceBundle
#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error written straight to their file descriptors, unbuffered, as
/// `FileHandle` wrote them: the CLI links FoundationEssentials, not all of Foundation, whose
/// libraries (with ICU's) cost about a third of a run's start-up for these few writes. A write the
/// system refuses (a closed pipe) is dropped, as there is nowhere left to report it.
enum StandardStream {
    /// Writes `text` to standard error.
    static func error(_ text: String) {
        var text = text
        text.withUTF8 { _ = FileOutput.writeAll($0, to: STDERR_FILENO) }
    }

    /// Writes `bytes` to standard output.
    static func output(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = FileOutput.writeAll(bytes, to: STDOUT_FILENO)
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs around it: Unicode's space separators and U+0009, the
    /// scalars `CharacterSet.whitespaces` holds.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start ..< end]))
    }
}
