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

    @Test("-o FILE.tex writes a TikZ picture; --animate writes an SVG that plays the backward pass")
    func texAndAnimation() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tex = folder.appendingPathComponent("chain.tex"), svg = folder.appendingPathComponent("backward.svg")
        let texRun = try CLI.run(["render", "samples/chain.ct", "-o", tex.path])
        #expect(texRun.status == 0, "\(texRun.stderr)")
        let picture = try String(contentsOf: tex, encoding: .utf8)
        #expect(picture.contains("\\documentclass[tikz]{standalone}") && picture.contains("% edge ct-e0\n"))
        let animateRun = try CLI.run(["render", "samples/branch.ct", "--animate", "-o", svg.path])
        #expect(animateRun.status == 0, "\(animateRun.stderr)")
        let animation = try String(contentsOf: svg, encoding: .utf8)
        #expect(animation.contains("@keyframes kct-e0{") && animation.contains("id=\"ct-n1-sum1\""))
    }

    @Test("--animate -o FILE.png writes an animated PNG, at --scale too")
    func animatedPNG() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("backward.png"), large = folder.appendingPathComponent("large.png")
        for (file, options) in [(png, [String]()), (large, ["--scale", "2"])] {
            let run = try CLI.run(["render", "samples/branch.ct", "--animate", "-o", file.path] + options)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let bytes = [UInt8](try Data(contentsOf: png))
        #expect(bytes[37 ..< 41].elementsEqual("acTL".utf8))
        let (width, height) = try Self.pngSize(png), double = try Self.pngSize(large)
        #expect(abs(double.width - 2 * width) <= 2 && abs(double.height - 2 * height) <= 2)
    }

    @Test("--animate is checked before any work")
    func animateValidation() throws {
        let cases = [
            (["--animate", "-o", "x.pdf"], "--animate writes SVG or an animated PNG: use a .svg or .png file name"),
            (["--animate", "--view", "forward", "-o", "x.svg"], "--animate plays the backward pass: leave out --view forward"),
            (["--animate", "--detail", "compact", "-o", "x.svg"], "--animate shows gradients in node tables: leave out --detail compact"),
        ]
        for (arguments, expected) in cases {
            let result = try CLI.run(["render", "samples/branch.ct"] + arguments)
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: \(expected)\n"), "\(result.stderr)")
        }
    }
}
