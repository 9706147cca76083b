import ChainTrace

// Strings and numbers: scanned and checked byte by byte (escapes, surrogate pairs, UTF-8, the number
// grammar), and turned into values only where the reader keeps them.
extension JSONPull {
    /// The string that must come next.
    mutating func string() throws(TraceJSONError) -> String {
        guard next() == UInt8(ascii: "\"") else { throw mismatch("a string") }
        let (start, end, _) = try scanString()
        return decoded(start, end)
    }

    /// A string or null (nil), which must come next.
    mutating func optionalString() throws(TraceJSONError) -> String? {
        if next() == UInt8(ascii: "n") {
            _ = try literal()
            return nil
        }
        return try string()
    }

    /// Whether null comes next; if so it is read.
    mutating func null() throws(TraceJSONError) -> Bool {
        guard next() == UInt8(ascii: "n") else { return false }
        _ = try literal()
        return true
    }

    /// The boolean that must come next.
    mutating func boolean() throws(TraceJSONError) -> Bool {
        let byte = next()
        guard byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f") else { throw mismatch("a boolean") }
        return try literal() == .true
    }

    /// A number as trace JSON writes it: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    mutating func number() throws(TraceJSONError) -> Double {
        let byte = next()
        if byte == UInt8(ascii: "\"") {
            switch try string() {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            case let text:
                throw fault("expected a number, or \"NaN\", \"Infinity\", \"-Infinity\"; found the string \"\(text.count > 40 ? text.prefix(40) + "…" : text)\"")
            }
        }
        guard byte == UInt8(ascii: "-") || (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) else {
            throw mismatch("a number, or \"NaN\", \"Infinity\", \"-Infinity\"")
        }
        let start = offset
        let decimal = try scanNumber()
        if let value = decimal.exactValue { return value }
        // The rare number the fast paths cannot decide: the standard library rounds it correctly.
        let value = Double(String(decoding: bytes[start ..< offset], as: UTF8.self)) ?? .nan
        guard value.isFinite else {
            throw fault("a number beyond the range of a double (about ±1.8e308); write \"Infinity\" or \"-Infinity\" for an infinite value")
        }
        return value
    }

    /// The whole number that must come next (`2`, or `2.0` and `2e0`, which are the same number).
    mutating func whole() throws(TraceJSONError) -> Int {
        let byte = next()
        guard byte == UInt8(ascii: "-") || (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) else {
            throw mismatch("a whole number")
        }
        let start = offset
        let decimal = try scanNumber()
        // A closure, so the message's text is made only when it is needed.
        let beyond = { "a whole number beyond the largest this reader takes, \(Int.max)" }
        if decimal.isInteger && decimal.digitCount <= 18 {
            // Up to 18 digits an Int holds them all, gathered by the scan.
            return decimal.negative ? -Int(decimal.digits) : Int(decimal.digits)
        }
        if decimal.isInteger {
            var value = 0
            for digit in bytes[(decimal.negative ? start + 1 : start) ..< offset] {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(digit &- UInt8(ascii: "0")))
                guard !overflow && !overflow2 else { throw fault(beyond()) }
                value = sum
            }
            return decimal.negative ? -value : value
        }
        let number = decimal.exactValue ?? Double(String(decoding: bytes[start ..< offset], as: UTF8.self)) ?? .nan
        guard number.isFinite && Swift.abs(number) < 0x1p63 else { throw fault(beyond()) }
        guard number.rounded() == number else { throw fault("expected a whole number, found \(number)") }
        return Int(number)
    }

    /// A whole number from 0 (a node id or an operand position), which must come next.
    mutating func index() throws(TraceJSONError) -> Int {
        let value = try whole()
        guard value >= 0 else { throw fault("expected a whole number from 0, found \(value)") }
        return value
    }

    // MARK: Scanning

    /// Reads past the number that starts here, checking the JSON grammar
    /// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) and gathering its first 19 significant digits.
    mutating func scanNumber() throws(TraceJSONError) -> DecimalNumber {
        var number = DecimalNumber()
        var index = offset
        @inline(__always) func digit(_ byte: UInt8) -> UInt8? {
            let value = byte &- UInt8(ascii: "0")
            return value < 10 ? value : nil
        }
        if byte(index) == UInt8(ascii: "-") {
            number.negative = true
            index += 1
        }
        guard let lead = digit(byte(index)) else { throw syntax("expected a digit", at: index) }
        if lead == 0 {
            index += 1
            if digit(byte(index)) != nil { throw syntax("a number with a leading zero", at: index) }
        } else {
            while let d = digit(byte(index)) {
                number.append(d, fraction: false)
                index += 1
            }
        }
        if byte(index) == UInt8(ascii: ".") {
            number.isInteger = false
            index += 1
            guard digit(byte(index)) != nil else { throw syntax("expected a digit after the decimal point", at: index) }
            while let d = digit(byte(index)) {
                number.append(d, fraction: true)
                index += 1
            }
        }
        if byte(index) == UInt8(ascii: "e") || byte(index) == UInt8(ascii: "E") {
            number.isInteger = false
            index += 1
            let negative = byte(index) == UInt8(ascii: "-")
            if negative || byte(index) == UInt8(ascii: "+") { index += 1 }
            guard digit(byte(index)) != nil else { throw syntax("expected a digit in the exponent", at: index) }
            var exponent = 0
            while let d = digit(byte(index)) {
                // Beyond a million the number is 0 or infinite whatever its digits; stop counting there.
                exponent = Swift.min(exponent * 10 + Int(d), 1_000_000)
                index += 1
            }
            number.exponent += negative ? -exponent : exponent
        }
        offset = index
        return number
    }

    /// Reads past the string whose opening quote is next: its raw bytes are `start ..< end`, and
    /// `escaped` says whether they hold a backslash escape.
    mutating func scanString() throws(TraceJSONError) -> (start: Int, end: Int, escaped: Bool) {
        let start = offset + 1
        var index = start, escaped = false
        let count = bytes.count
        while true {
            guard index < count else { throw syntax("", at: count) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index = try escape(at: index)
            } else if byte < 0x20 {
                throw syntax("Unescaped control character", at: index)
            } else if byte >= 0x80 {
                index = try utf8Scalar(at: index)
            } else {
                index += 1
            }
        }
        offset = index + 1
        return (start, index, escaped)
    }

    /// Checks the escape at `index` (a backslash) and returns the offset after it; a `\u` escape of
    /// half a surrogate pair must be followed by its other half.
    private func escape(at index: Int) throws(TraceJSONError) -> Int {
        switch byte(index + 1) {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            guard let unit = hexUnit(at: index + 2) else { throw syntax("expected four hexadecimal digits after \\u", at: index + 2) }
            let lone = { "\\u\(String(decoding: bytes[index + 2 ..< index + 6], as: UTF8.self)) is half of a UTF-16 surrogate pair without its other half" }
            if (0xDC00 ... 0xDFFF).contains(unit) { throw syntax(lone(), at: index) }
            guard (0xD800 ... 0xDBFF).contains(unit) else { return index + 6 }
            guard byte(index + 6) == UInt8(ascii: "\\"), byte(index + 7) == UInt8(ascii: "u"),
                  let low = hexUnit(at: index + 8), (0xDC00 ... 0xDFFF).contains(low) else { throw syntax(lone(), at: index) }
            return index + 12
        default:
            throw syntax("Invalid escape sequence", at: index + 1 < bytes.count ? index : bytes.count)
        }
    }

    /// The UTF-16 code unit written as four hexadecimal digits at `index`, or nil.
    private func hexUnit(at index: Int) -> UInt16? {
        var unit: UInt16 = 0
        for offset in index ..< index + 4 {
            let byte = byte(offset)
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(value)
        }
        return unit
    }

    /// Checks the multi-byte UTF-8 sequence at `index` (well-formed: no overlong forms, surrogates or
    /// values beyond U+10FFFF) and returns the offset after it.
    private func utf8Scalar(at index: Int) throws(TraceJSONError) -> Int {
        let lead = byte(index)
        let (length, low, high): (Int, UInt8, UInt8) = switch lead {
        case 0xC2 ... 0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1 ... 0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard length > 0, (low ... high).contains(byte(index + 1)) else { throw syntax("not UTF-8", at: index) }
        for offset in index + 2 ..< index + length where byte(offset) & 0xC0 != 0x80 { throw syntax("not UTF-8", at: offset) }
        return index + length
    }

    /// The string whose raw bytes (between the quotes, already checked) are `start ..< end`, escapes decoded.
    func decoded(_ start: Int, _ end: Int) -> String {
        let raw = bytes[start ..< end]
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var index = start
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(hexUnit(at: index) ?? 0xFFFD)
                index += 4
                if (0xD800 ... 0xDBFF).contains(scalar) {
                    // Checked by scanString: the low half follows as `\uDC00`–`\uDFFF`.
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (UInt32(hexUnit(at: index + 2) ?? 0xDC00) - 0xDC00)
                    index += 6
                }
                text.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
            default: text.append(escaped)  // \" \\ \/
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
