import ChainTrace
import Testing

/// The one number format: digits, exponents and signs for people, and JSON's ASCII text for programs.
@Suite struct NumberTextTests {
    @Test(arguments: [
        (1234567.0, "1.23457e6"), (123456.0, "123456"), (0.00001, "1e−5"), (0.0001, "0.0001"),
        (-0.00182, "−0.00182"), (-0.5, "−0.5"), (0.30000000000000004, "0.3"), (300, "300"),
        (-2.5e-7, "−2.5e−7"), (999999.7, "1e6"), (1e21, "1e21"), (-1234.5678, "−1234.57"),
    ])
    func significantDigitsForPeople(x: Double, text: String) {
        #expect(NumberText.significant(x, digits: 6) == text)
    }

    @Test func neverMinusZero() {
        #expect(NumberText.significant(-0.0, digits: 6) == "0")
        #expect(NumberText.full(-0.0) == "0")
        #expect(NumberText.sum([3, -0.0], digits: 6) == "3 + 0")
    }

    @Test func fullPrecisionForPeople() {
        #expect(NumberText.full(0.30000000000000004) == "0.30000000000000004")
        #expect(NumberText.full(-0.00001) == "−1e−5")
        #expect(NumberText.full(-.infinity) == "−∞")
        #expect(NumberText.full(.nan) == "NaN")
        #expect(NumberText.full(1e16) == "10000000000000000")
        #expect(NumberText.full(1e17) == "1e17")
    }

    @Test func negativeTermsAreSubtracted() {
        #expect(NumberText.sum([3, -2.282739], digits: 6) == "3 − 2.28274")
        #expect(NumberText.sum([-3, 2], digits: 6) == "−3 + 2")
        #expect(NumberText.sum([0.1, -0.2]) == "0.1 − 0.2")
        #expect(NumberText.term(-6, digits: 6) == " − 6")
    }

    @Test func machineTextKeepsASCII() {
        #expect(NumberText.exact(-0.5) == "-0.5")
        #expect(NumberText.exact(0.00001) == "1e-05")
        #expect(Double(NumberText.exact(-1.0 / 3)) == -1.0 / 3)
    }

    @Test func tablesUseTheSameFormat() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: -1234567, name: "x")
        let y = tape.appendUnary(.neg, x, name: "y")
        let z = tape.appendBinary(.add, x, y, name: "z")
        let backward = Backward(tape: tape, from: z)
        let text = TapePrinter().nodes(tape, backward: backward) + TapePrinter().steps(tape, backward: backward)
        #expect(text.contains("−1.23457e6"))
        #expect(!text.contains("-"))
        #expect(text.contains("x #0: 1 − 1 = 0"))
    }
}
