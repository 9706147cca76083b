import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import ChainTraceTensor
import Foundation
import Testing

/// The one-pass reader's parsing: numbers become the nearest double exactly as the standard library
/// rounds them, and the text's edge cases (truncation, nesting, escapes, keys out of order, duplicate
/// keys inside skipped values, invalid UTF-8) are read or refused at a located place.
struct TraceJSONParsingTests {
    /// A version-1 document of constant nodes whose values are `numbers`, as written text.
    static func constants(_ numbers: [String]) -> String {
        var text = "{\"format\": \"chaintrace-trace\", \"version\": 1, \"nodes\": ["
        for (id, number) in numbers.enumerated() {
            if id > 0 { text += ",\n" }
            text += "{\"id\": \(id), \"op\": \"const\", \"name\": null, \"value\": \(number), \"grad\": null, \"inputs\": [], \"scope\": [], \"line\": null}"
        }
        return text + "], \"outputs\": [0]}"
    }

    /// Random numbers of one kind, as JSON text.
    enum NumberKind: String, CaseIterable, Sendable {
        /// Any finite double (subnormals included) in its shortest form.
        case shortest
        /// Any finite double with 17 significant digits, the most a double needs.
        case seventeenDigits
        /// Random decimal texts: up to 40 digits, a decimal point anywhere, exponents far beyond a double's range.
        case decimal
        /// Near the ends of the range: subnormals, the smallest normal, the largest finite, to 1 to 41 digits.
        case extremes
    }

    static func numbers(_ kind: NumberKind, count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        func finite() -> Double {
            while true {
                let value = Double(bitPattern: random.next())
                if value.isFinite { return value }
            }
        }
        return (0 ..< count).map { _ in
            switch kind {
            case .shortest:
                return "\(finite())"
            case .seventeenDigits:
                return String(format: "%.16e", finite())
            case .decimal:
                let digits = String((0 ..< Int.random(in: 1 ... 40, using: &random)).map { _ in Character(String(Int.random(in: 0 ... 9, using: &random))) })
                let trimmed = digits.drop { $0 == "0" }
                let whole = trimmed.isEmpty ? "0" : String(trimmed)
                let point = Int.random(in: 0 ... whole.count, using: &random)
                let mantissa = point == 0 || point == whole.count ? whole : whole.prefix(point) + "." + whole.dropFirst(point)
                let exponent = Bool.random(using: &random) ? "e\(Int.random(in: -360 ... 300, using: &random))" : ""
                return (Bool.random(using: &random) ? "-" : "") + mantissa + exponent
            case .extremes:
                let bits = [UInt64.random(in: 0 ... 0x0010_0000_0000_0000, using: &random),
                            0x7FEF_FFFF_FFFF_FFFF - UInt64.random(in: 0 ... 1000, using: &random)].randomElement(using: &random) ?? 0
                let digits = Int.random(in: 1 ... 40, using: &random)
                return String(format: "%.\(digits)e", Double(bitPattern: bits)).replacingOccurrences(of: "e+", with: "e")
            }
        }
    }

    @Test("numbers are read as the nearest double, exactly as Double(String) rounds them", arguments: NumberKind.allCases)
    func numbersRoundCorrectly(_ kind: NumberKind) throws {
        // 250,000 per kind, a million in all.
        for seed in 0 ..< 5 {
            let numbers = Self.numbers(kind, count: 50_000, seed: UInt64(seed) &* 7919 &+ UInt64(kind.rawValue.count))
            let finite = numbers.filter { Double($0)?.isFinite ?? false }
            let tape = try TraceJSONReader.read(Data(Self.constants(finite).utf8)).tape
            for (node, text) in finite.enumerated() {
                let expected = try #require(Double(text))
                guard tape.value(of: node).bitPattern == expected.bitPattern else {
                    Issue.record("\(text) read as \(tape.value(of: node)), not \(expected)")
                    return
                }
            }
            #expect(finite.count > numbers.count / 2)
        }
    }

    @Test("signed zeros, subnormals and the ends of the range")
    func specialNumbers() throws {
        let cases: [(String, Double)] = [
            ("-0", -0.0), ("-0.0e7", -0.0), ("0e-999", 0), ("1e-400", 0), ("-1e-400", -0.0), ("5e-324", 0x1p-1074), ("2.4703282292062328e-324", 0x1p-1074),
            ("2.4703282292062327e-324", 0), ("1.7976931348623157e308", .greatestFiniteMagnitude), ("1.7976931348623158e308", .greatestFiniteMagnitude),
            ("9007199254740993", 9007199254740992), ("9007199254740995", 9007199254740996), ("0.1", 0.1), ("1E2", 100), ("12345678901234567890123", 1.2345678901234568e22),
            ("\"NaN\"", .nan), ("\"Infinity\"", .infinity), ("\"-Infinity\"", -.infinity),
        ]
        let tape = try TraceJSONReader.read(Data(Self.constants(cases.map(\.0)).utf8)).tape
        for (node, (text, expected)) in cases.enumerated() {
            let value = tape.value(of: node)
            #expect(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN), "\(text): \(value)")
        }
        for (text, message) in [("1.7976931348623159e308", "a number beyond the range of a double"), ("-1e309", "a number beyond the range of a double"),
                                ("01", "a number with a leading zero"), ("1.", "expected a digit after the decimal point"), ("1e+", "expected a digit in the exponent"),
                                ("-", "expected a digit"), ("+1", "Invalid value"), (".5", "Invalid value"), ("\"nan\"", "found the string \"nan\"")] {
            do {
                _ = try TraceJSONReader.read(Data(Self.constants([text]).utf8))
                Issue.record("read \(text)")
            } catch {
                #expect(error.message.contains(message), "\(text): \(error)")
            }
        }
    }

    static func smallDocument() throws -> String {
        let run = try Program(source: "x = 2\nu = x^2 + 1\ny = u^3", file: "t.ct").run()
        return TraceJSONWriter.json(TraceDocument(tape: run.tape, differentiating: run.output))
    }

    @Test("every prefix of a document is refused at a located place, none is read")
    func truncatedDocuments() throws {
        let bytes = Array(try Self.smallDocument().trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        for length in 0 ..< bytes.count {
            do {
                _ = try TraceJSONReader.read(Data(bytes[..<length]))
                Issue.record("read the first \(length) bytes")
            } catch {
                let located = error.path != "$" || error.message.contains("line ")
                #expect(located, "\(length) bytes: \(error)")
            }
        }
        #expect(throws: Never.self) { try TraceJSONReader.read(Data(bytes)) }
    }

    @Test("a million nested arrays inside an unknown key are skipped without recursion and refused where the text ends")
    func deepNesting() throws {
        let depth = 1_000_000
        let text = try Self.smallDocument().replacingOccurrences(of: "\"outputs\"", with: "\"deep\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ", \"outputs\"")
        #expect(throws: Never.self) { try TraceJSONReader.read(Data(text.utf8)) }
        let document = try Self.smallDocument()
        let head = try #require(document.range(of: "\"outputs\""))
        let open = document[..<head.lowerBound] + "\"deep\": " + String(repeating: "[{\"a\": ", count: depth)
        #expect { try TraceJSONReader.read(Data(open.utf8)) } throws: { ($0 as? TraceJSONError)?.message.contains("the text ends before the JSON value is complete") ?? false }
    }

    @Test("escapes in names and scopes are decoded; keys may come in any order, the version after the nodes")
    func escapesAndKeyOrder() throws {
        let document = try Self.smallDocument()
        let escaped = document.replacingOccurrences(of: "\"name\": \"x\"", with: "\"name\": \"tab\\there \\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\ \\/\"")
        #expect(try TraceJSONReader.read(Data(escaped.utf8)).tape.name(of: 0) == "tab\there é😀 \"q\" \\ /")
        // The header after the nodes: the reader looks for the version first.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let reordered = "{\"nodes\": " + String(decoding: try JSONSerialization.data(withJSONObject: object["nodes"] ?? []), as: UTF8.self)
            + ", \"outputs\": [4], \"version\": 1, \"format\": \"chaintrace-trace\"}"
        let read = try TraceJSONReader.read(Data(reordered.utf8))
        #expect(read.tape == (try TraceJSONReader.read(Data(document.utf8))).tape)
        #expect { try TraceJSONReader.read(Data(reordered.replacingOccurrences(of: ", \"version\": 1", with: "").utf8)) } throws: {
            ($0 as? TraceJSONError) == TraceJSONError(path: "$", message: "missing key \"version\"")
        }
    }

    @Test("a key given twice inside a value the reader skips, and text after the document, are refused")
    func duplicatesInSkippedValuesAndTrailingText() throws {
        let document = try Self.smallDocument()
        let duplicate = document.replacingOccurrences(of: "\"outputs\"", with: "\"extra\": [{\"a\": 1, \"b\": {\"c\": 1, \"\\u0063\": 2}}], \"outputs\"")
        #expect { try TraceJSONReader.read(Data(duplicate.utf8)) } throws: { ($0 as? TraceJSONError)?.path == "$.extra[0].b.c" }
        for trailing in ["x", "{}", "\u{0}"] {
            #expect { try TraceJSONReader.read(Data((document + trailing).utf8)) } throws: { ($0 as? TraceJSONError)?.message.contains("more text after the JSON value") ?? false }
        }
        #expect(throws: Never.self) { try TraceJSONReader.read(Data((document + " \n\t").utf8)) }
    }

    @Test("invalid UTF-8 in a string or between values is reported as such, with its byte offset")
    func invalidUTF8() throws {
        let bytes = Array(try Self.smallDocument().utf8)
        let name = try #require(bytes.firstRange(of: Array("\"name\": \"x\"".utf8)))
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            var edited = bytes
            edited.replaceSubrange(name.upperBound - 2 ..< name.upperBound - 1, with: bad)
            #expect { try TraceJSONReader.read(Data(edited)) } throws: { ($0 as? TraceJSONError)?.message.hasPrefix("not UTF-8 text: byte \(name.upperBound - 2)") ?? false }
        }
        var outside = bytes
        outside.insert(0xFF, at: name.lowerBound)
        #expect { try TraceJSONReader.read(Data(outside)) } throws: { ($0 as? TraceJSONError)?.message.hasPrefix("not UTF-8 text: byte \(name.lowerBound)") ?? false }
    }

    @Test("a tensor trace is bounded by the node limit as a scalar one is")
    func tensorNodeLimit() throws {
        let recorded = try TensorTraces.everyOperation()
        let document = try TensorTraceDocument(tape: recorded.tape, differentiating: recorded.output)
        let data = Data(TraceJSONWriter.json(document).utf8)
        var limits = Limits()
        limits.nodes = 3
        #expect { try TraceJSONReader.readAny(data, limits: limits) } throws: {
            ($0 as? TraceJSONError) == TraceJSONError(path: "$.nodes", message: "\(document.tape.count) nodes " + Limits.hit("node", 3, option: "--max-trace-nodes"))
        }
        limits.nodes = document.tape.count
        #expect(try TraceJSONReader.readAny(data, limits: limits) == .tensor(document))
    }
}
