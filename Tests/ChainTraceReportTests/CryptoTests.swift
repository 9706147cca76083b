import ChainTrace
@testable import ChainTraceReport
import ChainTraceTestSupport
import Foundation
import Testing

/// SHA-256 against published vectors and against `sha256sum`; Base64 against RFC 4648's vectors.
struct CryptoTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(Self.hex(SHA256.digest(message.utf8)) == digest)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.hex(SHA256.digest(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum"), "needs /usr/bin/sha256sum"))
    func agreesWithSha256sumAtEveryPaddingBoundary() throws {
        var generator = SplitMix64(seed: 7)
        for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 4097] {
            let bytes = (0 ..< length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(bytes))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(text.prefix(64) == Self.hex(SHA256.digest(bytes))[...], "length \(length)")
        }
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64Vectors(text: String, encoded: String) {
        #expect(Base64.encode(Array(text.utf8)) == encoded)
    }

    @Test func policyHashesAreOfTheExactText() {
        let policy = ContentSecurityPolicy(script: "alert(1)", style: "p{}")
        let scriptHash = "'sha256-" + Data(SHA256.digest("alert(1)".utf8)).base64EncodedString() + "'"
        #expect(policy.text.contains("script-src \(scriptHash)"))
        #expect(policy.text.hasPrefix("default-src 'none';"))
        #expect(!policy.text.contains("unsafe"))
    }
}
