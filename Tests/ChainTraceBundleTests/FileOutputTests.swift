import ChainTraceBundle
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `FileOutput`: outputs never destroy an input, never replace a special file, never leave a partial file.
struct FileOutputTests {
    static let bytes = Array("{\"written\": true}\n".utf8)

    @Test func theInputIsNeverOverwrittenHoweverItIsSpelled() throws {
        // `trace p.ct --json p.ct` exited 0 and left p.ct holding JSON.
        let folder = try temporaryFolder()
        let input = folder.appendingPathComponent("p.ct").path
        try Data("x = 2\ny = x^2\n".utf8).write(to: URL(fileURLWithPath: input))
        let link = folder.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "p.ct")
        for spelling in [input, folder.path + "/./p.ct", folder.path + "/../" + folder.lastPathComponent + "/p.ct", link] {
            #expect(throws: FileOutputError.self, "\(spelling)") { try FileOutput.write(Self.bytes, to: spelling, sparing: [input]) }
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "x = 2\ny = x^2\n")
        let error = try #require(throws: FileOutputError.self) { try FileOutput.write(Self.bytes, to: input, sparing: [input]) }
        #expect(error.description.contains("is the input"))
    }

    @Test func aBundleIntoTheInputsFolderWritesNothing() throws {
        let folder = try temporaryFolder()
        let input = folder.appendingPathComponent("explain.txt").path
        try Data("x = 2\ny = x^2\n".utf8).write(to: URL(fileURLWithPath: input))
        let bundle = try TraceBundle(document("x = 2\ny = x^2\n"), title: "explain.txt")
        #expect(throws: BundleError.self) { try bundle.write(to: folder.path, sparing: [input]) }
        // explain.txt comes last; the files before it were not written either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["explain.txt"])
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("target.json").path
        let link = folder.appendingPathComponent("link.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
        try FileOutput.write(Self.bytes, to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.json")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target))) == Self.bytes)
    }

    @Test func aFIFOIsStreamedIntoNotReplaced() throws {
        let folder = try temporaryFolder()
        let fifo = folder.appendingPathComponent("pipe.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Mutex<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let handle = FileHandle(forReadingAtPath: fifo)
            received.withLock { $0 = Array(handle?.readDataToEndOfFile() ?? Data()) }
            done.signal()
        }
        thread.start()
        try FileOutput.write(Self.bytes, to: fifo)
        done.wait()
        #expect(received.withLock { $0 } == Self.bytes)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "still a FIFO")
    }

    @Test func aFullDeviceIsAnErrorAndStaysADevice() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let error = try #require(throws: FileOutputError.self) { try FileOutput.write(Self.bytes, to: "/dev/full") }
        #expect(error.description.hasPrefix("/dev/full: cannot write"))
        var info = stat()
        #expect(lstat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func regularFilesAreReplacedWholeWithNoPartialFileLeft() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("out.json").path
        try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o640) == 0)
        // A run killed mid-write left this behind: its process is gone, so the next write removes it.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let abandoned = folder.appendingPathComponent(".out.json.\(gone.processIdentifier)\(FileOutput.partialSuffix)").path
        try Data("partial".utf8).write(to: URL(fileURLWithPath: abandoned))
        try FileOutput.write(Self.bytes, to: path)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == Self.bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640, "the file keeps its permissions")
    }

    @Test func foldersAndEmptyPathsAreClearErrors() throws {
        let folder = try temporaryFolder()
        let directory = try #require(throws: FileOutputError.self) { try FileOutput.write(Self.bytes, to: folder.path) }
        #expect(directory.description == "\(folder.path): is a folder; give a file name")
        let empty = try #require(throws: FileOutputError.self) { try FileOutput.write(Self.bytes, to: "") }
        #expect(empty.description.contains("empty"))
        let missing = try #require(throws: FileOutputError.self) { try FileOutput.write(Self.bytes, to: folder.path + "/no/such/out.json") }
        #expect(missing.description.contains("cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

/// `FileOutput.write(to:sparing:_:)`: output streamed into the file, which appears only when complete.
struct FileOutputStreamTests {
    struct Interrupted: Error {}

    @Test func streamedBuffersMakeTheWholeFile() throws {
        let path = try temporaryFolder().appendingPathComponent("out.json").path
        try FileOutput.write(to: path) { sink in
            for _ in 0 ..< 3 { try sink.write(FileOutputTests.bytes) }
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == Array([FileOutputTests.bytes, FileOutputTests.bytes, FileOutputTests.bytes].joined()))
    }

    /// A document past the writeback stride (2 MiB, whose writeback starts while the rest is still
    /// being written) arrives whole; an error after several strides still leaves the old file.
    @Test func aDocumentPastTheWritebackStrideArrivesWhole() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("large.json").path
        // Buffers told apart by their byte and their length (bulk-filled: the tests run unoptimised).
        let buffers = (0 ..< 20).map { [UInt8](repeating: UInt8($0 + 1), count: (1 << 20) + $0) }
        var whole = Data()
        for buffer in buffers { whole.append(contentsOf: buffer) }
        try FileOutput.write(to: path) { sink in
            for buffer in buffers { try sink.write(buffer) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
        #expect(throws: FileOutputError.self) {
            try FileOutput.write(to: path) { sink in
                for buffer in buffers { try sink.write(buffer) }
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["large.json"])
    }

    @Test func anErrorMidwayLeavesTheOldFileAndNoPartialFile() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("out.json").path
        try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FileOutputError.self) {
            try FileOutput.write(to: path) { sink in
                try sink.write(FileOutputTests.bytes)
                throw Interrupted()
            }
        }
        #expect(error.description.hasPrefix("\(path): cannot write"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }
}
