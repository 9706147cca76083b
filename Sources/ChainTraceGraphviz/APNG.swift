/// Animated PNG (APNG) assembled from still PNGs of one size, with no recompression: each frame's
/// compressed image data (`IDAT`) is carried over as it is, renamed `fdAT` after the first frame.
///
/// Viewers without APNG support show the first frame, a still PNG.
public enum APNG {
    /// Why frames cannot be assembled: they are not PNGs Graphviz wrote, or their sizes differ.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What was wrong.
        public let description: String
    }

    /// One animation of `frames` (PNG files), each shown for its entry in `milliseconds`, looping forever.
    public static func animation(_ frames: [[UInt8]], milliseconds: [Int]) throws(Failure) -> [UInt8] {
        precondition(frames.count == milliseconds.count && !frames.isEmpty, "one delay per frame, at least one frame")
        let parsed = try frames.map { (frame) throws(Failure) -> [Chunk] in try chunks(frame) }
        guard let header = parsed[0].first, header.type == "IHDR", header.data.count == 13 else {
            throw Failure(description: "a frame does not start with a PNG header")
        }
        var out: [UInt8] = signature
        append(header, to: &out)
        // acTL: frame count, then 0 plays forever.
        append(Chunk(type: "acTL", data: bigEndian(frames.count) + bigEndian(0)), to: &out)
        var sequence = 0
        for (index, chunks) in parsed.enumerated() {
            guard chunks.first?.data == header.data else {
                throw Failure(description: "frame \(index) differs in size or colour type from frame 0")
            }
            let control = bigEndian(sequence) + Array(header.data[0 ..< 8]) + bigEndian(0) + bigEndian(0)
                + bigEndian16(min(milliseconds[index], 65535)) + bigEndian16(1000) + [0, 0]
            append(Chunk(type: "fcTL", data: control), to: &out)
            sequence += 1
            for chunk in chunks where chunk.type == "IDAT" {
                if index == 0 {
                    append(chunk, to: &out)
                } else {
                    append(Chunk(type: "fdAT", data: bigEndian(sequence) + chunk.data), to: &out)
                    sequence += 1
                }
            }
        }
        append(Chunk(type: "IEND", data: []), to: &out)
        return out
    }

    /// A PNG chunk: its four-letter type and its data.
    struct Chunk: Equatable {
        let type: String
        let data: [UInt8]
    }

    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// The chunks of a PNG file, checked for the signature and complete lengths (CRCs are Graphviz's own).
    static func chunks(_ png: [UInt8]) throws(Failure) -> [Chunk] {
        guard png.starts(with: signature) else { throw Failure(description: "a frame is not a PNG file") }
        var chunks: [Chunk] = []
        var at = signature.count
        while at + 12 <= png.count {
            let length = png[at ..< at + 4].reduce(0) { $0 << 8 | Int($1) }
            guard at + 12 + length <= png.count else { break }
            let type = String(decoding: png[at + 4 ..< at + 8], as: UTF8.self)
            chunks.append(Chunk(type: type, data: Array(png[at + 8 ..< at + 8 + length])))
            at += 12 + length
            if type == "IEND" { return chunks }
        }
        throw Failure(description: "a frame's PNG data ends before its IEND chunk")
    }

    private static func append(_ chunk: Chunk, to out: inout [UInt8]) {
        let typed = Array(chunk.type.utf8) + chunk.data
        out += bigEndian(chunk.data.count) + typed + bigEndian(Int(crc32(typed)))
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        (0 ..< 4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }

    private static func bigEndian16(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// The CRC-32 PNG chunks end with (ISO 3309, polynomial 0xEDB88320), over type and data.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0 ..< 256).map { (index: Int) -> UInt32 in
        var value = UInt32(index)
        for _ in 0 ..< 8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}
