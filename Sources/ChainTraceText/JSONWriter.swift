/// The one JSON emitter of every JSON output: a streaming writer of objects, arrays, keys, strings,
/// integers and numbers, with separators and layout written for the caller.
///
/// Output is deterministic: members come out in the order they are written, numbers in their
/// shortest round-trip form, and the non-finite numbers JSON lacks as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`, as trace JSON defines them.
public struct JSONWriter: Sendable {
    /// Where a container puts line breaks: text before its first member, between members, and
    /// before its closing bracket when it has members (an empty container is always `[]` or `{}`).
    public struct Layout: Sendable {
        let first: String, separator: String, last: String

        /// Any layout, given its three strings.
        public init(first: String, separator: String, last: String) {
            self.first = first
            self.separator = separator
            self.last = last
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
        let closer: String
    }

    /// The text written so far.
    public private(set) var text = ""
    private var open: [Container] = []
    private var afterKey = false
    private let keySeparator: String

    /// An empty writer; `keySeparator` goes between a key and its value (`": "`, or `":"` for compact JSON).
    public init(keySeparator: String = ": ") {
        self.keySeparator = keySeparator
    }

    /// Starts an object (`{`); members follow as ``key(_:)`` then a value.
    public mutating func beginObject(_ layout: Layout = .inline) {
        begin("{", closer: "}", layout)
    }

    /// Starts an array (`[`).
    public mutating func beginArray(_ layout: Layout = .inline) {
        begin("[", closer: "]", layout)
    }

    /// Closes the innermost open object or array.
    public mutating func end() {
        precondition(!afterKey, "JSONWriter.end() after a key needs the key's value first")
        guard let container = open.popLast() else { preconditionFailure("JSONWriter.end() with nothing open") }
        if container.count > 0 { text += container.layout.last }
        text += container.closer
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
        text += Escape.jsonString(name) + keySeparator
        afterKey = true
    }

    /// A string value.
    public mutating func string(_ value: String) {
        raw(Escape.jsonString(value))
    }

    /// A string value, or `null`.
    public mutating func string(_ value: String?) {
        value.map { string($0) } ?? null()
    }

    /// An integer value.
    public mutating func integer(_ value: some BinaryInteger) {
        raw(String(value))
    }

    /// An integer given as its decimal digits (a count too large for any fixed-width type).
    public mutating func integer(digits: String) {
        precondition(!digits.isEmpty && digits.utf8.allSatisfy { (0x30 ... 0x39).contains($0) }, "JSONWriter.integer(digits:) takes decimal digits")
        raw(digits)
    }

    /// A number in its shortest round-trip form, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public mutating func number(_ value: Double) {
        if value.isNaN { return raw("\"NaN\"") }
        if value.isInfinite { return raw(value > 0 ? "\"Infinity\"" : "\"-Infinity\"") }
        raw(Self.shortest(value))
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    /// `null`.
    public mutating func null() {
        raw("null")
    }

    /// An array of `items`, each written by `body`.
    public mutating func array<Items: Sequence>(_ items: Items, _ layout: Layout = .inline, _ body: (inout JSONWriter, Items.Element) -> Void) {
        beginArray(layout)
        for item in items { body(&self, item) }
        end()
    }

    /// The shortest text that reads back as exactly the finite number `x`, with an ASCII minus and
    /// no trailing `.0` (`300`, `0.1`, `1e-05`, `-0`).
    public static func shortest(_ x: Double) -> String {
        let text = x.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private mutating func begin(_ opener: String, closer: String, _ layout: Layout) {
        raw(opener)
        open.append(Container(layout: layout, closer: closer))
    }

    private mutating func raw(_ value: String) {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
        text += value
    }

    private mutating func separate() {
        guard !open.isEmpty else { return }
        text += open[open.count - 1].count == 0 ? open[open.count - 1].layout.first : open[open.count - 1].layout.separator
        open[open.count - 1].count += 1
    }
}
