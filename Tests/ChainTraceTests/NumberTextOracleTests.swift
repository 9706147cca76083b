import ChainTrace
import RealModule
import Testing

/// `NumberText` lays numbers out from the bytes of `Double.description`; this is the String-based
/// layout it replaced, kept as the oracle: every text must be the same, byte for byte.
@Suite struct NumberTextOracleTests {
    static func reference(_ x: Double, largest: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if x == 0 { return "0" }
        let parts = Swift.abs(x).description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let written = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        let whole = mantissa[..<point]
        let fraction = point < mantissa.endIndex ? mantissa[mantissa.index(after: point)...] : ""
        var digits = String(whole + fraction)
        var exponent = written + whole.count - 1
        while digits.first == "0" && digits.count > 1 { digits.removeFirst(); exponent -= 1 }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        var text: String
        if exponent < -4 || exponent >= largest {
            text = String(digits.first ?? "0")
            if digits.count > 1 { text += "." + digits.dropFirst() }
            text += "e" + (exponent < 0 ? "−" : "") + String(Swift.abs(exponent))
        } else if exponent < 0 {
            text = "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else if digits.count > exponent + 1 {
            let cut = digits.index(digits.startIndex, offsetBy: exponent + 1)
            text = digits[..<cut] + "." + digits[cut...]
        } else {
            text = digits + String(repeating: "0", count: exponent + 1 - digits.count)
        }
        return (x < 0 ? "−" : "") + text
    }

    /// Random bit patterns (every exponent, subnormals, NaN, infinities), decimal-looking values and
    /// the edges of each layout, at every precision.
    @Test(arguments: 0 ..< 8)
    func sameTextAsTheStringLayout(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        var values: [Double] = [.leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-5, 0.0001, 0.00009999, 1e16, 1e17, 123456, 999999.5, .nan, .infinity]
        for _ in 0 ..< 2_000 {
            values.append(Double(bitPattern: random.next()))
            let mantissa = Double(random.next() % 2_000_001) - 1_000_000
            values.append(mantissa * Double.pow(10, Double(Int(random.next() % 41) - 25)))
        }
        for x in values {
            #expect(NumberText.full(x) == Self.reference(x, largest: 17), "\(x)")
            for digits in [1, 3, 6, 10, 17] {
                #expect(NumberText.significant(x, digits: digits) == Self.reference(NumberText.rounded(x, digits: digits), largest: digits), "\(x) at \(digits)")
            }
        }
    }
}
