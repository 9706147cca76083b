/// Buffers a ``SpareBuffers`` can keep: how many bytes they take, and whether a request fits in them.
protocol KeptBuffers: Sendable {
    /// What a user of the buffers asks room for (a tape's nodes and edges, a pass's arrays).
    associatedtype Room

    /// The bytes the buffers take at their capacities.
    var allocatedBytes: Int { get }

    /// Whether every buffer has room for `room`.
    func holds(_ room: Room) -> Bool

    /// The bytes `room` takes in buffers of this kind.
    static func bytes(of room: Room) -> Int
}

/// One set of buffers kept from the last user for the next: a freed tape's columns
/// (``TapeStorage``), the last backward record's arrays (``Backward``).
///
/// A training loop records a step, runs its backward pass, drops both and does it again with the
/// same sizes. Freed to the allocator, buffers above glibc's mmap threshold are unmapped and the
/// next step faults their pages in anew (600 faults for micrograd's demo tape, 270 for its record:
/// as long as the work itself). Kept here, the next step writes into pages already mapped.
/// Only one set is kept, from ``smallest`` to ``limit`` bytes (a small set's memory is reused by
/// the allocator anyway), and only a request needing at least half of its bytes takes it, so a
/// small user is not handed a large one's memory.
struct SpareBuffers<Buffers: KeptBuffers>: Sendable {
    /// The most bytes kept: larger buffers go back to the allocator.
    static var limit: Int { 32 << 20 }
    /// The fewest bytes kept: smaller buffers do not displace the ones kept.
    static var smallest: Int { 64 << 10 }

    /// The buffers kept, as their last user left them.
    private(set) var kept: Buffers?

    /// Takes the kept buffers if they hold `room` and it needs at least half their bytes.
    mutating func take(_ room: Buffers.Room) -> Buffers? {
        guard let buffers = kept, buffers.holds(room), 2 * Buffers.bytes(of: room) >= buffers.allocatedBytes else { return nil }
        kept = nil
        return buffers
    }

    /// Keeps `freed` if it takes ``smallest`` to ``limit`` bytes, in place of what was kept;
    /// returns the buffers the caller lets go (the ones replaced, or `freed` itself).
    mutating func keep(_ freed: Buffers) -> Buffers? {
        guard freed.allocatedBytes >= Self.smallest && freed.allocatedBytes <= Self.limit else { return freed }
        defer { kept = freed }
        return kept
    }
}
