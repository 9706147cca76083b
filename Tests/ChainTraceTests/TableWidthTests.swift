@testable import ChainTrace
import Testing

/// The tables measure a cell from its bytes when every character is plain (issue 15); the count
/// must be the characters `String.count` finds, whatever follows the signs the tables write.
struct TableWidthTests {
    @Test(arguments: [
        "", "x #3", "−0.447331", "(∂ 2.5)", "×", "a…b", "w1_0 #2 (∂ −1), #5 (∂ 0.5)", "−\u{301}", "∂\u{20D7}x", "×\u{200D}y",
        "e\u{301}", "\r\n", "a\rb", "🇫🇷🇩🇪", "👩‍👩‍👧", "−−…×∂", "日本", "\u{1100}\u{1161}",
    ])
    func cellWidthsCountCharacters(_ cell: String) {
        #expect(TapePrinter.displayWidth(cell) == cell.count, "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
