import ChainTrace
import ChainTraceTestSupport
import ChainTraceText
import Foundation
import Testing

@Suite("the JSON emitter")
struct JSONWriterTests {
    @Test("layouts, nesting, separators and non-finite numbers, byte for byte")
    func layout() {
        var json = JSONWriter()
        json.beginObject(.lines(indent: "  ", closing: ""))
        json.key("n")
        json.array([1.5, -0.0, 300, 1e-5, .nan, .infinity, -.infinity]) { $0.number($1) }
        json.key("empty")
        json.array([Int](), .lines(indent: "    ", closing: "  ")) { $0.integer($1) }
        json.key("rows")
        json.array([1, 2], .lines(indent: "    ", closing: "  ")) { json, row in
            json.beginObject()
            json.key("id")
            json.integer(row)
            json.key("name")
            json.string(row == 1 ? "a\"b" : nil)
            json.key("ok")
            json.bool(row == 2)
            json.end()
        }
        json.key("compact")
        json.array(["x", "y"], .compact) { $0.string($1) }
        json.setLayout(JSONWriter.Layout(first: "", separator: ",\n", last: ""))
        json.key("last")
        json.null()
        json.end()
        #expect(json.text == """
        {
          "n": [1.5, -0, 300, 1e-05, "NaN", "Infinity", "-Infinity"],
          "empty": [],
          "rows": [
            {"id": 1, "name": "a\\"b", "ok": false},
            {"id": 2, "name": null, "ok": true}
          ],
          "compact": ["x","y"],
        "last": null}
        """)
    }

    @Test("every hostile name as a key and a value parses back")
    func hostileKeysAndValues() throws {
        var json = JSONWriter()
        json.beginObject()
        for (index, name) in HostileText.names.enumerated() {
            json.key(name)
            json.string(name + "\(index)")
        }
        json.end()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: String])
        #expect(object.count == HostileText.names.count)
        for (index, name) in HostileText.names.enumerated() { #expect(object[name] == name + "\(index)") }
    }

    @Test("numbers are the shortest text that reads back exactly")
    func shortestNumbers() {
        var generator = SplitMix64(seed: 8)
        for _ in 0 ..< 2000 {
            let x = Double(bitPattern: generator.next())
            guard x.isFinite else { continue }
            #expect(Double(JSONWriter.shortest(x)) == x)
        }
        #expect(JSONWriter.shortest(0.1) == "0.1" && JSONWriter.shortest(2) == "2" && JSONWriter.shortest(-0.0) == "-0")
    }
}

/// The JSON string escaper works on UTF-8 bytes; it must spell every string as the scalar-by-scalar
/// escaper it replaced did.
struct JSONStringBytesTests {
    /// The escaper as it was written before, scalar by scalar: the reference.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test("every ASCII character, alone and between plain runs, and non-ASCII text", arguments: HostileText.names + ["", "plain", "é∂x²", "\u{7F}\u{80}\u{2028}", "🧪\"🧪"])
    func sameAsScalarEscaping(name: String) {
        #expect(Escape.jsonString(name) == Self.reference(name))
        for value in UInt8(0) ..< 0x80 {
            let text = "ab" + String(UnicodeScalar(value)) + name + String(UnicodeScalar(value))
            #expect(Escape.jsonString(text) == Self.reference(text))
        }
    }
}
