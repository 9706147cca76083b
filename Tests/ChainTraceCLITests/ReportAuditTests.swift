import Foundation
import Testing

/// `chaintrace report --audit`: the Audit section beside the diagram, the backward pass from the audit's
/// output, and clear refusals (a trace JSON cannot be audited; a program without `loss` or `J` needs --output).
struct ReportAuditTests {
    @Test func aTensorProgramsAuditedReportIsTheTensorPageAndScalarKeepsTheScalarPage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("audit.html")
        let result = try CLI.run(["report", "samples/article-backprop-matrix-audit.ct", "--audit", "-o", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("scalar expansion"), "\(result.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<body class=\"tensor-report\">") && html.contains("class=\"card audit\""))
        #expect(html.contains("<span class=\"name\">dW2</span>") && html.contains("node W2 [2×2] #4"))
        let scalar = try CLI.run(["report", "samples/article-backprop-matrix-audit.ct", "--scalar", "--audit", "-o", page.path])
        #expect(scalar.status == 0, "\(scalar.stderr)")
        let scalarPage = try String(contentsOf: page, encoding: .utf8)
        #expect(!scalarPage.contains("tensor-report") && scalarPage.contains("class=\"card audit\""))
    }

    @Test func theAuditSectionListsTheHandWrittenLinesAndTheDiagramIsOfTheLoss() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("audit.html")
        let result = try CLI.run(["report", "samples/article-backprop-bugs.ct", "--audit", "-o", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("8 hand-written values compared with ∂loss/∂node at 8 points (inputs moved by up to ±5 %): 2 right, 6 wrong."))
        #expect(html.components(separatedBy: "<button type=\"button\" class=\"audit-line\"").count == 9)
        #expect(html.contains("<span class=\"name\">error_h0</span>") && html.contains("only 1 of the 2 contributions at the branch point h0"))
        // The summary names the output the backward pass ran from: the audit's, not the last statement.
        #expect(html.contains("<p class=\"summary\">Output loss #"))

        let plain = folder.appendingPathComponent("plain.html")
        #expect(try CLI.run(["report", "samples/article-backprop-bugs.ct", "-o", plain.path]).status == 0)
        #expect(!(try String(contentsOf: plain, encoding: .utf8)).contains("class=\"card audit\""))
    }

    @Test func aProgramFromAFIFOIsReadOnceForTheTraceAndTheAudit() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("p.html")
        // A second read of the pipe would wait for ever.
        let result = try CLI.run(["report", "{fifo}", "--audit", "-o", page.path], readingOnce: "w = 0.3\nloss = (2 * w - 1)^2\ndw = 4 * (2 * w - 1)\n", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<span class=\"name\">dw</span>"))
    }

    @Test func aTraceJSONOrAProgramWithoutALossIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = folder.appendingPathComponent("chain.json"), page = folder.appendingPathComponent("chain.html")
        #expect(try CLI.run(["trace", "samples/chain.ct", "--json", trace.path]).status == 0)
        let fromJSON = try CLI.run(["report", trace.path, "--audit", "-o", page.path])
        #expect(fromJSON.status != 0)
        #expect(fromJSON.stderr.contains("a trace JSON cannot be run at other inputs; give the program (.ct)"), "\(fromJSON.stderr)")
        let noLoss = try CLI.run(["report", "samples/chain.ct", "--audit", "-o", page.path])
        #expect(noLoss.status != 0)
        #expect(noLoss.stderr.contains("samples/chain.ct: the program assigns neither 'loss' nor 'J'; name the output to audit with --output NAME"))
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }
}
