import ChainTraceBundle
import ChainTraceText
import FoundationEssentials

/// Writes command output: `-` means standard output; a path is written by ``FileOutput`` (atomic
/// for regular files, streamed into FIFOs and devices, symbolic links followed, never over the input).
enum OutputFile {
    static func write(_ data: Data, to path: String, sparing input: ComputationInput) throws {
        try stream(to: path, sparing: input) { try $0.write(Array(data)) }
    }

    /// Writes what `produce` streams into the sink it is given, as ``write(_:to:sparing:)`` writes data.
    static func stream(to path: String, sparing input: ComputationInput, _ produce: (any ByteSink) throws -> Void) throws {
        if path == "-" {
            try produce(StandardOutput())
            return
        }
        do {
            try FileOutput.write(to: path, sparing: input.file.map { [$0] } ?? [], produce)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    private struct StandardOutput: ByteSink {
        func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            StandardStream.output(bytes)
        }
    }
}
