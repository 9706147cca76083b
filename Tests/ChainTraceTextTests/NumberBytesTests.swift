import ChainTrace
import ChainTraceText
import Testing

/// The writer's numbers are `Double.description` without its trailing `.0`, byte for byte, though
/// written without making a String per number.
struct NumberBytesTests {
    /// What trace JSON has always written for a finite number.
    static func described(_ x: Double) -> String {
        let text = x.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Writes `numbers` into one writer (so each starts after the text before it) and compares the
    /// whole text with the descriptions; returns how many numbers it compared.
    static func compare(_ numbers: [Double]) -> Int {
        var json = JSONWriter()
        json.array(numbers, .compact) { $0.number($1) }
        let expected = "[" + numbers.map(described).joined(separator: ",") + "]"
        #expect(json.text == expected)
        if json.text != expected {
            for x in numbers where JSONWriter.shortest(x) != described(x) {
                Issue.record("\(x.bitPattern): \(JSONWriter.shortest(x)) instead of \(described(x))")
                break
            }
        }
        return numbers.count
    }

    @Test("two million random doubles: any bit pattern, the usual ranges, whole numbers")
    func randomDoubles() {
        var generator = SplitMix64(seed: 15)
        var compared = 0
        for batch in 0 ..< 40 {
            let numbers: [Double] = (0 ..< 50_000).map { _ in
                let bits = generator.next()
                switch batch % 4 {
                case 0: return Double(bitPattern: bits)
                case 1: return Double(bits >> 11) / Double(1 << 53) * 2 - 1
                case 2: return Double(Int64(bitPattern: bits) >> Int(bits % 64))
                default: return Double(bits >> 11) * Double(sign: .plus, exponent: Int(bits % 120) - 60, significand: 1)
                }
            }
            compared += Self.compare(numbers.filter(\.isFinite))
        }
        #expect(compared > 1_900_000)
    }

    @Test("the edges: zeros, the whole-number fast path's limit, 2^53, subnormals, the extremes")
    func edges() {
        var numbers: [Double] = [0, -0.0, 1, -1, 0.5, 300, -300, 1e-5, 1e-4, 1e15, -1e15, 1e16, 1e17, 2e15,
                                 .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 .ulpOfOne, .pi, 9_007_199_254_740_992, 9_007_199_254_740_993, 123_456_789_012_345.6]
        for base in [1e15, 1e16, 9_007_199_254_740_992, 1, 0.1] {
            var up = base, down = base
            for _ in 0 ..< 20 {
                up = up.nextUp
                down = down.nextDown
                numbers += [up, down, -up, -down]
            }
        }
        _ = Self.compare(numbers)
        #expect(JSONWriter.shortest(1e15 - 1) == "999999999999999" && JSONWriter.shortest(-0.0) == "-0")
        #expect(JSONWriter.shortest(1e15) == "1000000000000000" && JSONWriter.shortest(1e16) == "1e+16")
    }

    @Test("subnormals, and whole numbers across 10^15, 2^53 and 10^16, at random")
    func subnormalsAndWholeNumbers() {
        var generator = SplitMix64(seed: 16)
        let subnormals = (0 ..< 100_000).map { _ in
            let bits = generator.next()
            return Double(bitPattern: (bits & (1 << 63)) | (bits >> 12 & ((1 << 52) - 1)))
        }
        #expect(subnormals.allSatisfy { $0.isSubnormal || $0 == 0 })
        #expect(Self.compare(subnormals) == 100_000)
        let wholes = (0 ..< 100_000).map { index -> Double in
            let magnitude = [1e15, 9_007_199_254_740_992, 1e16][index % 3]
            let offset = Double(Int64(bitPattern: generator.next()) >> 10)
            return (magnitude + offset.rounded()) * (index % 2 == 0 ? 1 : -1)
        }
        #expect(Self.compare(wholes) == 100_000)
    }

    @Test("non-finite numbers are the strings trace JSON defines: \"NaN\", \"Infinity\", \"-Infinity\"")
    func nonFinite() {
        var json = JSONWriter()
        json.array([Double.nan, -Double.nan, .signalingNaN, .infinity, -.infinity, 0], .compact) { $0.number($1) }
        #expect(json.text == #"["NaN","NaN","NaN","Infinity","-Infinity",0]"#)
    }

    @Test("integers of every width, the extremes included")
    func integers() {
        var json = JSONWriter()
        json.array([Int64.min, -1, 0, 7, Int64.max], .compact) { $0.integer($1) }
        json.array([UInt64.max], .compact) { $0.integer($1) }
        #expect(json.text == "[-9223372036854775808,-1,0,7,9223372036854775807][18446744073709551615]")
    }
}
