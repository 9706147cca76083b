@testable import ChainTraceText
import Testing

/// The shortest-digits tables recomputed from their definition with exact integers, and the
/// digits checked against `Double.description` where the search takes its rare paths.
struct ShortestDigitsTests {
    /// A natural number as 32-bit limbs, least significant first.
    struct Natural: Comparable {
        var limbs: [UInt32]

        init(_ limbs: [UInt32]) {
            self.limbs = limbs
            while self.limbs.count > 1, self.limbs.last == 0 { self.limbs.removeLast() }
        }

        init(low: UInt64, high: UInt64) {
            self.init([low, high].flatMap { [UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $0 >> 32)] })
        }

        static func power(of two: Int) -> Natural {
            var limbs = [UInt32](repeating: 0, count: two / 32 + 1)
            limbs[two / 32] = 1 << UInt32(two % 32)
            return Natural(limbs)
        }

        var bitLength: Int { (limbs.count - 1) * 32 + (32 - limbs[limbs.count - 1].leadingZeroBitCount) }

        static func * (a: Natural, b: Natural) -> Natural {
            var product = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
            for (i, x) in a.limbs.enumerated() {
                var carry: UInt64 = 0
                for (j, y) in b.limbs.enumerated() {
                    let sum = product[i + j] + UInt64(x) * UInt64(y) + carry
                    product[i + j] = sum & 0xFFFF_FFFF
                    carry = sum >> 32
                }
                product[i + b.limbs.count] += carry
            }
            return Natural(product.map { UInt32(truncatingIfNeeded: $0) })
        }

        /// ⌊self / 2^n⌋ for n ≥ 0, self × 2^−n for n < 0.
        func shifted(right n: Int) -> Natural {
            if n < 0 { return self * .power(of: -n) }
            var result = [UInt32]()
            for index in 0 ..< limbs.count {
                let bit = index * 32 + n
                let low = bit / 32 < limbs.count ? UInt64(limbs[bit / 32]) : 0
                let high = bit / 32 + 1 < limbs.count ? UInt64(limbs[bit / 32 + 1]) : 0
                result.append(UInt32(truncatingIfNeeded: ((high << 32) | low) >> UInt64(bit % 32)))
            }
            return Natural(result)
        }

        static func < (a: Natural, b: Natural) -> Bool {
            if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
            for (x, y) in zip(a.limbs.reversed(), b.limbs.reversed()) where x != y { return x < y }
            return false
        }
    }

    @Test("every table entry is its definition: 5^i's top 125 bits, and ⌊2^(b − 1 + 125) / 5^i⌋ + 1")
    func tablesMatchTheirDefinition() {
        var power = Natural([1])
        for i in 0 ..< 342 {
            let bits = power.bitLength
            if i < 326 {
                let entry = Natural(low: ShortestDigits.powers[2 * i], high: ShortestDigits.powers[2 * i + 1])
                #expect(entry == power.shifted(right: bits - 125), "powers[\(i)]")
            }
            let inverse = Natural(low: ShortestDigits.inverse[2 * i], high: ShortestDigits.inverse[2 * i + 1])
            let below = Natural(low: ShortestDigits.inverse[2 * i] &- 1, high: ShortestDigits.inverse[2 * i + 1] - (ShortestDigits.inverse[2 * i] == 0 ? 1 : 0))
            let target = Natural.power(of: bits - 1 + 125)
            // inverse − 1 = ⌊target / 5^i⌋ exactly when (inverse − 1) × 5^i ≤ target < inverse × 5^i.
            #expect(!(target < below * power) && target < inverse * power, "inverse[\(i)]")
            power = power * Natural([5])
        }
    }

    @Test("the rare paths: exact bounds, ties, powers of two, every power of ten, integers past 2^53")
    func rarePathsMatchTheDescription() {
        var numbers: [Double] = []
        for exponent in -1074 ... 1023 { numbers.append(Double(sign: .plus, exponent: exponent, significand: 1)) }
        for exponent in -323 ... 308 {
            guard let power = Double("1e\(exponent)") else { continue }
            numbers += [power, power.nextUp, power.nextDown, power * 5, power * 2.5]
        }
        for digits in 1 ... 17 {
            for lead in [1, 5, 9] { numbers.append(Double(lead) * (Double("1e\(digits)") ?? 1) + 1) }
        }
        numbers += [9_007_199_254_740_993, 18_014_398_509_481_984, 0.3, 2.0 / 3, 1.5e-5, 5e-324, 1e-4, 9.999999999999999e-5]
        numbers = numbers.filter(\.isFinite)
        #expect(NumberBytesTests.compare(numbers + numbers.map { -$0 }) == 2 * numbers.count)
    }
}
