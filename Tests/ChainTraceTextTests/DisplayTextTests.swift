import ChainTraceText
import Testing

@Suite("display text")
struct DisplayTextTests {
    @Test("long text keeps its start and end; short text is unchanged")
    func shortened() {
        #expect(DisplayText.shortened("abc", to: 3) == "abc")
        let long = String(repeating: "a", count: 17_000) + "END"
        let short = DisplayText.shortened(long, to: 40)
        #expect(short.count == 40)
        #expect(short.hasPrefix("aaaa") && short.hasSuffix("END") && short.contains("…"))
        #expect(DisplayText.shortened("👩‍🔬👩‍🔬👩‍🔬👩‍🔬👩‍🔬", to: 4) == "👩‍🔬👩‍🔬…👩‍🔬")
    }

    @Test("text with nothing to draw becomes U+FFFD")
    func drawable() {
        for invisible in ["\u{200B}", "\u{2028}", "\u{FEFF}", "\u{200B}\u{2028}\u{FEFF}", " \u{2060}", "\u{1}"] {
            #expect(DisplayText.drawable(invisible) == "\u{FFFD}", "\(invisible.unicodeScalars.map(\.value))")
        }
        for visible in ["x", "a\u{200B}b", "emoji 🧪", "", "שלום"] { #expect(DisplayText.drawable(visible) == visible) }
    }

    @Test("font names: letters, digits, spaces, - _ , . only")
    func fontNames() {
        for good in ["Helvetica", "DejaVu Sans Mono", "Noto_Sans-Bold", "Times,serif", "Font 2.0", "Ubuntu Condensed"] {
            #expect(DisplayText.isFontName(good), "\(good)")
        }
        for bad in ["\"/><script>alert(1)</script><x a=\"", "", "a\"b", "a<b", "a&b", "a;b", "a\nb", "a\\b", "a'b"] {
            #expect(!DisplayText.isFontName(bad), "\(bad)")
        }
    }
}
