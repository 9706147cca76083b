/// A growable byte buffer whose appends are one capacity check and a copy: the JSON writer makes
/// tens of appends per node of a trace, where `Array.append(contentsOf:)` costs more than the bytes.
///
/// The indices are the buffer's own (every write is preceded by `reserve`), so no input can
/// write outside it. Package-wide, so that the trace JSON writer writes its lines straight into it.
@usableFromInline
package final class ByteBuffer {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    /// The bytes written.
    @usableFromInline package internal(set) var count = 0
    @usableFromInline var capacity: Int

    package init(capacity: Int = 256) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A buffer of its own with the same bytes (a copied writer's buffer, once written to).
    func copy() -> ByteBuffer {
        let other = ByteBuffer(capacity: capacity)
        other.append(bytes)
        return other
    }

    /// The bytes written since the last ``removeAll()``.
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Room for `extra` more bytes.
    @inlinable @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inlinable @inline(__always)
    package func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    package func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    package func append(_ ascii: StaticString) {
        ascii.withUTF8Buffer { append($0) }
    }

    /// Writes up to `maximum` bytes in place through `body`, which returns how many it wrote.
    @inlinable @inline(__always)
    package func appendInPlace(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        // Written before it is added: `count += body(…)` would hold an access to `count` across the
        // call, which Swift checks at run time (an exclusivity check per line of trace JSON).
        let written = body(base + count)
        count += written
    }

    func removeLast(_ n: Int) {
        precondition(n <= count, "ByteBuffer.removeLast(_:) past the start")
        count -= n
    }

    package func removeAll() { count = 0 }

    @usableFromInline
    func grow(to needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
