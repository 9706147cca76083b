import ChainTrace
import ChainTraceAnalysis
import Foundation
import Testing

/// The README's table of local partials and the schema's list of operations say what the rule
/// records say, so neither can drift from the code.
@Suite struct RuleDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The table rows the records give: op, value and local partials, with `p` for `powc`'s exponent.
    static func expectedRows() -> [String] {
        Op.allCases.compactMap { op -> String? in
            let p = Formula.symbol("p")
            let (value, partials): (Formula, [Formula])
            switch op.kind {
            case .leaf: return nil
            case .unary(let unary): (value, partials) = (unary.rule.expression(p), [unary.rule.partial(p)])
            case .binary(let binary): (value, partials) = (binary.rule.expression, [binary.rule.partials.0, binary.rule.partials.1])
            }
            // A `|` inside a cell would end it: Markdown tables escape it.
            func cell(_ formula: Formula) -> String { formula.text().replacingOccurrences(of: "|", with: "\\|") }
            return "| `\(op.rawValue)` | \(cell(value)) | \(partials.map(cell).joined(separator: ", ")) |"
        }
    }

    @Test func readmeTableOfLocalPartialsIsTheRecords() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let heading = try #require(lines.firstIndex(of: "### Local partials of the primitives"))
        let rows = lines[(heading + 1)...].drop { !$0.hasPrefix("| `") }.prefix { $0.hasPrefix("| `") }
        let expected = Self.expectedRows()
        #expect(Array(rows) == expected, "README.md's table should read:\n\(expected.joined(separator: "\n"))")
    }

    @Test func schemaListsEveryOperation() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("Sources/ChainTraceFormat/trace-v1.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let node = try #require(definitions["node"] as? [String: Any])
        let properties = try #require(node["properties"] as? [String: Any])
        let op = try #require(properties["op"] as? [String: Any])
        #expect(op["enum"] as? [String] == Op.allCases.map(\.rawValue))
    }

    /// Every primitive is a case of exactly one arity's type, and back: `kind` and `Op.init` are inverses.
    @Test func everyPrimitiveHasOneRuleRecord() {
        var fromRecords: [Op] = [.input, .constant]
        fromRecords += UnaryOp.allCases.map(Op.init) + BinaryOp.allCases.map(Op.init)
        #expect(Set(fromRecords) == Set(Op.allCases) && fromRecords.count == Op.allCases.count)
        for op in Op.allCases {
            switch op.kind {
            case .leaf: #expect(op == .input || op == .constant)
            case .unary(let unary): #expect(Op(unary) == op && unary.rawValue == op.rawValue)
            case .binary(let binary): #expect(Op(binary) == op && binary.rawValue == op.rawValue)
            }
        }
    }
}
