import ChainTraceFormat
import Foundation
import Testing

/// Trace JSON version 2 on the command line: a tensor program's `trace --json`, and a version-2
/// file as the input of every command.
struct TensorTraceFileTests {
    /// `trace samples/layers.ct --json PATH` in a new folder; returns the folder and the file.
    static func written() throws -> (folder: URL, file: URL) {
        let folder = try CLI.temporaryFolder()
        let file = folder.appendingPathComponent("layers.json")
        let result = try CLI.run(["trace", "samples/layers.ct", "--json", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return (folder, file)
    }

    @Test func aTensorProgramWritesVersionTwoWhichReadsBackToTheSameBytes() throws {
        let (folder, file) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try Data(contentsOf: file)
        guard case .tensor = try TraceJSONReader.readAny(bytes) else {
            Issue.record("expected a tensor trace")
            return
        }
        let again = folder.appendingPathComponent("again.json")
        let result = try CLI.run(["trace", file.path, "--json", again.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: again) == bytes, "read and written again: the same bytes")
        let tables = try CLI.run(["trace", file.path])
        #expect(tables.stdout == (try CLI.run(["trace", "samples/layers.ct"])).stdout, "the file's tables are the program's")
    }

    @Test func aVersionTwoFileExpandsToTheProgramsScalarTrace() throws {
        let (folder, file) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromFile = try CLI.run(["trace", file.path, "--scalar", "--json", "-"])
        let fromProgram = try CLI.run(["trace", "samples/layers.ct", "--scalar", "--json", "-"])
        #expect(fromFile.status == 0 && fromFile.stdout.contains("\"version\": 1,"), "\(fromFile.stderr)")
        #expect(fromFile.stdout == fromProgram.stdout)
        // A command without a tensor view runs on the expansion and says so.
        let paths = try CLI.run(["paths", file.path, "--from", "W1[1,0]"])
        #expect(paths.status == 0, "\(paths.stderr)")
        #expect(paths.stderr.contains("scalar expansion"))
    }

    @Test func aBrokenVersionTwoFileIsRefusedAtItsJSONPathAndNothingIsWritten() throws {
        let (folder, file) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: file, encoding: .utf8)
        let broken = folder.appendingPathComponent("broken.json")
        try text.replacingOccurrences(of: "\"shape\": [3, 2], \"value\": [0.1, 0.4, -0.3, 0.2, 0.7, -0.5]",
                                      with: "\"shape\": [3, 2], \"value\": [0.1, 0.4, -0.3, 0.2, 0.7]").write(to: broken, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.json")
        let result = try CLI.run(["trace", broken.path, "--json", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("broken.json: $.nodes[1].value: expected 6 elements for shape [3×2], found 5"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anOutputWithSeveralElementsIsAClearError() throws {
        let (folder, file) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["trace", file.path, "--output", "h"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("a gradient is taken of one number, but h has shape [3]"), "\(result.stderr)")
    }
}
