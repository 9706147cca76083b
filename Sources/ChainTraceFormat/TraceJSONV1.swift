import ChainTrace

// Trace JSON version 1 read as the schema (trace-v1.schema.json) states it: every required key must
// be present (null where the schema allows null), objects the schema closes ("additionalProperties":
// false) reject other keys, and ids are whole numbers. Each node goes onto the tape as soon as it is
// read; what the schema cannot say (ids in range, numbers that agree) ScalarReading checks at the end.

extension ScalarReading {
    /// `name`, `grad` and `line` may be null but not missing; `exponent` is for `powc` nodes only.
    private static let nodeKeys = JSONKeys(["id", "op", "exponent", "name", "value", "grad", "inputs", "scope", "line"], optional: ["exponent"], closed: false)
    /// Reads `nodes`, appending each node to the tape.
    mutating func nodes(_ json: inout JSONPull) throws(TraceJSONError) {
        var inputs: [(node: NodeID, partial: Double)] = []
        var scope: [String] = []
        try json.nodes(limit: limits.nodes) { json, index throws(TraceJSONError) in
            try node(&json, index: index, inputs: &inputs, scope: &scope)
        }
    }

    /// Reads node `index` and appends it; `inputs` and `scope` are storage kept from node to node.
    private mutating func node(_ json: inout JSONPull, index: Int, inputs: inout [(node: NodeID, partial: Double)], scope: inout [String]) throws(TraceJSONError) {
        var id = 0, opName = "", exponent: Double?, name: String?, value = 0.0, grad: Double?, line: Int?
        inputs.removeAll(keepingCapacity: true)
        scope.removeAll(keepingCapacity: true)
        let keys = Self.nodeKeys
        try json.beginObject()
        while let key = try json.key(in: keys) {
            switch key {
            case 0: id = try json.whole()
            case 1: opName = try json.string()
            case 2: exponent = try json.number()
            case 3: name = try json.optionalString()
            case 4: value = try json.number()
            case 5: grad = try json.null() ? nil : try json.number()
            case 6:
                try json.beginArray()
                while try json.element() { inputs.append(try json.scalarInput()) }
            case 7:
                try json.beginArray()
                while try json.element() { scope.append(try json.string()) }
            default: line = try json.null() ? nil : try json.whole()
            }
        }
        guard id == index else { throw json.fault("expected \(index): ids are the nodes' positions, from 0", suffix: ".id") }
        guard let op = Op(rawValue: opName) else {
            throw json.fault("unknown operation '\(opName)' (known: \(Op.allCases.map(\.rawValue).joined(separator: ", ")))", suffix: ".op")
        }
        if op == .powConstant && exponent == nil { throw json.fault("a 'powc' node needs its \"exponent\"") }
        guard scope.count <= limits.scopeDepth else {
            throw json.fault("scope nested \(scope.count) levels deep; at most \(limits.scopeDepth) are allowed "
                + Limits.hit("scope depth", limits.scopeDepth, option: "--max-scope-depth"), suffix: ".scope")
        }
        if let name, limits.exceedsNameLength(name) { throw json.fault(limits.nameLengthMessage(name), suffix: ".name") }
        if let deep = scope.firstIndex(where: limits.exceedsNameLength) {
            throw json.fault(limits.nameLengthMessage(scope[deep]), suffix: ".scope[\(deep)]")
        }
        if op != .powConstant && exponent != nil {
            throw json.fault("only a 'powc' node has an exponent; '\(op.rawValue)' takes its operands from \"inputs\"", suffix: ".exponent")
        }
        if let line, line < 1 || line > Int(Int32.max) { throw json.fault("expected a line number from 1, or null", suffix: ".line") }
        tape.appendRecorded(op, value: value, parameter: exponent ?? 0, inputs: inputs, name: name, scope: scope, line: Int32(line ?? 0))
        gradients.append(grad ?? .nan)
        if grad == nil && firstWithoutGradient == nil { firstWithoutGradient = index }
    }
}

/// The node ids of version 1's optional sections, which must name nodes of the trace.
struct SectionIDs {
    /// Each id with the JSON path it was read at.
    var ids: [(id: Int, path: String)] = []
}

extension JSONPull {
    private static let pathsKeys = JSONKeys(["from", "to", "count", "complete", "sum", "gradient", "paths"], closed: true)
    private static let pathKeys = JSONKeys(["nodes", "operands", "partials", "product"], closed: true)
    private static let tangentsKeys = JSONKeys(["input", "tangents"], closed: true)
    private static let formulaKeys = JSONKeys(["consumer", "operand", "node", "rule", "text", "substituted", "mathml"], closed: true)

    /// One operand of a version-1 node: its id and the local partial on the edge.
    mutating func scalarInput() throws(TraceJSONError) -> (node: NodeID, partial: Double) {
        var input: (node: NodeID, partial: Double) = (0, 0)
        let keys = Self.inputKeys
        try beginObject()
        while let key = try key(in: keys) {
            if key == 0 { input.node = try whole() } else { input.partial = try number() }
        }
        return input
    }

    private static let inputKeys = JSONKeys(["node", "partial"], closed: true)

    /// An id that the end of the document checks against the node count, with its path.
    private mutating func sectionID(into section: inout SectionIDs) throws(TraceJSONError) {
        let id = try index()
        section.ids.append((id, path))
    }

    /// `paths`: its `count` is a JSON integer up to 2^53, or beyond that a string of decimal digits.
    mutating func pathsSection() throws(TraceJSONError) -> SectionIDs {
        var section = SectionIDs()
        try beginObject()
        while let key = try key(in: Self.pathsKeys) {
            switch key {
            case 0, 1: try sectionID(into: &section)
            case 2:
                if next() == UInt8(ascii: "\"") {
                    let digits = try string()
                    guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                        throw fault("expected a count: a whole number, or a string of decimal digits without leading zeros")
                    }
                } else {
                    let number = try whole()
                    guard (0 ... 1 << 53).contains(number) else {
                        throw fault("expected a count from 0 to 2^53 (larger counts are strings of digits), found \(number)")
                    }
                }
            case 3: _ = try boolean()
            case 4, 5: _ = try number()
            default:
                try beginArray()
                while try element() { try path(into: &section) }
            }
        }
        return section
    }

    private mutating func path(into section: inout SectionIDs) throws(TraceJSONError) {
        try beginObject()
        while let key = try key(in: Self.pathKeys) {
            switch key {
            case 0:
                try beginArray()
                var count = 0
                while try element() {
                    try sectionID(into: &section)
                    count += 1
                }
                if count == 0 { throw fault("expected at least one node") }
            case 1: _ = try ids(version: 2)
            case 2:
                try beginArray()
                while try element() { _ = try number() }
            default: _ = try number()
            }
        }
    }

    /// `tangents`: the input's id and one tangent per node.
    mutating func tangentsSection() throws(TraceJSONError) -> SectionIDs {
        var section = SectionIDs()
        try beginObject()
        while let key = try key(in: Self.tangentsKeys) {
            if key == 0 {
                try sectionID(into: &section)
            } else {
                try beginArray()
                while try element() { _ = try number() }
            }
        }
        return section
    }

    /// `formulas`: each edge's local partial written symbolically.
    mutating func formulasSection() throws(TraceJSONError) -> SectionIDs {
        var section = SectionIDs()
        try beginArray()
        while try element() {
            try beginObject()
            while let key = try key(in: Self.formulaKeys) {
                switch key {
                case 0, 2: try sectionID(into: &section)
                case 1: _ = try index()
                default: _ = try string()
                }
            }
        }
        return section
    }
}
