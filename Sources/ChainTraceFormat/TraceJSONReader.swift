import ChainTrace
import FoundationEssentials

/// Reads trace JSON back into a document, checking it as strictly as it was written.
///
/// Every failure names the JSON path of the value at fault. A version-1 document that reads without
/// error is valid against `trace-v1.schema.json`, has a valid tape (`Tape.validate()` in the core) and,
/// if present, a backward record that fits it, with each step's upstream, partial and contribution, and
/// each sum, agreeing with the nodes. The optional sections (`paths`, `tangents`, `formulas`) are checked
/// and not kept. A document without a backward record gets one from `TraceDocument.differentiate(from:)`.
///
/// The text is read in one pass by a pull parser (`JSONPull`) that builds the tape as its nodes
/// arrive: no tree of the whole document is made, and its syntax, duplicate keys and UTF-8 are checked
/// on the way.
public enum TraceJSONReader {
    /// How deeply a node's scope may nest by default: far more than a model's modules do, and few
    /// enough that every diagram's clusters stay within what Graphviz's parser and layout can take.
    public static let maximumScopeDepth = Limits().scopeDepth

    /// Parses and checks a trace JSON document of version 1 (a scalar trace); `limits` bound its nodes,
    /// scope depth and names.
    public static func read(_ data: Data, limits: Limits = Limits()) throws(TraceJSONError) -> TraceDocument {
        let document = try read(data, limits: limits) { version throws(TraceJSONError) in
            guard version == TraceJSONWriter.version else {
                let tensor = version == TraceJSONWriter.tensorVersion ? " (a tensor trace: readAny reads both versions)" : ""
                throw TraceJSONError(path: "$.version", message: "TraceJSONReader.read reads version \(TraceJSONWriter.version); the file is version \(version)\(tensor)")
            }
        }
        guard case .scalar(let scalar) = document else { preconditionFailure("a version-1 document reads as a scalar trace") }
        return scalar
    }

    /// Parses and checks a trace JSON document of either version: a scalar trace (version 1) or a
    /// tensor trace (version 2, checked as strictly: see ``TensorTraceDocument``); `limits` bound either's nodes.
    public static func readAny(_ data: Data, limits: Limits = Limits()) throws(TraceJSONError) -> AnyTraceDocument {
        try read(data, limits: limits) { version throws(TraceJSONError) in
            guard version == TraceJSONWriter.version || version == TraceJSONWriter.tensorVersion else {
                throw TraceJSONError(path: "$.version", message: "this chaintrace reads versions \(TraceJSONWriter.version) and \(TraceJSONWriter.tensorVersion); the file is version \(version)")
            }
        }
    }

    /// The top-level keys: version 2 has the first five and no others; version 1 may have the
    /// optional sections and keys of its own.
    private static let scalarKeys = JSONKeys(["format", "version", "nodes", "outputs", "backward", "paths", "tangents", "formulas"],
                                             optional: ["backward", "paths", "tangents", "formulas"], closed: false)
    private static let tensorKeys = JSONKeys(["format", "version", "nodes", "outputs", "backward"], optional: ["backward"], closed: true)

    /// Reads either version, after `accept` has seen the version number.
    private static func read(_ data: Data, limits: Limits, accept: (Int) throws(TraceJSONError) -> Void) throws(TraceJSONError) -> AnyTraceDocument {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(TraceJSONError) -> AnyTraceDocument in
                try read(raw.bindMemory(to: UInt8.self), limits: limits, accept: accept)
            }
        }
        return try result.get()
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, limits: Limits, accept: (Int) throws(TraceJSONError) -> Void) throws(TraceJSONError) -> AnyTraceDocument {
        var json = JSONPull(bytes)
        var version: Int?
        var scalar = ScalarReading(limits: limits)
        var tensor = TensorReading(limits: limits)
        // Takes the version: accepted, and (for version 2) no top-level key outside its schema so far.
        func adopt(_ number: Int) throws(TraceJSONError) {
            try accept(number)
            version = number
            if number == TraceJSONWriter.tensorVersion, let other = json.otherKeys.first {
                throw TraceJSONError(path: "$" + JSONPull.pathComponent(other), message: "unexpected key \"\(other)\" (allowed: \(tensorKeys.sortedNames))")
            }
        }
        try json.beginObject()
        while let key = try json.key(in: version == TraceJSONWriter.tensorVersion ? tensorKeys : scalarKeys) {
            if key >= 2 && version == nil {
                // A section before the version: find the version first, which says how to read it.
                guard let found = try self.version(in: bytes) else { throw TraceJSONError(path: "$", message: "missing key \"version\"") }
                try adopt(found)
            }
            switch (key, version == TraceJSONWriter.tensorVersion) {
            case (0, _):
                let format = try json.string()
                guard format == TraceJSONWriter.formatName else {
                    throw json.fault("expected \"\(TraceJSONWriter.formatName)\", found \"\(format)\"; this is not a chaintrace trace")
                }
            case (1, _):
                let number = try json.whole()
                if version == nil { try adopt(number) }
            case (2, false): try scalar.nodes(&json)
            case (2, true): try tensor.nodes(&json)
            case (3, false): scalar.outputs = try json.ids(version: 1)
            case (3, true): tensor.outputs = try json.ids(version: 2)
            case (4, false): scalar.backward = try json.backward(version: 1)
            case (4, true): tensor.backward = try json.backward(version: 2)
            case (5, _): scalar.paths = try json.pathsSection()
            case (6, _): scalar.tangentInput = try json.tangentsSection()
            default: scalar.formulas = try json.formulasSection()
            }
        }
        guard json.next() == 0 && json.offset >= bytes.count else { throw json.syntax("more text after the JSON value") }
        if version == TraceJSONWriter.tensorVersion {
            return .tensor(try tensor.document())
        }
        return .scalar(try scalar.document())
    }

    /// The top-level `version` of a document that has its sections before it (the writer puts it
    /// second), or nil if it has none.
    private static func version(in bytes: UnsafeBufferPointer<UInt8>) throws(TraceJSONError) -> Int? {
        var json = JSONPull(bytes)
        try json.beginObject()
        while let key = try json.key(in: .versionKey) {
            guard key == 0 else { continue }
            return try json.whole()
        }
        return nil
    }
}

extension JSONKeys {
    /// Only the version matters, when it has to be found ahead of the sections.
    static let versionKey = JSONKeys(["version"], optional: ["version"], closed: false)
}
