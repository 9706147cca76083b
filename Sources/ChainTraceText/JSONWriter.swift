/// The JSON emitter of every JSON output but trace JSON version 1 (which writes its lines in place,
/// with the same number text): a streaming writer of objects, arrays, keys, strings, integers and
/// numbers, with separators and layout written for the caller.
///
/// Output is deterministic: members come out in the order they are written, numbers in their
/// shortest round-trip form, and the non-finite numbers JSON lacks as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`, as trace JSON defines them.
///
/// The writer fills a byte buffer. Without a sink the buffer is the document (``text``, ``bytes``);
/// with a ``ByteSink`` it is handed to the sink each time it passes ``flushSize`` and by ``flush()``.
public struct JSONWriter {
    /// Where a container puts line breaks: text before its first member, between members, and
    /// before its closing bracket when it has members (an empty container is always `[]` or `{}`).
    public struct Layout: Sendable {
        let first: [UInt8], separator: [UInt8], last: [UInt8]

        /// Any layout, given its three strings.
        public init(first: String, separator: String, last: String) {
            self.first = Array(first.utf8)
            self.separator = Array(separator.utf8)
            self.last = Array(last.utf8)
        }

        /// On one line: `[1, 2]`.
        public static let inline = Layout(first: "", separator: ", ", last: "")
        /// On one line without spaces: `[1,2]`.
        public static let compact = Layout(first: "", separator: ",", last: "")
        /// One member a line at `indent`, the closing bracket on its own line at `closing`.
        public static func lines(indent: String, closing: String) -> Layout {
            Layout(first: "\n" + indent, separator: ",\n" + indent, last: "\n" + closing)
        }
    }

    private struct Container {
        var layout: Layout
        var count = 0
        let closer: UInt8
    }

    /// How many buffered bytes make the writer hand its buffer to the sink.
    public static let flushSize = 1 << 18

    // Written through `buffer`, which makes it unique first: a copied writer writes on its own copy.
    private var storage: ByteBuffer
    private var open: [Container] = []
    private var afterKey = false
    private let keySeparator: [UInt8]
    private let sink: (any ByteSink)?
    // The buffer size that makes `separate()` flush: `Int.max` without a sink.
    private let flushAt: Int
    // The sink's first error: later output is dropped, and flush() throws it.
    private var failure: (any Error)?

    /// An empty writer that keeps the whole document; `keySeparator` goes between a key and its
    /// value (`": "`, or `":"` for compact JSON).
    public init(keySeparator: String = ": ") {
        self.keySeparator = Array(keySeparator.utf8)
        sink = nil
        flushAt = .max
        storage = ByteBuffer()
    }

    /// An empty writer that streams into `sink`; call ``flush()`` after the last value.
    public init(keySeparator: String = ": ", sink: any ByteSink) {
        self.keySeparator = Array(keySeparator.utf8)
        self.sink = sink
        flushAt = Self.flushSize
        storage = ByteBuffer(capacity: Self.flushSize + Self.flushSize / 4)
    }

    /// A writer that streams into `sink` the further members of an object whose opening bracket and
    /// first `members` members were written before it (the sections after a trace JSON document's own
    /// members); ``end()`` closes that object.
    package init(sink: any ByteSink, inside layout: Layout, members: Int) {
        self.init(sink: sink)
        open = [Container(layout: layout, count: members, closer: UInt8(ascii: "}"))]
    }

    /// The text written so far (since the last flush, with a sink).
    public var text: String { String(decoding: storage.bytes, as: UTF8.self) }

    /// The UTF-8 bytes written so far (since the last flush, with a sink).
    public var bytes: [UInt8] { Array(storage.bytes) }

    /// Hands what is buffered to the sink, and throws the first error the sink threw.
    public mutating func flush() throws {
        if let sink, failure == nil, storage.count > 0 {
            do { try sink.write(storage.bytes) } catch { failure = error }
        }
        if sink != nil { buffer.removeAll() }
        if let failure { throw failure }
    }

    /// The buffer, made this writer's own before it is written to.
    private var buffer: ByteBuffer {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// Starts an object (`{`); members follow as ``key(_:)`` then a value.
    public mutating func beginObject(_ layout: Layout = .inline) {
        begin(UInt8(ascii: "{"), closer: UInt8(ascii: "}"), layout)
    }

    /// Starts an array (`[`).
    public mutating func beginArray(_ layout: Layout = .inline) {
        begin(UInt8(ascii: "["), closer: UInt8(ascii: "]"), layout)
    }

    /// Closes the innermost open object or array.
    public mutating func end() {
        precondition(!afterKey, "JSONWriter.end() after a key needs the key's value first")
        guard let container = open.popLast() else { preconditionFailure("JSONWriter.end() with nothing open") }
        let buffer = buffer
        if container.count > 0 { buffer.append(container.layout.last) }
        buffer.append(container.closer)
    }

    /// Changes the layout of the innermost container for the members that follow.
    public mutating func setLayout(_ layout: Layout) {
        precondition(!open.isEmpty, "JSONWriter.setLayout(_:) needs an open object or array")
        open[open.count - 1].layout = layout
    }

    /// A member's key in the innermost object; its value is the next thing written.
    public mutating func key(_ name: String) {
        precondition(!afterKey, "JSONWriter.key(_:) twice without a value")
        separate()
        let buffer = buffer
        Escape.appendJSONString(name, to: buffer)
        buffer.append(keySeparator)
        afterKey = true
    }

    /// The line break that ends a JSON file, after the top-level value.
    public mutating func endLine() {
        precondition(open.isEmpty && !afterKey, "JSONWriter.endLine() comes after the top-level value is closed")
        buffer.append(UInt8(ascii: "\n"))
    }

    /// A string value.
    public mutating func string(_ value: String) {
        beginValue()
        Escape.appendJSONString(value, to: buffer)
    }

    /// A string value, or `null`.
    public mutating func string(_ value: String?) {
        value.map { string($0) } ?? null()
    }

    /// An integer value.
    // Inlinable, so that an `Int` or `Int32` reaches the 64-bit path without generic dispatch.
    @inlinable
    public mutating func integer<Integer: BinaryInteger>(_ value: Integer) {
        if let small = Int64(exactly: value) {
            integer64(small)
        } else {
            integer(digits: String(value.magnitude), negative: value < 0)
        }
    }

    @usableFromInline
    mutating func integer64(_ value: Int64) {
        beginValue()
        buffer.append(value)
    }

    @usableFromInline
    mutating func integer(digits: String, negative: Bool) {
        beginValue()
        if negative { buffer.append(UInt8(ascii: "-")) }
        buffer.append(digits)
    }

    /// An integer given as its decimal digits (a count too large for any fixed-width type).
    public mutating func integer(digits: String) {
        precondition(!digits.isEmpty && digits.utf8.allSatisfy { (0x30 ... 0x39).contains($0) }, "JSONWriter.integer(digits:) takes decimal digits")
        beginValue()
        buffer.append(digits)
    }

    /// A number in its shortest round-trip form, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public mutating func number(_ value: Double) {
        beginValue()
        buffer.appendJSON(value)
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        beginValue()
        append(value ? "true" : "false")
    }

    /// `null`.
    public mutating func null() {
        beginValue()
        append("null")
    }

    /// An array of `items`, each written by `body`.
    // Inlinable, so that callers in other modules get it specialised for their sequence and closure.
    @inlinable
    public mutating func array<Items: Sequence>(_ items: Items, _ layout: Layout = .inline, _ body: (inout JSONWriter, Items.Element) -> Void) {
        beginArray(layout)
        for item in items { body(&self, item) }
        end()
    }

    /// The shortest text that reads back as exactly the finite number `x`, with an ASCII minus and
    /// no trailing `.0` (`300`, `0.1`, `1e-05`, `-0`).
    public static func shortest(_ x: Double) -> String {
        let buffer = ByteBuffer(capacity: NumberBytes.maximumCount)
        buffer.appendInPlace(maximum: NumberBytes.maximumCount) { NumberBytes.writeShortest(x, to: $0) }
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private mutating func begin(_ opener: UInt8, closer: UInt8, _ layout: Layout) {
        beginValue()
        buffer.append(opener)
        open.append(Container(layout: layout, closer: closer))
    }

    private mutating func append(_ ascii: StaticString) {
        buffer.append(ascii)
    }

    /// The separator before a value, unless it follows its key.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    private mutating func separate() {
        if storage.count >= flushAt { try? flush() }
        guard !open.isEmpty else { return }
        let last = open.count - 1
        buffer.append(open[last].count == 0 ? open[last].layout.first : open[last].layout.separator)
        open[last].count += 1
    }
}
