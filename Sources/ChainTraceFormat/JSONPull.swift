import ChainTrace

/// A pull parser over the UTF-8 bytes of a JSON text: the reader asks for the value it expects next
/// (an object's next key, an array's next element, a number, a string) and the parser checks the
/// syntax as it goes, in one pass, keeping nothing of the text but where it is.
///
/// It knows the JSON path of the value it is at (`$.nodes[3].inputs[1]`), so every fault it or its
/// reader finds is reported there. Nesting is followed with an explicit stack, never recursion (the
/// depth is the file's to choose). Objects reject a key given twice, compared after escapes are
/// decoded, as the schema cannot; keys outside an object's ``JSONKeys`` are refused or skipped.
struct JSONPull {
    /// The text; every read checks its index against `bytes.count` (see ``byte(_:)``).
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var offset = 0
    /// The open containers, the document root first.
    private var frames: [Frame] = [Frame(step: .root, isObject: false)]
    /// The keys outside its ``JSONKeys`` each open object (by its depth in `frames`) has had so far,
    /// kept apart so that a frame is plain data to copy.
    private var others: [Int: Set<String>] = [:]

    /// Where an open container is, and what it has read so far.
    private struct Frame {
        /// The key (its raw bytes, between the quotes) or index of the value being read in it.
        var step: Step
        var isObject: Bool
        var first = true
        /// The keys of the object's ``JSONKeys`` read so far, one bit each.
        var seen: UInt32 = 0
        /// The index in its ``JSONKeys`` of the key read last: the next is looked for after it first.
        var last = -1
        /// Whether `others` has keys of this object.
        var hasOthers = false
    }

    private enum Step {
        case root
        case key(start: Int, end: Int, escaped: Bool)
        case index(Int)
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The byte at `index`, or 0 past the end (0 can start no JSON token, so the end stops every scan).
    @inline(__always) func byte(_ index: Int) -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    /// Skips whitespace and returns the next byte without consuming it.
    @inline(__always) mutating func next() -> UInt8 {
        while true {
            let byte = byte(offset)
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
            offset += 1
        }
    }

    // MARK: Objects

    /// Opens the object that must come next; read its keys with ``key(in:)`` until it returns nil.
    mutating func beginObject() throws(TraceJSONError) {
        guard next() == UInt8(ascii: "{") else { throw mismatch("an object") }
        offset += 1
        frames.append(Frame(step: .root, isObject: true))
    }

    /// The next key of the open object as its index in `keys`, with the parser at its value; or nil
    /// once the object is closed, after checking that it has every required key. A key given twice is
    /// an error; another key is an error if `keys` is closed, else its value is skipped.
    mutating func key(in keys: JSONKeys) throws(TraceJSONError) -> Int? {
        while true {
            switch try anyKey(in: keys) {
            case .known(let index): return index
            case .other: try skipValue()
            case .closed: return nil
            }
        }
    }

    /// What ``anyKey(in:)`` found: a key of the object's ``JSONKeys``, another key, or the object's end.
    private enum KeyRead { case known(Int), other, closed }

    /// The next key, its duplicates refused, with the parser at its value (which the caller reads or
    /// skips: skipping here would make skipping nested objects recursive).
    private mutating func anyKey(in keys: JSONKeys) throws(TraceJSONError) -> KeyRead {
        guard let (start, end, escaped, quote) = try nextKey() else {
            let closed = frames.removeLast()
            if closed.hasOthers { others[frames.count] = nil }
            if let missing = keys.firstMissing(seen: closed.seen) {
                throw fault("missing key \"\(missing)\"")
            }
            return .closed
        }
        let top = frames.count - 1
        frames[top].step = .key(start: start, end: end, escaped: escaped)
        let hint = frames[top].last + 1
        let found = escaped
            ? Array(decoded(start, end).utf8).withUnsafeBufferPointer { keys.index(of: 0, $0.count, in: $0, from: hint) }
            : keys.index(of: start, end, in: bytes, from: hint)
        if let index = found {
            let bit: UInt32 = 1 << UInt32(index)
            guard frames[top].seen & bit == 0 else { throw duplicate(at: quote) }
            frames[top].seen |= bit
            frames[top].last = index
            return .known(index)
        }
        let key = decoded(start, end)
        if keys.closed {
            throw fault("unexpected key \"\(key)\" (allowed: \(keys.sortedNames))")
        }
        frames[top].hasOthers = true
        guard others[top, default: []].insert(key).inserted else { throw duplicate(at: quote) }
        return .other
    }

    /// The keys outside its ``JSONKeys`` the innermost open object has had so far, sorted.
    var otherKeys: [String] { others[frames.count - 1]?.sorted() ?? [] }

    /// The next key's raw bytes and where its opening quote is, with the `:` after it read; or nil
    /// after the closing brace.
    private mutating func nextKey() throws(TraceJSONError) -> (start: Int, end: Int, escaped: Bool, quote: Int)? {
        let byte = try separator(closing: UInt8(ascii: "}"), entry: "key")
        frames[frames.count - 1].first = false
        if byte == UInt8(ascii: "}") {
            offset += 1
            return nil
        }
        guard byte == UInt8(ascii: "\"") else { throw syntax(startsValue(byte) ? "expected a key in double quotes" : "Invalid value") }
        let quote = offset
        let (start, end, escaped) = try scanString()
        guard next() == UInt8(ascii: ":") else { throw syntax("expected ':' after an object's key") }
        offset += 1
        return (start, end, escaped, quote)
    }

    /// Reads the comma between two entries of the open container (none before its first) and
    /// returns the byte after it: the next entry's first, or the `closing` bracket.
    @inline(__always) private mutating func separator(closing: UInt8, entry: String) throws(TraceJSONError) -> UInt8 {
        let byte = next()
        guard !frames[frames.count - 1].first && byte != closing else { return byte }
        guard byte == UInt8(ascii: ",") else { throw syntax("expected ',' or '\(Unicode.Scalar(closing))' after an entry") }
        offset += 1
        let after = next()
        guard after != closing else { throw syntax("a comma before '\(Unicode.Scalar(closing))': expected another \(entry)") }
        return after
    }

    // MARK: Arrays

    /// Opens the array that must come next; call ``element()`` before each element.
    mutating func beginArray() throws(TraceJSONError) {
        guard next() == UInt8(ascii: "[") else { throw mismatch("an array") }
        offset += 1
        frames.append(Frame(step: .index(0), isObject: false))
    }

    /// Whether another element follows (the parser is then at it); false once the array is closed.
    mutating func element() throws(TraceJSONError) -> Bool {
        let top = frames.count - 1
        let byte = try separator(closing: UInt8(ascii: "]"), entry: "element")
        if !frames[top].first, case .index(let index) = frames[top].step { frames[top].step = .index(index + 1) }
        frames[top].first = false
        guard byte == UInt8(ascii: "]") else { return true }
        offset += 1
        frames.removeLast()
        return false
    }

    /// The position of the element being read in the innermost array.
    var elementIndex: Int {
        if case .index(let index) = frames[frames.count - 1].step { return index }
        return 0
    }

    // MARK: Skipping

    /// Reads past the next value of any kind, checking its syntax and its objects' keys.
    mutating func skipValue() throws(TraceJSONError) {
        let depth = frames.count
        while true {
            switch next() {
            case UInt8(ascii: "{"):
                offset += 1
                frames.append(Frame(step: .root, isObject: true))
            case UInt8(ascii: "["):
                offset += 1
                frames.append(Frame(step: .index(0), isObject: false))
            default:
                try skipScalar()
            }
            // On to the next value to read: past closing brackets, a comma and, in an object, a key.
            while frames.count > depth {
                let more: Bool
                if frames[frames.count - 1].isObject {
                    if case .closed = try anyKey(in: .anyKey) { more = false } else { more = true }
                } else {
                    more = try element()
                }
                if more { break }
            }
            if frames.count == depth { return }
        }
    }

    /// Reads past a string, number, `true`, `false` or `null`.
    private mutating func skipScalar() throws(TraceJSONError) {
        let byte = next()
        if byte == UInt8(ascii: "\"") {
            _ = try scanString()
        } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) {
            _ = try scanNumber()
        } else {
            _ = try literal()
        }
    }

    /// Reads `true`, `false` or `null`, which must come next.
    mutating func literal() throws(TraceJSONError) -> Literal {
        let (word, literal): (StaticString, Literal) = switch byte(offset) {
        case UInt8(ascii: "n"): ("null", .null)
        case UInt8(ascii: "t"): ("true", .true)
        case UInt8(ascii: "f"): ("false", .false)
        default: throw syntax("Invalid value")
        }
        for position in 1 ..< word.utf8CodeUnitCount where byte(offset + position) != word.utf8Start[position] {
            throw syntax("Invalid value", at: offset + position)
        }
        offset += word.utf8CodeUnitCount
        return literal
    }

    enum Literal { case null, `true`, `false` }

    // MARK: Errors

    /// The JSON path of the value being read: `$.nodes[3].inputs[1]`.
    var path: String {
        var path = "$"
        for frame in frames {
            switch frame.step {
            case .root: continue
            case .index(let index): path += "[\(index)]"
            case .key(let start, let end, _): path += Self.pathComponent(decoded(start, end))
            }
        }
        return path
    }

    /// A fault at the value being read, or, with `suffix`, at a place below it (`.grad`).
    func fault(_ message: String, suffix: String = "") -> TraceJSONError {
        TraceJSONError(path: path + suffix, message: message)
    }

    /// A JSON syntax error at `at` (the next byte by default), or where the text ends early, or where it
    /// stops being UTF-8 (which comes first, as a text that is not UTF-8 cannot be JSON).
    func syntax(_ detail: String, at: Int? = nil) -> TraceJSONError {
        if let problem = TextLocation.utf8Problem(in: bytes) {
            return TraceJSONError(path: "$", message: "\(problem.message) (\(problem.location))")
        }
        let at = at ?? offset
        if at >= bytes.count {
            return TraceJSONError(path: "$", message: "not valid JSON at \(TextLocation(offset: bytes.count, in: bytes)): the text ends before the JSON value is complete")
        }
        return TraceJSONError(path: "$", message: "not valid JSON at \(TextLocation(offset: at, in: bytes)): \(detail)")
    }

    /// The value at hand is not the `expected` kind: a syntax error if it is no JSON value at all.
    func mismatch(_ expected: String) -> TraceJSONError {
        var copy = self
        let byte = copy.next(), found: String
        switch byte {
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
        case UInt8(ascii: "n"): found = "null"
        case _ where startsValue(byte): found = "a number"
        default: return syntax("Invalid value")
        }
        if (try? copy.skipScalarOrOpen()) == nil { return syntax("Invalid value") }
        return fault(found == "null" ? "expected a value, found null" : "expected \(expected), found \(found)")
    }

    /// Checks that a scalar value is well formed (containers are judged by their first byte alone).
    private mutating func skipScalarOrOpen() throws(TraceJSONError) {
        let byte = next()
        if byte != UInt8(ascii: "{") && byte != UInt8(ascii: "[") { try skipScalar() }
    }

    private func duplicate(at quote: Int) -> TraceJSONError {
        fault("this key appears twice in its object (again at \(TextLocation(offset: quote, in: bytes))); each key may appear once")
    }

    @inline(__always) private func startsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"),
             UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): true
        default: false
        }
    }

    /// `.name` for a plain key, `["any key"]` otherwise (quotes, backslashes and controls escaped, long keys cut).
    static func pathComponent(_ key: String) -> String {
        let plain = key.unicodeScalars.first.map { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) } ?? false
            && key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0" ... "9").contains($0) }
        if plain && key.count <= 64 { return "." + key }
        var quoted = ""
        for scalar in key.unicodeScalars.prefix(64) {
            switch scalar {
            case "\"", "\\": quoted += "\\" + String(scalar)
            case _ where scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return "[\"" + quoted + (key.unicodeScalars.count > 64 ? "…" : "") + "\"]"
    }
}

/// The keys an object of the format may have: each one's bit in ``JSONPull``'s record of the keys
/// read, in the order a missing one is reported, and whether other keys are refused (the schema's
/// `"additionalProperties": false`) or skipped.
struct JSONKeys {
    /// The names' UTF-8 bytes one after another, and where each one is.
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    let required: UInt32
    let closed: Bool
    let sortedNames: String

    /// `names` in the order their absence is reported; all are required but the `optional` ones.
    init(_ names: [String], optional: Set<String> = [], closed: Bool) {
        precondition(names.count <= 32, "a JSONKeys holds at most 32 keys")
        var bytes: [UInt8] = [], ranges: [Range<Int>] = [], required: UInt32 = 0
        for (index, name) in names.enumerated() {
            ranges.append(bytes.count ..< bytes.count + name.utf8.count)
            bytes += name.utf8
            if !optional.contains(name) { required |= 1 << UInt32(index) }
        }
        (self.bytes, self.ranges, self.required, self.closed) = (bytes, ranges, required, closed)
        sortedNames = names.sorted().joined(separator: ", ")
    }

    /// Any key at all, none required: what a skipped object may hold.
    static let anyKey = JSONKeys([], closed: false)

    /// The index of the key whose bytes are `text[start ..< end]`, looked for from `hint` on (a
    /// writer's keys come in order, so the first try usually matches), or nil.
    @inline(__always) func index(of start: Int, _ end: Int, in text: UnsafeBufferPointer<UInt8>, from hint: Int) -> Int? {
        let count = ranges.count
        var candidate = hint < count ? hint : 0
        for _ in 0 ..< count {
            let range = ranges[candidate]
            if range.count == end - start {
                var offset = 0
                while offset < range.count && bytes[range.lowerBound + offset] == text[start + offset] { offset += 1 }
                if offset == range.count { return candidate }
            }
            candidate = candidate + 1 == count ? 0 : candidate + 1
        }
        return nil
    }

    func firstMissing(seen: UInt32) -> String? {
        let missing = required & ~seen
        guard missing != 0 else { return nil }
        return String(decoding: bytes[ranges[missing.trailingZeroBitCount]], as: UTF8.self)
    }
}
