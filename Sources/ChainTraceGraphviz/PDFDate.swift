/// Makes cairo's PDF the same from run to run.
enum PDFDate {
    /// `pdf` with the `/CreationDate (D:…)` entry of its information dictionary blanked out.
    ///
    /// cairo (1.16, through Graphviz) stamps the wall-clock time into every PDF and offers no way to
    /// turn it off from outside the plugin, nor reads `SOURCE_DATE_EPOCH`. Spaces of the same length
    /// keep every cross-reference offset valid; a dictionary may hold white space anywhere.
    static func removingCreationDate(_ pdf: [UInt8]) -> [UInt8] {
        let key = Array("/CreationDate (".utf8)
        // The information dictionary comes after the (compressed) pages, so look from the end.
        guard let start = lastIndex(of: key, in: pdf),
              let close = pdf[(start + key.count)...].firstIndex(of: UInt8(ascii: ")")) else { return pdf }
        var out = pdf
        for index in start ... close { out[index] = UInt8(ascii: " ") }
        return out
    }

    private static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return stride(from: bytes.count - needle.count, through: 0, by: -1).first { bytes[$0...].starts(with: needle) }
    }
}
