/// A non-negative integer of any size: the exact number of paths, which grows like 2^k on k diamonds.
///
/// Only what counting needs: zero, one, addition, comparison and decimal text.
public struct ExactCount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Base-2⁶⁴ digits, least significant first, without trailing zeros (zero is `[]`).
    private var limbs: [UInt64]

    /// The count zero.
    public static let zero = ExactCount(limbs: [])
    /// The count one.
    public static let one = ExactCount(1)

    private init(limbs: [UInt64]) { self.limbs = limbs }

    /// A count from a machine integer.
    public init(_ value: UInt64) { limbs = value == 0 ? [] : [value] }

    /// Whether the count is zero.
    public var isZero: Bool { limbs.isEmpty }

    /// The count as a machine integer, or nil when it needs more than 64 bits.
    public var uint64: UInt64? {
        switch limbs.count {
        case 0: 0
        case 1: limbs[0]
        default: nil
        }
    }

    /// Whether the count is at most 2^53, so that a JSON number (an IEEE double) holds it exactly.
    public var isExactInDouble: Bool { uint64.map { $0 <= 1 << 53 } ?? false }

    /// The sum of two counts.
    public static func + (lhs: ExactCount, rhs: ExactCount) -> ExactCount {
        var result = lhs
        result += rhs
        return result
    }

    /// Adds a count in place.
    public static func += (lhs: inout ExactCount, rhs: ExactCount) {
        if lhs.limbs.count < rhs.limbs.count {
            lhs.limbs += [UInt64](repeating: 0, count: rhs.limbs.count - lhs.limbs.count)
        }
        var carry: UInt64 = 0
        for index in lhs.limbs.indices {
            let addend = index < rhs.limbs.count ? rhs.limbs[index] : 0
            if addend == 0 && carry == 0 && index >= rhs.limbs.count { break }
            let (partial, overflow1) = lhs.limbs[index].addingReportingOverflow(addend)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            lhs.limbs[index] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        if carry > 0 { lhs.limbs.append(carry) }
    }

    /// Orders counts by size.
    public static func < (lhs: ExactCount, rhs: ExactCount) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }

    /// The count in decimal digits (`"36893488147419103232"`).
    public var description: String {
        guard !limbs.isEmpty else { return "0" }
        // Repeated division by 10¹⁹, the largest power of ten below 2⁶⁴, yields 19 digits at a time.
        let chunk: UInt64 = 10_000_000_000_000_000_000
        var remaining = limbs
        var chunks: [UInt64] = []
        while !remaining.isEmpty {
            var remainder: UInt64 = 0
            for index in remaining.indices.reversed() {
                let (quotient, rest) = chunk.dividingFullWidth((remainder, remaining[index]))
                remaining[index] = quotient
                remainder = rest
            }
            while remaining.last == 0 { remaining.removeLast() }
            chunks.append(remainder)
        }
        var text = String(chunks.removeLast())
        for part in chunks.reversed() {
            let digits = String(part)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}
