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

    /// Widths are characters as people see them, whether a cell is ASCII or not (the fast path
    /// measures ASCII cells by their bytes): `é` written as e + U+0301 is one column, `∂` one.
    @Test("tables pad by characters, ASCII or not, and end rows without spaces")
    func alignmentCountsCharacters() {
        let rows = [["e\u{301}\u{301}", "∂ 1", ""], ["abc", "x", "end "], ["ab", "yz"]]
        #expect(TapePrinter.align(rows) == "e\u{301}\u{301}    ∂ 1\nabc  x    end\nab   yz\n")
    }

    @Test("a summary names the counts, the output and the inputs with the largest |gradient|, a NaN first")
    func summary() {
        var tape = Tape()
        let a = tape.appendLeaf(.input, value: 2, name: "a")
        let b = tape.appendLeaf(.input, value: -1.5, name: "b\u{1B}")
        let c = tape.appendLeaf(.input, value: -1, name: "c")
        let one = tape.appendLeaf(.constant, value: 1)
        let ab = tape.appendBinary(.mul, a, b)
        let root = tape.appendUnary(.sqrt, c)
        let sum = tape.appendBinary(.add, ab, root)
        let scaled = tape.appendBinary(.mul, one, a)
        let y = tape.appendBinary(.add, sum, scaled, name: "y")
        let backward = Backward(tape: tape, from: y)
        let text = TapePrinter(digits: 3).summary(tape, backward: backward, inputs: 2)
        // a: −1.5 + 1 = −0.5, b: 2, c: 1/(2·√−1) = NaN; a is a branch point (a·b and 1·a).
        #expect(text == """
            9 nodes (3 inputs, 1 constant, 5 operations), 9 edges
            backward from y #8: ∂y/∂y = 1; y #8 = NaN, 9 steps, 1 branch point

            the inputs with the largest |gradient| (2 of 3):
            node        value  grad
            c #2        −1     NaN
            b\\u{1B} #1  −1.5   2

            """)
        let plain = TapePrinter().summary(tape, backward: nil, inputs: 1)
        #expect(plain.hasSuffix("the first inputs (1 of 3):\nnode  value  grad\na #0  2\n"))
    }
}
