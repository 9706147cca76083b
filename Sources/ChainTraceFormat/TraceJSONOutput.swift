import ChainTraceText

/// Where the version 1 writer's bytes go: one buffer, handed to a sink each time it passes
/// `JSONWriter.flushSize`, so that a document of any size needs one buffer of memory and no copy
/// of itself (a whole document in memory is a ``ByteCollector`` sink's). A chunk's output
/// (``init(chunkCapacity:)``) has no sink: it keeps the lines of one chunk of a section, formatted
/// on a thread of its own, until ``pass(_:)`` hands them on in order.
///
/// Lines are written in place (``line(room:_:)``) through a ``TraceJSONCursor``, given room for the
/// longest text they can have: no check per piece.
final class TraceJSONOutput: ByteSink {
    private let buffer: ByteBuffer
    private let sink: (any ByteSink)?
    // The buffer size that makes line(room:_:) flush: `Int.max` for a chunk's output.
    private let flushAt: Int
    // The sink's first error: later output is dropped, and finish() throws it.
    private var failure: (any Error)?

    /// An output that streams into `sink`; call ``finish()`` after the last byte.
    init(sink: any ByteSink) {
        buffer = ByteBuffer(capacity: JSONWriter.flushSize + JSONWriter.flushSize / 4)
        self.sink = sink
        flushAt = JSONWriter.flushSize
    }

    /// An output that keeps what it is given (one chunk), starting with room for `chunkCapacity` bytes.
    init(chunkCapacity: Int) {
        buffer = ByteBuffer(capacity: chunkCapacity)
        sink = nil
        flushAt = .max
    }

    /// Whether the sink has thrown: what follows is dropped, so there is no point formatting it.
    var failed: Bool { failure != nil }

    /// Writes at most `room` bytes through `body`, then hands the buffer to the sink if it is full.
    @inline(__always)
    func line(room: Int, _ body: (inout TraceJSONCursor) -> Void) {
        buffer.appendInPlace(maximum: room) { start in
            var cursor = TraceJSONCursor(start)
            body(&cursor)
            let count = cursor.position - start
            precondition(count <= room, "a trace JSON line overran the room given for it")
            return count
        }
        if buffer.count >= flushAt { flush() }
    }

    /// A string, escaped as JSON and quoted.
    func string(_ text: String) {
        Escape.appendJSONString(text, to: buffer)
        if buffer.count >= flushAt { flush() }
    }

    /// Takes bytes written elsewhere: a `JSONWriter` adding the sections after the document's members.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        line(room: bytes.count) { $0.put(UnsafeBufferPointer(start: source, count: bytes.count)) }
    }

    /// Hands on the lines a chunk's output kept, after what this output holds, and empties the
    /// chunk for its next use. They go to the sink as they are, a flush size at most at a time:
    /// no copy into this output's buffer.
    func pass(_ chunk: TraceJSONOutput) {
        flush()
        var rest = chunk.buffer.bytes[...]
        while failure == nil, let sink, !rest.isEmpty {
            let piece = rest.prefix(JSONWriter.flushSize)
            do { try sink.write(UnsafeBufferPointer(rebasing: piece)) } catch { failure = error }
            rest = rest.dropFirst(piece.count)
        }
        chunk.buffer.removeAll()
    }

    /// Hands what is buffered to the sink and throws the sink's first error.
    func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private func flush() {
        if failure == nil, let sink, buffer.count > 0 {
            do { try sink.write(buffer.bytes) } catch { failure = error }
        }
        buffer.removeAll()
    }
}

/// A sink that keeps everything it is given: a whole document in memory, grown from a guess of its
/// size, copied into a buffer at a time (from the writer's buffer while it is hot in the cache).
final class ByteCollector: ByteSink {
    private(set) var bytes: [UInt8] = []

    init(reserving capacity: Int) { bytes.reserveCapacity(capacity) }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// A write position in a buffer given room for everything written through it: each piece is a
/// copy, with no capacity check of its own.
struct TraceJSONCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    /// Fixed text (keys, brackets, separators).
    @inline(__always)
    mutating func put(_ text: StaticString) {
        position.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        position += text.utf8CodeUnitCount
    }

    /// Bytes prepared before (a name or a scope, escaped once).
    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        position.update(from: source, count: bytes.count)
        position += bytes.count
    }

    /// A number as trace JSON writes it (at most `NumberBytes.maximumCount` bytes).
    @inline(__always)
    mutating func number(_ x: Double) {
        position += NumberBytes.writeJSON(x, to: position)
    }

    /// An integer (at most 20 bytes).
    @inline(__always)
    mutating func integer(_ value: Int) {
        position += NumberBytes.write(Int64(value), to: position)
    }
}
