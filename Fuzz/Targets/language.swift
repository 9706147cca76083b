import ChainTrace
import ChainTraceFormat

/// The language front end: lex, parse and run a program, record its backward pass, print its
/// tables, and round-trip its trace JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let document = FuzzInput.program(UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    _ = TapePrinter().nodes(document.tape, backward: document.backward)
    FuzzInput.roundTrip(document)
    return 0
}
