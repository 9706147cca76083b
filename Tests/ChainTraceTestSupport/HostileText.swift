/// The hostile-name corpus: text that tries to end or add an element, an attribute, a DOT
/// statement, a JSON value or a terminal control sequence, in every context chaintrace writes.
public enum HostileText {
    /// Names, each aimed at one or more output contexts.
    public static let names = [
        "a\"b", "back\\slash", "\\N", "\\G\\E\\T\\L\\H", "x]; n99 [label=\"pwn\"]; n0 -> n99 [",
        "</td></tr></table>>", "<script>alert(1)</script>", "&amp; &lt; &#93; &bogus; &", "ctl\u{01}\u{07}\u{1B}\u{7F}x",
        "line1\nline2", "cr\r\nlf\rend", "שלום \u{202E}evil\u{202C} مرحبا", "emoji 🧪👩‍🔬", "'single' `tick`", "-> n0",
        "} digraph x { y", "%3", "tab\there", "\u{FFFE}\u{FFFF}nonchar",
    ]
}
