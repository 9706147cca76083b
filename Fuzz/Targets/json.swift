import ChainTrace
import ChainTraceFormat

/// The trace JSON reader: any bytes either fail with a JSON path or read into a document that
/// writes and reads back to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let document = FuzzInput.trace(UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    FuzzInput.roundTrip(document)
    return 0
}
