import ChainTrace

/// Writes trace JSON version 1: deterministic bytes, one node and one step per line.
///
/// Numbers are written in their shortest exact form; non-finite numbers, which JSON lacks,
/// are the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
public enum TraceJSONWriter {
    /// The value of the top-level `format` key.
    public static let formatName = "chaintrace-trace"
    /// The format version this writer produces.
    public static let version = 1

    /// The JSON text of a document, ending with a newline.
    public static func json(_ document: TraceDocument) -> String {
        let tape = document.tape
        var out = "{\n  \"format\": \"\(formatName)\",\n  \"version\": \(version),\n  \"nodes\": [\n"
        for node in 0 ..< tape.count {
            out += "    {\"id\": \(node), \"op\": \"\(tape.ops[node].rawValue)\""
            if tape.ops[node] == .powConstant { out += ", \"exponent\": \(number(tape.parameters[node]))" }
            out += ", \"name\": " + (tape.names[node].map(string) ?? "null")
            out += ", \"value\": \(number(tape.values[node]))"
            out += ", \"grad\": " + (document.backward.map { number($0.gradients[node]) } ?? "null")
            let inputs = tape.edges(of: node).map { "{\"node\": \(tape.edgeInputs[$0]), \"partial\": \(number(tape.partials[$0]))}" }
            out += ", \"inputs\": [\(inputs.joined(separator: ", "))]"
            out += ", \"scope\": [\(tape.scope(of: node).map(string).joined(separator: ", "))]"
            out += ", \"line\": " + (tape.lines[node] > 0 ? "\(tape.lines[node])" : "null")
            out += node == tape.count - 1 ? "}\n" : "},\n"
        }
        out += "  ],\n  \"outputs\": [\(document.outputs.map(String.init).joined(separator: ", "))]"
        if let backward = document.backward {
            out += ",\n  \"backward\": " + backwardJSON(backward, tape: tape)
        }
        return out + "\n}\n"
    }

    private static func backwardJSON(_ backward: Backward, tape: Tape) -> String {
        var out = "{\n    \"output\": \(backward.output),\n    \"steps\": ["
        var stepOfEdge = [Int](repeating: -1, count: tape.edgeCount)
        for (index, step) in backward.steps.enumerated() {
            let edge = Int(step)
            let consumer = Int(tape.edgeConsumers[edge])
            stepOfEdge[edge] = index
            out += index == 0 ? "\n" : ",\n"
            out += "      {\"consumer\": \(consumer), \"operand\": \(edge - tape.edgeStart[consumer]), \"node\": \(tape.edgeInputs[edge])"
            out += ", \"upstream\": \(number(backward.upstream(of: edge, on: tape))), \"partial\": \(number(tape.partials[edge]))"
            out += ", \"contribution\": \(number(backward.contribution(of: edge, on: tape)))}"
        }
        out += backward.steps.isEmpty ? "],\n" : "\n    ],\n"
        out += "    \"sums\": ["
        var first = true
        for (node, edges) in backward.arrivals(on: tape).enumerated() where !edges.isEmpty {
            out += first ? "\n" : ",\n"
            first = false
            let steps = edges.map { String(stepOfEdge[$0]) }.joined(separator: ", ")
            out += "      {\"node\": \(node), \"steps\": [\(steps)], \"grad\": \(number(backward.gradients[node]))}"
        }
        out += first ? "]\n  }" : "\n    ]\n  }"
        return out
    }

    /// A JSON number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return NumberText.exact(x)
    }

    /// A JSON string literal with every character JSON requires escaped.
    public static func string(_ text: String) -> String {
        JSONString.quoted(text)
    }
}
