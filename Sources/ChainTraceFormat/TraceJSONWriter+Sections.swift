import ChainTrace

extension TraceJSONWriter {
    /// The JSON text of a document followed by the optional sections `paths`, `tangents` and `formulas`.
    ///
    /// With no sections this is exactly ``json(_:)-(TraceDocument)``.
    public static func json(_ document: TraceDocument, sections: TraceSections) -> String {
        var out = json(document)
        var parts: [String] = []
        if let paths = sections.paths { parts.append("  \"paths\": " + json(paths, indent: "  ")) }
        if let tangents = sections.tangents {
            parts.append("  \"tangents\": {\"input\": \(tangents.input), \"tangents\": [\(tangents.tangents.map(number).joined(separator: ", "))]}")
        }
        if let formulas = sections.formulas {
            let rows = formulas.map { formula in
                "    {\"consumer\": \(formula.consumer), \"operand\": \(formula.operand), \"node\": \(formula.node), \"rule\": \(string(formula.rule)), \"text\": \(string(formula.text)), \"substituted\": \(string(formula.substituted)), \"mathml\": \(string(formula.mathML))}"
            }
            parts.append("  \"formulas\": [" + (rows.isEmpty ? "]" : "\n" + rows.joined(separator: ",\n") + "\n  ]"))
        }
        guard !parts.isEmpty else { return out }
        // The document ends "\n}\n"; the sections go before the closing brace.
        out.removeLast(3)
        return out + ",\n" + parts.joined(separator: ",\n") + "\n}\n"
    }

    /// A paths section on its own, as `chaintrace paths --json` writes it, ending with a newline.
    public static func json(_ paths: PathsSection) -> String {
        json(paths, indent: "") + "\n"
    }

    private static func json(_ paths: PathsSection, indent: String) -> String {
        let count = UInt64(paths.count).map { $0 <= 1 << 53 } ?? false ? paths.count : string(paths.count)
        var out = "{\n\(indent)  \"from\": \(paths.from),\n\(indent)  \"to\": \(paths.to),\n\(indent)  \"count\": \(count),\n"
        out += "\(indent)  \"complete\": \(paths.complete),\n\(indent)  \"sum\": \(number(paths.sum)),\n\(indent)  \"gradient\": \(number(paths.gradient)),\n"
        out += "\(indent)  \"paths\": ["
        for (index, path) in paths.paths.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "\(indent)    {\"nodes\": [\(path.nodes.map(String.init).joined(separator: ", "))]"
            out += ", \"operands\": [\(path.operands.map(String.init).joined(separator: ", "))]"
            out += ", \"partials\": [\(path.partials.map(number).joined(separator: ", "))]"
            out += ", \"product\": \(number(path.product))}"
        }
        out += paths.paths.isEmpty ? "]\n" : "\n\(indent)  ]\n"
        return out + "\(indent)}"
    }
}
