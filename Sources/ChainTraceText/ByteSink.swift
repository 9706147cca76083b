/// Where a streaming writer sends its output, a buffer at a time: a file, a socket, a digest.
///
/// ``JSONWriter`` fills a buffer of its own and hands it over whenever it grows past
/// ``JSONWriter/flushSize``, so a document of any size needs one buffer of memory, not a copy of itself.
public protocol ByteSink {
    /// Takes the next bytes of the output, in order; an error ends the output and reaches the writer's caller.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

extension ByteSink {
    /// Writes a whole array of bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write($0) }
    }
}
