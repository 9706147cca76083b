/// Standard Base64 (RFC 4648, with padding), as CSP source expressions require.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The Base64 text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start ..< Swift.min(start + 3, bytes.count)]
            var group = UInt32(0)
            for (i, byte) in chunk.enumerated() { group |= UInt32(byte) << UInt32(16 - 8 * i) }
            for i in 0 ..< 4 {
                out.append(i <= chunk.count ? alphabet[Int(group >> UInt32(18 - 6 * i) & 63)] : UInt8(ascii: "="))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
