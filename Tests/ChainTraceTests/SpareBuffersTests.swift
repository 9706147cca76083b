@testable import ChainTrace
import Testing

/// The one holder of kept buffers, on a stand-in buffer type whose bytes are its room: the limits
/// on what is kept, the half rule on what is taken, and the swap that hands back what was replaced.
struct SpareBuffersTests {
    /// Buffers of `room` bytes, told apart by `id`.
    struct Block: KeptBuffers, Equatable {
        var id: Int
        var room: Int

        var allocatedBytes: Int { room }
        func holds(_ room: Int) -> Bool { room <= self.room }
        static func bytes(of room: Int) -> Int { room }
    }

    typealias Spare = SpareBuffers<Block>

    /// Buffers of 64 KiB to 32 MiB are kept; one byte fewer or more is handed straight back.
    @Test func onlyBuffersWithinTheLimitsAreKept() {
        #expect(Spare.smallest == 65_536 && Spare.limit == 33_554_432)
        for room in [Spare.smallest - 1, Spare.limit + 1, 0] {
            var spare = Spare()
            #expect(spare.keep(Block(id: 1, room: room)) == Block(id: 1, room: room))
            #expect(spare.kept == nil)
        }
        for room in [Spare.smallest, Spare.limit] {
            var spare = Spare()
            #expect(spare.keep(Block(id: 1, room: room)) == nil)
            #expect(spare.kept == Block(id: 1, room: room))
        }
    }

    /// A request takes the kept buffers only if they hold it and it needs at least half their
    /// bytes; a refused request leaves them kept, a taken one leaves nothing.
    @Test func onlyARequestNeedingHalfTakesTheBuffers() {
        var spare = Spare()
        let block = Block(id: 1, room: 100_000)
        #expect(spare.keep(block) == nil)
        #expect(spare.take(100_001) == nil)
        #expect(spare.take(49_999) == nil)
        #expect(spare.kept == block)
        #expect(spare.take(50_000) == block)
        #expect(spare.kept == nil && spare.take(50_000) == nil)
        #expect(spare.keep(block) == nil)
        #expect(spare.take(100_000) == block)
    }

    /// Keeping buffers replaces the ones kept and returns those for the caller to let go.
    @Test func keepingReturnsTheBuffersReplaced() {
        var spare = Spare()
        let first = Block(id: 1, room: 100_000), second = Block(id: 2, room: 200_000)
        #expect(spare.keep(first) == nil)
        #expect(spare.keep(second) == first)
        #expect(spare.keep(Block(id: 3, room: 10)) == Block(id: 3, room: 10))
        #expect(spare.kept == second)
        #expect(spare.take(150_000) == second)
    }
}
