/// The shortest decimal digits that read back as exactly a double, found as Ryū does (Ulf Adams,
/// "Ryū: fast float-to-string conversion", PLDI 2018): the bounds of the interval of decimals that
/// round to the double are scaled by one 128-bit multiplier from a table, and digits are removed
/// while the bounds still differ; of the shortest candidates the one closest to the double is kept
/// (half to even).
///
/// `Double.description` finds the same digits (its own tests and ``NumberBytes``'s compare the two
/// on millions of doubles), but its implementation in the standard library calls out for each
/// 128-bit operation; this one is about a third of its instructions, and trace JSON is mostly numbers.
enum ShortestDigits {
    /// The digits and decimal exponent of the finite, positive, non-zero `x`: `x` reads back from
    /// `digits` × 10^`exponent`, and no number with fewer digits does.
    @inline(__always)
    static func of(_ x: Double) -> (digits: UInt64, exponent: Int) {
        let fraction = x.significandBitPattern
        let biased = Int(x.exponentBitPattern)
        // The double is m2 × 2^e2, two more bits of exponent kept for the interval's bounds.
        let e2 = (biased == 0 ? 1 : biased) &- 1023 &- 52 &- 2
        let m2 = biased == 0 ? fraction : (1 << 52) | fraction
        let even = m2 & 1 == 0
        let mv = 4 &* m2
        // The lower bound is closer when the double is a power of two (its lower neighbour is nearer).
        let lowerGap: UInt64 = fraction != 0 || biased <= 1 ? 1 : 0
        var vr: UInt64, vp: UInt64, vm: UInt64, e10: Int
        var vmTrailingZeros = false, vrTrailingZeros = false
        if e2 >= 0 {
            let q = log10Pow2(e2) &- (e2 > 3 ? 1 : 0)
            e10 = q
            let shift = 125 &+ pow5Bits(q) &- 1 &- e2 &+ q
            let low = inverse[2 &* q], high = inverse[2 &* q &+ 1]
            vr = mulShift(mv, low, high, shift)
            vp = mulShift(mv &+ 2, low, high, shift)
            vm = mulShift(mv &- 1 &- lowerGap, low, high, shift)
            if q <= 21 {
                // Only then can a bound be an exact multiple of 10^q, which decides the rounding.
                if mv % 5 == 0 {
                    vrTrailingZeros = isMultipleOfPowerOf5(mv, q)
                } else if even {
                    vmTrailingZeros = isMultipleOfPowerOf5(mv &- 1 &- lowerGap, q)
                } else if isMultipleOfPowerOf5(mv &+ 2, q) {
                    vp &-= 1
                }
            }
        } else {
            let q = log10Pow5(-e2) &- (-e2 > 1 ? 1 : 0)
            e10 = q &+ e2
            let i = -e2 &- q
            let shift = q &- (pow5Bits(i) &- 125)
            let low = powers[2 &* i], high = powers[2 &* i &+ 1]
            vr = mulShift(mv, low, high, shift)
            vp = mulShift(mv &+ 2, low, high, shift)
            vm = mulShift(mv &- 1 &- lowerGap, low, high, shift)
            if q <= 1 {
                vrTrailingZeros = true
                if even { vmTrailingZeros = lowerGap == 1 } else { vp &-= 1 }
            } else if q < 63 {
                vrTrailingZeros = mv & ((1 &<< UInt64(q)) &- 1) == 0
            }
        }
        var removed = 0
        let digits: UInt64
        if vmTrailingZeros || vrTrailingZeros {
            // Rare: a bound or the value itself is exact, so ties and closed bounds need the digits removed.
            var last: UInt64 = 0
            while vp / 10 > vm / 10 {
                vmTrailingZeros = vmTrailingZeros && vm % 10 == 0
                vrTrailingZeros = vrTrailingZeros && last == 0
                last = vr % 10
                vr /= 10; vp /= 10; vm /= 10; removed &+= 1
            }
            if vmTrailingZeros {
                while vm % 10 == 0 {
                    vrTrailingZeros = vrTrailingZeros && last == 0
                    last = vr % 10
                    vr /= 10; vp /= 10; vm /= 10; removed &+= 1
                }
            }
            if vrTrailingZeros && last == 5 && vr % 2 == 0 { last = 4 }
            digits = vr &+ ((vr == vm && (!even || !vmTrailingZeros)) || last >= 5 ? 1 : 0)
        } else {
            var roundUp = false
            if vp / 100 > vm / 100 {
                roundUp = vr % 100 >= 50
                vr /= 100; vp /= 100; vm /= 100; removed &+= 2
            }
            while vp / 10 > vm / 10 {
                roundUp = vr % 10 >= 5
                vr /= 10; vp /= 10; vm /= 10; removed &+= 1
            }
            digits = vr &+ (vr == vm || roundUp ? 1 : 0)
        }
        return (digits, e10 &+ removed)
    }

    /// The bit length of 5^e (for 0 ≤ e ≤ 3528).
    @inline(__always) static func pow5Bits(_ e: Int) -> Int { ((e &* 1_217_359) &>> 19) &+ 1 }
    /// ⌊log10 2^e⌋ (for 0 ≤ e ≤ 1650).
    @inline(__always) static func log10Pow2(_ e: Int) -> Int { (e &* 78913) &>> 18 }
    /// ⌊log10 5^e⌋ (for 0 ≤ e ≤ 2620).
    @inline(__always) static func log10Pow5(_ e: Int) -> Int { (e &* 732_923) &>> 20 }

    @inline(__always)
    static func isMultipleOfPowerOf5(_ value: UInt64, _ power: Int) -> Bool {
        var value = value, count = 0
        while value % 5 == 0 {
            value /= 5
            count &+= 1
        }
        return count >= power
    }

    /// (m × the 128-bit multiplier) >> shift, for 64 < shift < 128: the 192-bit product's bits that matter.
    @inline(__always)
    static func mulShift(_ m: UInt64, _ low: UInt64, _ high: UInt64, _ shift: Int) -> UInt64 {
        let lowProduct = m.multipliedFullWidth(by: low)
        let highProduct = m.multipliedFullWidth(by: high)
        let (middle, carry) = highProduct.low.addingReportingOverflow(lowProduct.high)
        let top = highProduct.high &+ (carry ? 1 : 0)
        let bits = UInt64(truncatingIfNeeded: shift &- 64)
        return (top &<< (64 &- bits)) | (middle &>> bits)
    }
}
