import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat

/// The analysis on small traces: a trace JSON (input starting with `{`) or a program, then for a few
/// inputs the paths (counted, listed, best k), the explanation, forward mode and the gradient check.
/// Besides not crashing, the best k paths must be the k largest |products| of the full listing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let isJSON = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{")
    guard let document = isJSON ? FuzzInput.trace(bytes) : FuzzInput.program(bytes),
          let backward = document.backward, document.tape.count <= 400 else { return 0 }
    let tape = document.tape
    for input in (0 ..< tape.count).filter({ tape.op(of: $0) == .input }).prefix(3) {
        let paths = backward.paths(from: input, on: tape)
        checkTop(paths)
        _ = paths.cutNodes
        let explanation = Explanation(tape: tape, backward: backward, wrt: input, digits: 4)
        _ = explanation.text(pathLimit: 5)
        _ = explanation.mathML()
        _ = explanation.modes(tangents: Tangents(tape: tape, wrt: input))
    }
    _ = GradientCheck(tape: tape, backward: backward, maxInputs: 3)
    return 0
}

/// `top(k)` against the whole listing sorted by |product|, where the listing is short and every
/// product is a moderate finite number (elsewhere rounding in a different order may swap neighbours).
private func checkTop(_ paths: PathAnalysis) {
    guard let count = paths.count.uint64, count <= 64 else { return }
    let all = paths.paths(limit: 64).paths
    guard UInt64(all.count) == count else { FuzzInput.fail("listed \(all.count) paths of \(count)") }
    let magnitudes = all.map { Swift.abs($0.product) }.sorted(by: >)
    let k = 5
    let top = paths.top(k).map { Swift.abs($0.product) }
    guard top.count == Swift.min(k, all.count) else { FuzzInput.fail("top(\(k)) gave \(top.count) of \(all.count) paths") }
    guard magnitudes.allSatisfy({ $0 == 0 || (1e-100 ... 1e100).contains($0) }) else { return }
    for (found, expected) in zip(top, magnitudes) where Swift.abs(found - expected) > 1e-9 * expected {
        FuzzInput.fail("top(\(k)) |products| \(top), expected \(Array(magnitudes.prefix(k)))")
    }
}
