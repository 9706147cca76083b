import ChainTrace
import ChainTraceAudit
import ChainTraceLanguage
import Testing

@Suite struct VerdictTests {
    static func audit(_ source: String, output: String = "loss") throws -> Audit {
        try Audit(program: Program(source: source, file: "test.ct"), output: output)
    }
}
