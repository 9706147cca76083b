import ChainTrace
import ChainTraceFormat

/// The language front end: lex, parse and run a program, record its backward pass, print its
/// tables, and round-trip its trace JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let document = FuzzInput.program(UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    _ = TapePrinter().nodes(document.tape, backward: document.backward)
    // A 25 KB sum of 6,000 terms writes 1.4 MB of JSON, whose instrumented round trip alone takes
    // seconds: long programs exercise the front end, the json target the reader.
    if document.tape.count <= 1_000 { FuzzInput.roundTrip(document) }
    return 0
}
