/// What Foundation's JSON parser reports without a place, found by scanning the text.
enum JSONSyntax {
    /// The byte offset of the first `\uXXXX` escape that is half a UTF-16 surrogate pair without its
    /// other half (`"\ud800"`), or nil when every string's escapes pair up.
    static func loneSurrogate(in bytes: some Collection<UInt8>) -> Int? {
        let text = Array(bytes)
        var index = 0, inString = false
        while index < text.count {
            let byte = text[index]
            if !inString {
                inString = byte == UInt8(ascii: "\"")
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = false
                index += 1
            } else if byte != UInt8(ascii: "\\") {
                index += 1
            } else if let unit = unit(at: index, in: text) {
                if (0xDC00 ... 0xDFFF).contains(unit) { return index }
                guard (0xD800 ... 0xDBFF).contains(unit) else { index += 6; continue }
                guard let low = self.unit(at: index + 6, in: text), (0xDC00 ... 0xDFFF).contains(low) else { return index }
                index += 12
            } else {
                index += 2  // any other escape: the backslash and the escaped character
            }
        }
        return nil
    }

    /// The UTF-16 code unit of a `\uXXXX` escape starting at `index`, or nil if none starts there.
    private static func unit(at index: Int, in text: [UInt8]) -> UInt16? {
        guard index + 6 <= text.count, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") else { return nil }
        return UInt16(String(decoding: text[index + 2 ..< index + 6], as: UTF8.self), radix: 16)
    }
}
