import ChainTrace
import Foundation

/// Reads trace JSON version 1 back into a `TraceDocument`, checking it as strictly as it was written.
///
/// Every failure names the JSON path of the value at fault. A document that reads without error
/// is valid against `trace-v1.schema.json`, has a valid tape (`Tape.validate()` in the core) and, if present,
/// a backward record that fits it, with each step's upstream, partial and contribution, and each
/// sum, agreeing with the nodes. The optional sections (`paths`, `tangents`, `formulas`) are checked
/// and not kept. A document without a backward record gets one from `TraceDocument.differentiate(from:)`.
public enum TraceJSONReader {
    /// How deeply a node's scope may nest by default: far more than a model's modules do, and few
    /// enough that every diagram's clusters stay within what Graphviz's parser and layout can take.
    public static let maximumScopeDepth = Limits().scopeDepth

    /// Parses and checks a trace JSON document of version 1 (a scalar trace); `limits` bound its nodes,
    /// scope depth and names.
    public static func read(_ data: Data, limits: Limits = Limits()) throws(TraceJSONError) -> TraceDocument {
        let version = try version(of: data)
        guard version == TraceJSONWriter.version else {
            let tensor = version == TraceJSONWriter.tensorVersion ? " (a tensor trace: readAny reads both versions)" : ""
            throw TraceJSONError(path: "$.version", message: "TraceJSONReader.read reads version \(TraceJSONWriter.version); the file is version \(version)\(tensor)")
        }
        return try build(decode(FileV1.self, from: data), limits: limits)
    }

    /// Parses and checks a trace JSON document of either version: a scalar trace (version 1) or a
    /// tensor trace (version 2, checked as strictly: see ``TensorTraceDocument``); `limits` bound a scalar trace.
    public static func readAny(_ data: Data, limits: Limits = Limits()) throws(TraceJSONError) -> AnyTraceDocument {
        switch try version(of: data) {
        case TraceJSONWriter.version: .scalar(try build(decode(FileV1.self, from: data), limits: limits))
        case TraceJSONWriter.tensorVersion: .tensor(try build(decode(FileV2.self, from: data)))
        case let version:
            throw TraceJSONError(path: "$.version", message: "this chaintrace reads versions \(TraceJSONWriter.version) and \(TraceJSONWriter.tensorVersion); the file is version \(version)")
        }
    }

    /// The document's version, after checking that the text is UTF-8 JSON with chaintrace's `format`.
    private static func version(of data: Data) throws(TraceJSONError) -> Int {
        if let problem = TextLocation.utf8Problem(in: data) {
            throw TraceJSONError(path: "$", message: "\(problem.message) (\(problem.location))")
        }
        let header = try decode(Header.self, from: data)
        // The text is JSON now; a key given twice would be read as one of its values, silently.
        if let duplicate = JSONSyntax.duplicateKey(in: Array(data)) {
            throw TraceJSONError(path: duplicate.path, message: "this key appears twice in its object (again at \(duplicate.location)); each key may appear once")
        }
        guard header.format == TraceJSONWriter.formatName else {
            throw TraceJSONError(path: "$.format", message: "expected \"\(TraceJSONWriter.formatName)\", found \"\(header.format)\"; this is not a chaintrace trace")
        }
        return header.version
    }

    private static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(TraceJSONError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw translate(error, data: data)
        }
    }

    private static func build(_ file: FileV1, limits: Limits) throws(TraceJSONError) -> TraceDocument {
        guard file.nodes.count <= limits.nodes else {
            throw TraceJSONError(path: "$.nodes", message: "\(file.nodes.count) nodes " + Limits.hit("node", limits.nodes, option: "--max-trace-nodes"))
        }
        var tape = Tape()
        for (index, node) in file.nodes.enumerated() {
            let path = "$.nodes[\(index)]"
            guard node.id == index else {
                throw TraceJSONError(path: path + ".id", message: "expected \(index): ids are the nodes' positions, from 0")
            }
            guard let op = Op(rawValue: node.op) else {
                throw TraceJSONError(path: path + ".op", message: "unknown operation '\(node.op)' (known: \(Op.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if op == .powConstant && node.exponent == nil {
                throw TraceJSONError(path: path, message: "a 'powc' node needs its \"exponent\"")
            }
            guard node.scope.count <= limits.scopeDepth else {
                throw TraceJSONError(path: path + ".scope", message: "scope nested \(node.scope.count) levels deep; at most \(limits.scopeDepth) are allowed "
                    + Limits.hit("scope depth", limits.scopeDepth, option: "--max-scope-depth"))
            }
            if let name = node.name, limits.exceedsNameLength(name) {
                throw TraceJSONError(path: path + ".name", message: limits.nameLengthMessage(name))
            }
            if let deep = node.scope.firstIndex(where: limits.exceedsNameLength) {
                throw TraceJSONError(path: path + ".scope[\(deep)]", message: limits.nameLengthMessage(node.scope[deep]))
            }
            if op != .powConstant && node.exponent != nil {
                throw TraceJSONError(path: path + ".exponent", message: "only a 'powc' node has an exponent; '\(op.rawValue)' takes its operands from \"inputs\"")
            }
            if let line = node.line, line < 1 || line > Int(Int32.max) {
                throw TraceJSONError(path: path + ".line", message: "expected a line number from 1, or null")
            }
            tape.appendRecorded(op, value: node.value.value, parameter: node.exponent?.value ?? 0,
                                inputs: node.inputs.map { ($0.node, $0.partial.value) },
                                name: node.name, scope: node.scope, line: Int32(node.line ?? 0))
        }
        if let problem = tape.validate().first { throw error(problem) }
        guard !file.outputs.isEmpty else {
            throw TraceJSONError(path: "$.outputs", message: "expected at least one output node id")
        }
        for (index, output) in file.outputs.enumerated() where output < 0 || output >= tape.count {
            throw TraceJSONError(path: "$.outputs[\(index)]", message: "\(output) is not a node id (the trace has \(tape.count) nodes)")
        }
        try checkSections(file, count: tape.count)
        guard let stored = file.backward else {
            return TraceDocument(tape: tape, outputs: file.outputs, backward: nil)
        }
        return TraceDocument(tape: tape, outputs: file.outputs, backward: try backward(stored, file: file, tape: tape))
    }

    private static func backward(_ stored: BackwardV1, file: FileV1, tape: Tape) throws(TraceJSONError) -> Backward {
        guard stored.output == file.outputs[0] else {
            throw TraceJSONError(path: "$.backward.output", message: "expected \(file.outputs[0]), the first of \"outputs\"")
        }
        var gradients: [Double] = []
        for (index, node) in file.nodes.enumerated() {
            guard let grad = node.grad else {
                throw TraceJSONError(path: "$.nodes[\(index)].grad", message: "expected a gradient: the trace has a backward record")
            }
            gradients.append(grad.value)
        }
        var steps: [Int32] = []
        for (index, step) in stored.steps.enumerated() {
            let path = "$.backward.steps[\(index)]"
            guard step.consumer >= 0 && step.consumer < tape.count else {
                throw TraceJSONError(path: path + ".consumer", message: "\(step.consumer) is not a node id")
            }
            let edges = tape.edges(of: step.consumer)
            guard step.operand >= 0 && step.operand < edges.count else {
                throw TraceJSONError(path: path + ".operand", message: "node \(step.consumer) has \(edges.count) operands, not \(step.operand + 1)")
            }
            let edge = edges.lowerBound + step.operand
            try expect(step.node, equals: tape.operand(of: edge), at: path + ".node")
            try expect(step.upstream.value, near: gradients[step.consumer], at: path + ".upstream", what: "the consumer's gradient")
            try expect(step.partial.value, near: tape.partial(of: edge), at: path + ".partial", what: "the edge's partial")
            try expect(step.contribution.value, near: step.upstream.value * step.partial.value, at: path + ".contribution", what: "upstream × partial")
            steps.append(Int32(edge))
        }
        let record = Backward(output: stored.output, gradients: gradients, steps: steps)
        if let problem = tape.validate(record).first { throw error(problem) }
        try checkGradients(of: record, contributions: stored.steps.map(\.contribution.value), tape: tape)
        try checkSums(stored.sums, of: record, tape: tape)
        return record
    }

    /// Each node's gradient must be what the backward pass gives it: the seed 1 at the output, plus
    /// the contributions the steps sent it (0 for a node none reached). A leaf's gradient is checked
    /// nowhere else. The tolerance is relative to the contributions' magnitudes, so that a writer
    /// adding them in another order agrees.
    private static func checkGradients(of record: Backward, contributions: [Double], tape: Tape) throws(TraceJSONError) {
        var sums = [Double](repeating: 0, count: tape.count), magnitudes = sums
        sums[record.output] = 1
        magnitudes[record.output] = 1
        for (step, edge) in record.steps.enumerated() {
            let node = tape.operand(of: Int(edge))
            sums[node] += contributions[step]
            magnitudes[node] += Swift.abs(contributions[step])
        }
        for (node, gradient) in record.gradients.enumerated() {
            let sum = sums[node]
            let agree = gradient == sum || (gradient.isNaN && sum.isNaN) || (gradient.isFinite && sum.isFinite
                && Swift.abs(gradient - sum) <= 1e-12 * Swift.max(Swift.abs(gradient), magnitudes[node]))
            guard !agree else { continue }
            let expected = node == record.output ? "the output's seed, 1"
                : magnitudes[node] == 0 ? "0: no step sends it a contribution"
                : "the sum of the contributions it received, \(NumberText.exact(sum))"
            throw TraceJSONError(path: "$.nodes[\(node)].grad", message: "\(NumberText.exact(gradient)) disagrees with \(expected)")
        }
    }

    /// `backward.sums` must list, in node order, every node that received contributions, with the
    /// steps that sent them (in arrival order) and their total, the node's gradient.
    private static func checkSums(_ sums: [SumV1], of record: Backward, tape: Tape) throws(TraceJSONError) {
        var stepOfEdge: [Int: Int] = [:]
        for (index, edge) in record.steps.enumerated() { stepOfEdge[Int(edge)] = index }
        let expected = record.arrivals(on: tape).enumerated().filter { !$0.element.isEmpty }
        for (index, sum) in sums.enumerated() {
            let path = "$.backward.sums[\(index)]"
            guard index < expected.count else {
                throw TraceJSONError(path: path, message: "only \(expected.count) nodes received contributions")
            }
            let (node, edges) = expected[index]
            try expect(sum.node, equals: node, at: path + ".node")
            let steps = edges.compactMap { stepOfEdge[$0] }
            guard sum.steps == steps else {
                throw TraceJSONError(path: path + ".steps", message: "expected \(steps), the steps that sent node \(node) its contributions")
            }
            try expect(sum.grad.value, near: record.gradients[node], at: path + ".grad", what: "the node's gradient")
        }
        guard sums.count == expected.count else {
            throw TraceJSONError(path: "$.backward.sums", message: "expected \(expected.count) sums, one per node that received contributions; found \(sums.count)")
        }
    }

    /// The optional sections' node ids must name nodes of the trace.
    private static func checkSections(_ file: FileV1, count: Int) throws(TraceJSONError) {
        func check(_ id: Index, _ path: String) throws(TraceJSONError) {
            guard id.value < count else { throw TraceJSONError(path: path, message: "\(id.value) is not a node id (the trace has \(count) nodes)") }
        }
        if let paths = file.paths {
            try check(paths.from, "$.paths.from")
            try check(paths.to, "$.paths.to")
            for (index, path) in paths.paths.enumerated() {
                for (position, node) in path.nodes.enumerated() { try check(node, "$.paths.paths[\(index)].nodes[\(position)]") }
            }
        }
        if let tangents = file.tangents { try check(tangents.input, "$.tangents.input") }
        for (index, formula) in (file.formulas ?? []).enumerated() {
            try check(formula.consumer, "$.formulas[\(index)].consumer")
            try check(formula.node, "$.formulas[\(index)].node")
        }
    }

    private static func expect(_ found: Int, equals expected: Int, at path: String) throws(TraceJSONError) {
        guard found == expected else { throw TraceJSONError(path: path, message: "expected \(expected), found \(found)") }
    }

    private static func expect(_ found: Double, near expected: Double, at path: String, what: String) throws(TraceJSONError) {
        let agree = found == expected || (found.isNaN && expected.isNaN)
            || Swift.abs(found - expected) <= 1e-12 * Swift.max(Swift.abs(found), Swift.abs(expected))
        guard agree else {
            throw TraceJSONError(path: path, message: "\(NumberText.exact(found)) disagrees with \(what), \(NumberText.exact(expected))")
        }
    }

    private static func error(_ problem: TapeProblem) -> TraceJSONError {
        let path = switch problem.place {
        case .node(let node): "$.nodes[\(node)]"
        case .operand(let node, let index): "$.nodes[\(node)].inputs[\(index)]"
        case .backwardOutput: "$.backward.output"
        case .gradients: "$.nodes"
        case .step(let index): "$.backward.steps[\(index)]"
        }
        return TraceJSONError(path: path, message: problem.message)
    }

    private static func translate(_ error: Error, data: Data) -> TraceJSONError {
        guard let error = error as? DecodingError else {
            return TraceJSONError(path: "$", message: "\(error)")
        }
        switch error {
        case .typeMismatch(_, let context):
            return TraceJSONError(path: path(context.codingPath), message: context.debugDescription)
        case .valueNotFound(_, let context):
            return TraceJSONError(path: path(context.codingPath), message: "expected a value, found null")
        case .keyNotFound(let key, let context):
            return TraceJSONError(path: path(context.codingPath), message: "missing key \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return syntaxError(in: data) }
            return TraceJSONError(path: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return TraceJSONError(path: "$", message: "\(error)")
        }
    }

    /// Locates a JSON syntax error as line:column: from the byte offset JSONSerialization reports,
    /// at the end of the text when it ended early, or at a lone surrogate escape it cannot say where.
    private static func syntaxError(in data: Data) -> TraceJSONError {
        var detail = "the text is not JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? detail
        }
        let offset: Int
        if let surrogate = JSONSyntax.loneSurrogate(in: data) {
            offset = surrogate
            detail = "\\u\(String(decoding: data.dropFirst(offset + 2).prefix(4), as: UTF8.self)) is half of a UTF-16 surrogate pair without its other half"
        } else if let range = detail.range(of: " around character ", options: .backwards),
                  let reported = Int(detail[range.upperBound...].prefix(while: \.isNumber)) {
            offset = reported
            detail = String(detail[..<range.lowerBound])
        } else if detail.hasPrefix("Unexpected end of file") {
            offset = data.count
            detail = "the text ends before the JSON value is complete"
        } else {
            // Foundation's text can quote a whole value (a number of a million digits): keep it short.
            return TraceJSONError(path: "$", message: "not valid JSON: \(detail.count > 200 ? detail.prefix(200) + "…" : detail)")
        }
        return TraceJSONError(path: "$", message: "not valid JSON at \(TextLocation(offset: offset, in: data)): \(detail)")
    }

    private static func path(_ codingPath: [CodingKey]) -> String {
        codingPath.reduce("$") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? "\(path).\(key.stringValue)"
        }
    }
}
