import Foundation
import Testing

/// `render` for slides and papers: PNG resolution, TikZ and the animated backward pass, end to end.
@Suite("render for slides and papers")
struct RenderExportTests {
    /// The width and height a PNG's IHDR chunk declares.
    static func pngSize(_ file: URL) throws -> (width: Int, height: Int) {
        let png = [UInt8](try Data(contentsOf: file))
        try #require(png.count > 24 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        return (png[16 ..< 20].reduce(0) { $0 << 8 | Int($1) }, png[20 ..< 24].reduce(0) { $0 << 8 | Int($1) })
    }

    @Test("--dpi sets the PNG's resolution: 192 dpi is --scale 2, twice the pixels of 96 dpi")
    func dpi() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sizes: [String: (width: Int, height: Int)] = [:]
        for (name, option) in [("96", ["--dpi", "96"]), ("192", ["--dpi", "192"]), ("scale2", ["--scale", "2"]), ("plain", [])] {
            let file = folder.appendingPathComponent("\(name).png")
            let result = try CLI.run(["render", "samples/chain.ct", "-o", file.path] + option)
            #expect(result.status == 0, "\(result.stderr)")
            sizes[name] = try Self.pngSize(file)
        }
        let base = try #require(sizes["96"]), double = try #require(sizes["192"])
        #expect(sizes["plain"]! == base)
        #expect(sizes["scale2"]! == double)
        #expect(abs(double.width - 2 * base.width) <= 2 && abs(double.height - 2 * base.height) <= 2)
    }

    @Test("--dpi is checked before any work")
    func dpiValidation() throws {
        let cases = [
            (["--dpi", "5", "-o", "x.png"], "--dpi must be from 10 to 960, not 5"),
            (["--dpi", "-300", "-o", "x.png"], "--dpi must be from 10 to 960, not -300"),
            (["--dpi", "300", "--scale", "2", "-o", "x.png"], "give --dpi or --scale, not both"),
            (["--dpi", "300", "-o", "x.svg"], "--dpi applies to PNG only"),
        ]
        for (arguments, expected) in cases {
            let result = try CLI.run(["render", "samples/chain.ct"] + arguments)
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: \(expected)\n"), "\(result.stderr)")
        }
    }
}
