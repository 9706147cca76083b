/// A name in a program, interned: every use of the same text has the same index.
struct Symbol: Equatable, Sendable {
    /// The name's place in its program's ``NameTable``, from 0, in order of first appearance.
    let index: Int
    let text: String
}

/// The distinct names of a program, in order of first appearance, as the lexer meets them.
///
/// Interning makes each distinct name one `String` and one function lookup, however often it is
/// used; the parser and the evaluators then work with its index (an evaluator keeps each name's
/// node in an array). The table is open-addressed on the name's bytes (a 70,000-name program spent
/// more on `String` hashing and `Op(rawValue:)` per use than on lexing); the hash is seeded at random
/// per table, so the indices, which follow the text alone, are the same in every run.
struct NameTable: Sendable {
    private(set) var symbols: [Symbol] = []
    /// For each name, the function it calls when it names one, looked up once per name.
    private(set) var callees: [Callee?] = []
    /// For each name, the bytes of its first appearance and their hash.
    private var firstBytes: [Range<Int>] = []
    private var hashes: [UInt64] = []
    /// Symbol indices by hash, -1 for an empty slot; a power of two, at most half full.
    private var slots = [Int](repeating: -1, count: 256)
    private let seed = UInt64.random(in: .min ... .max)

    /// The index of the name in `bytes[range]`, adding it when it is new.
    mutating func intern(_ range: Range<Int>, of bytes: [UInt8]) -> Int {
        // Hashing and comparing read the bytes through a buffer (no per-byte bounds check; the ranges are checked once).
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "a name's range lies in its bytes")
        let hash = bytes.withUnsafeBufferPointer { self.hash(range, of: $0) }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let found = slots[slot]
            if hashes[found] == hash, bytes.withUnsafeBufferPointer({ Self.equal($0, firstBytes[found], range) }) { return found }
            slot = (slot + 1) & mask
        }
        let index = symbols.count
        let text = String(decoding: bytes[range], as: UTF8.self)
        symbols.append(Symbol(index: index, text: text))
        callees.append(FunctionCatalog.callee(named: text))
        firstBytes.append(range)
        hashes.append(hash)
        slots[slot] = index
        if symbols.count * 2 > slots.count { grow() }
        return index
    }

    /// The bytes eight at a time, each word through SplitMix64's finaliser after the seed.
    private func hash(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed ^ UInt64(range.count)
        var word: UInt64 = 0, filled: UInt64 = 0
        for offset in range {
            word |= UInt64(bytes[offset]) << filled
            filled += 8
            if filled == 64 {
                hash = Self.mix(hash ^ word)
                word = 0
                filled = 0
            }
        }
        return Self.mix(hash ^ word)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count, a.upperBound <= bytes.count, b.upperBound <= bytes.count else { return false }
        for offset in 0 ..< a.count where bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
        return true
    }

    /// Doubles the slots and places every name again.
    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }
    }
}
