import Foundation
import Testing

/// `render --chain NAME`: a tensor program's ∂output/∂NAME as pictures of its local Jacobians, in
/// every format Graphviz writes; usage errors for what it cannot draw.
struct ChainRenderTests {
    @Test func theLayeredNetworkDrawsItsChainInEveryFormat() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dotFile = folder.appendingPathComponent("chain.dot")
        let result = try CLI.run(["render", "samples/layered-tensor.ct", "--chain", "W1", "-o", dotFile.path])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let dot = try String(contentsOf: dotFile, encoding: .utf8)
        // W1 → t8 → z1 → h1 → t11 → z2 → h2 → t14 → z3 → out → t18 → t19 → t20 → J: 13 local Jacobians.
        #expect(dot.split(separator: "\n").filter { $0.contains("[id=\"ct-p0-f") }.count == 13)
        for factor in ["∂out/∂z3", "∂t14/∂h2", "∂h2/∂z2", "∂z2/∂t11", "∂t11/∂h1", "∂h1/∂z1", "∂t8/∂W1"] {
            #expect(dot.contains("<b>\(factor)</b>"), "\(factor)")
        }
        #expect(dot.contains("class=\"gradient equal\""))
        for format in ["svg", "png", "pdf"] {
            let file = folder.appendingPathComponent("chain.\(format)")
            let drawn = try CLI.run(["render", "samples/layered-tensor.ct", "--chain", "W1", "-o", file.path])
            #expect(drawn.status == 0, "\(format): \(drawn.stderr)")
            #expect(try Data(contentsOf: file).count > 1000, "\(format)")
        }
        let svg = try String(contentsOf: folder.appendingPathComponent("chain.svg"), encoding: .utf8)
        #expect(svg.contains("<g id=\"ct&#45;gradient\" class=\"node gradient equal\">"))
    }

    /// Paths as rows, top to bottom, by default; `--rankdir LR` lays the lines of factors out as columns, left to right.
    @Test func rankdirChoosesTheChainsDirection() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var shapes: [String: Bool] = [:]
        for (name, extra) in [("default", []), ("TB", ["--rankdir", "TB"]), ("LR", ["--rankdir", "LR"])] {
            let file = folder.appendingPathComponent("\(name).svg").path
            let result = try CLI.run(["render", "samples/layered-tensor.ct", "--chain", "W1", "-o", file] + extra)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(name): \(result.stderr)")
            let svg = try String(contentsOfFile: file, encoding: .utf8)
            #expect(svg.contains("jacobian&#45;chain") && svg.contains("ct&#45;gradient"), "\(name)")
            shapes[name] = try TensorReportCommandTests.diagramIsTallerThanWide(svg)
        }
        // 13 factors in three lines of at most six: three rows are wider than tall, three columns taller than wide.
        #expect(shapes == ["default": false, "TB": false, "LR": true])
    }

    @Test func whatTheChainCannotDrawIsAUsageError() throws {
        let scalar = try CLI.run(["render", "samples/chain.ct", "--chain", "x", "-o", "-", "--format", "dot"])
        #expect(scalar.status == 64 && scalar.stderr.hasPrefix("Error: --chain draws a tensor program's chain of Jacobians"), "\(scalar.stderr)")
        let unknown = try CLI.run(["render", "samples/layered-tensor.ct", "--chain", "W9", "-o", "-", "--format", "dot"])
        #expect(unknown.status == 64 && unknown.stderr.hasPrefix("Error: --chain: no node named 'W9'"), "\(unknown.stderr)")
        let tex = try CLI.run(["render", "samples/layered-tensor.ct", "--chain", "W1", "-o", "chain.tex"])
        #expect(tex.status == 64 && tex.stderr.contains("--chain draws SVG, PNG, PDF or DOT"), "\(tex.stderr)")
        let animated = try CLI.run(["render", "samples/layered-tensor.ct", "--chain", "W1", "--animate", "-o", "chain.svg"])
        #expect(animated.status == 64, "\(animated.stderr)")
    }
}
