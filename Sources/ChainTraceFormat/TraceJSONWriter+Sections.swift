import ChainTrace
import ChainTraceAnalysis
import ChainTraceText

extension TraceJSONWriter {
    /// The JSON text of a document followed by the optional sections `paths`, `tangents` and `formulas`.
    ///
    /// With no sections this is exactly ``json(_:)-(TraceDocument)``.
    public static func json(_ document: TraceDocument, sections: TraceSections) -> String {
        let collector = ByteCollector(reserving: ScalarTraceJSON.estimatedSize(of: document))
        // The collector keeps what it is given: the output cannot fail.
        try? write(document, sections: sections, to: collector)
        return String(decoding: collector.bytes, as: UTF8.self)
    }

    /// The members `paths`, `tangents` and `formulas`, each present in `sections`, in the open
    /// top-level object `json` writes into.
    static func write(_ sections: TraceSections, to json: inout JSONWriter) {
        if let paths = sections.paths {
            json.key("paths")
            write(paths, indent: "  ", to: &json)
        }
        if let tangents = sections.tangents {
            json.key("tangents")
            json.beginObject()
            json.key("input")
            json.integer(tangents.input)
            json.key("tangents")
            json.array(tangents.tangents) { $0.number($1) }
            json.end()
        }
        if let formulas = sections.formulas {
            json.key("formulas")
            json.array(formulas, .lines(indent: "    ", closing: "  ")) { json, formula in
                json.beginObject()
                for (key, value) in [("consumer", formula.consumer), ("operand", formula.operand), ("node", formula.node)] {
                    json.key(key)
                    json.integer(value)
                }
                for (key, value) in [("rule", formula.rule), ("text", formula.text), ("substituted", formula.substituted), ("mathml", formula.mathML)] {
                    json.key(key)
                    json.string(value)
                }
                json.end()
            }
        }
    }

    /// A paths section on its own, as `chaintrace paths --json` writes it, ending with a newline.
    public static func json(_ paths: PathsSection) -> String {
        var json = JSONWriter()
        write(paths, indent: "", to: &json)
        json.endLine()
        return json.text
    }

    private static func write(_ section: PathsSection, indent: String, to json: inout JSONWriter) {
        let listing = section.listing
        json.beginObject(.lines(indent: indent + "  ", closing: indent))
        json.key("from")
        json.integer(listing.start)
        json.key("to")
        json.integer(listing.end)
        json.key("count")
        // Counts above 2^53 are strings: a JSON number that large may not read back exactly.
        if listing.count.isExactInDouble { json.integer(digits: listing.count.description) } else { json.string(listing.count.description) }
        json.key("complete")
        json.bool(listing.complete)
        json.key("sum")
        json.number(listing.sum)
        json.key("gradient")
        json.number(section.gradient)
        json.key("paths")
        json.array(listing.paths, .lines(indent: indent + "    ", closing: indent + "  ")) { json, path in
            json.beginObject()
            json.key("nodes")
            json.array(path.nodes) { $0.integer($1) }
            json.key("operands")
            json.array(path.operands) { $0.integer($1) }
            json.key("partials")
            json.array(path.partials) { $0.number($1) }
            json.key("product")
            json.number(path.product)
            json.end()
        }
        json.end()
    }
}
