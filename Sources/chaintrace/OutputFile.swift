import ChainTraceBundle
import Foundation

/// Writes command output: `-` means standard output; a path is written by ``FileOutput`` (atomic
/// for regular files, streamed into FIFOs and devices, symbolic links followed, never over the input).
enum OutputFile {
    static func write(_ data: Data, to path: String, sparing input: ComputationInput) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try FileOutput.write(Array(data), to: path, sparing: input.file.map { [$0] } ?? [])
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
