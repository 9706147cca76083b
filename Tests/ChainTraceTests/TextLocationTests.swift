import ChainTrace
import Testing

/// Byte offsets become the line and column a person sees, and bad UTF-8 is found where it starts.
@Suite struct TextLocationTests {
    @Test func linesAndColumnsCountCharactersNotBytes() {
        let bytes = Array("é = 1\nyθ = é\n".utf8)
        #expect(TextLocation(offset: 0, in: bytes) == TextLocation(offset: 0, in: []))
        #expect(TextLocation(offset: 0, in: bytes).description == "line 1, column 1")
        #expect(TextLocation(offset: 3, in: bytes).description == "line 1, column 3")   // after "é " (3 bytes)
        #expect(TextLocation(offset: 7, in: bytes).description == "line 2, column 1")
        #expect(TextLocation(offset: 10, in: bytes).description == "line 2, column 3")  // after "yθ"
        #expect(TextLocation(offset: bytes.count, in: bytes).description == "line 3, column 1")
    }

    @Test(arguments: [
        ([0x61, 0x62], nil),
        ([0x61, 0xFF], 1),              // never a UTF-8 byte
        ([0x61, 0xC3], 1),              // a lead byte cut off by the end
        ([0xC3, 0x28, 0x61], 0),        // a lead byte without its continuation
        ([0x61, 0x80], 1),              // a continuation byte with no lead
        ([0x61, 0xC0, 0x80], 1),        // an overlong NUL
        ([0xE2, 0x82, 0xAC, 0xED, 0xA0, 0x80], 3),  // "€", then an encoded surrogate
    ] as [([UInt8], Int?)])
    func firstInvalidByte(bytes: [UInt8], offset: Int?) {
        #expect(TextLocation.firstInvalidUTF8(in: bytes) == offset)
    }

    @Test func problemSaysByteAndPlace() throws {
        let problem = try #require(TextLocation.utf8Problem(in: Array("a\nb".utf8) + [0x9F]))
        #expect(problem.location.description == "line 2, column 2")
        #expect(problem.message == "not UTF-8 text: byte 3 (0x9F) does not start or continue a character")
        #expect(TextLocation.utf8Problem(in: Array("ok".utf8)) == nil)
    }
}
