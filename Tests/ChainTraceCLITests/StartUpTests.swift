import Foundation
import Testing

/// What every run of `chaintrace` pays before it starts (issue 15): the command links
/// FoundationEssentials, not all of Foundation and ICU, and what it did with them still works.
struct StartUpTests {
    /// The libraries the dynamic loader maps for the binary, as `ldd` lists them: the loader lists
    /// and exits when `LD_TRACE_LOADED_OBJECTS` is set, so nothing of the command runs.
    @Test func theCommandLoadsNeitherFoundationNorICU() throws {
        let binary = try #require(CLI.binary, "run swift build first")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["trace", "-e", "y = 2"]
        process.environment = ["LD_TRACE_LOADED_OBJECTS": "1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let libraries = listing.split(separator: "\n").compactMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) }
        #expect(libraries.contains("libswiftCore.so"), "\(listing)")
        for heavy in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(!libraries.contains(heavy), "\(heavy) is loaded: \(listing)")
        }
    }

    /// `--at` names and values lose the spaces and tabs around them, Unicode's no-break space included.
    @Test func atValuesAreTrimmedOfSpacesAndTabs() throws {
        let result = try CLI.run(["trace", "-e", "y = x * 2", "--at", "\t x\u{00A0}= \u{2003}3 \t"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("node  op     value  grad  operands (local partial ∂node/∂operand)\nx #0  input  3      2\n"), "\(result.stdout)")
    }

    /// A bundle folder that cannot be made says why in the system's words.
    @Test func aFolderThatCannotBeMadeSaysWhy() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let result = try CLI.run(["bundle", "samples/chain.ct", "--to", file.appendingPathComponent("inside").path])
        #expect(result.status != 0)
        #expect(result.stderr.hasSuffix("/plain-file/inside: cannot create the folder: Not a directory\n"), "\(result.stderr)")
    }
}
