import ChainTrace
import Testing

@Suite("tables of hostile names")
struct TapePrinterSafetyTests {
    @Test("names in tables are escaped for the terminal and shortened")
    func hostileNamesInTables() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 2, name: "x\u{1B}[2J\u{0}\u{202E}")
        let long = tape.appendLeaf(.input, value: 3, name: String(repeating: "b", count: 100_000))
        let y = tape.appendBinary(.mul, x, long, name: "y")
        let printer = TapePrinter()
        let text = printer.nodes(tape, backward: Backward(tape: tape, from: y)) + printer.steps(tape, backward: Backward(tape: tape, from: y))
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0 == "\u{202E}" })
        #expect(text.contains("x\\u{1B}[2J\\u{0}\\u{202E} #0"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count < 200 })
    }
}
