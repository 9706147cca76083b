import ChainTrace
import ChainTraceTensor

// The shapes of trace JSON version 2, read as trace-v2.schema.json states them, on top of what both
// versions share (TraceJSONBackward.swift; every id here is a whole number from 0): every object is
// closed, and a rank-0 node holds numbers where a node with a "shape" holds arrays. What needs the
// operation (its own keys: exponent, axis, index) or the engine (lengths that match shapes, rules and
// values that agree with the operation) TraceJSONReader checks as each node is recorded.

/// A version-2 node as the file gives it.
struct NodeV2 {
    var id = 0
    var op = ""
    var exponent: Double?
    /// Present on reductions only: `.some(nil)` reduces every axis.
    var axis: Int??
    var index: [Int]?
    var name: String?
    /// Nil for a rank-0 node.
    var shape: [Int]?
    var value = JSONElements.number(0)
    var grad: JSONElements?
    var inputs: [EdgeV2] = []
    var line: Int?
}

/// One operand of a version-2 node: its id, the edge's rule and Jacobian kind, and (between two
/// rank-0 nodes) its local partial.
struct EdgeV2 {
    var node = 0
    var rule = ""
    var jacobian = ""
    var partial: Double?
}

/// A version-2 document as it is read: the tensor tape recorded node by node, each node's gradient
/// as the file gives it, and the outputs and backward record, checked by ``document()``.
struct TensorReading {
    let limits: Limits
    var tape = TensorTape()
    var gradients: [JSONElements?] = []
    var outputs: [Int] = []
    var backward: StoredBackward?

    init(limits: Limits) {
        self.limits = limits
    }

    private static let nodeKeys = JSONKeys(["id", "op", "exponent", "axis", "index", "name", "shape", "value", "grad", "inputs", "line"],
                                           optional: ["exponent", "axis", "index", "shape"], closed: true)
    private static let edgeKeys = JSONKeys(["node", "rule", "jacobian", "partial"], optional: ["partial"], closed: true)

    /// Reads `nodes`, recording each node on the tape.
    mutating func nodes(_ json: inout JSONPull) throws(TraceJSONError) {
        try json.nodes(limit: limits.nodes) { json, index throws(TraceJSONError) in
            let node = try Self.node(&json)
            try TraceJSONReader.append(node, at: "$.nodes[\(index)]", index: index, to: &tape)
            gradients.append(node.grad)
        }
    }

    private static func node(_ json: inout JSONPull) throws(TraceJSONError) -> NodeV2 {
        var node = NodeV2()
        try json.beginObject()
        while let key = try json.key(in: nodeKeys) {
            switch key {
            case 0: node.id = try json.index()
            case 1: node.op = try json.string()
            case 2: node.exponent = try json.number()
            case 3: node.axis = .some(try json.null() ? nil : try json.index())
            case 4: node.index = try json.ids(version: 2)
            case 5: node.name = try json.optionalString()
            case 6:
                let dimensions = try json.ids(version: 1)
                guard !dimensions.isEmpty else { throw json.fault("expected at least one dimension; a rank-0 node has no \"shape\"") }
                if let bad = dimensions.firstIndex(where: { $0 < 1 }) {
                    throw json.fault("dimension \(bad) is \(dimensions[bad]); dimensions are whole numbers from 1")
                }
                node.shape = dimensions
            case 7: node.value = try json.elements()
            case 8: node.grad = try json.null() ? nil : try json.elements()
            case 9:
                try json.beginArray()
                while try json.element() { node.inputs.append(try edge(&json)) }
            default: node.line = try json.null() ? nil : try json.whole()
            }
        }
        // A value or gradient: an array on a node with a shape, a number on a rank-0 node. An array on
        // a node without a shape is reported at the node, as the missing `shape` may be the fault.
        for (key, elements) in [("value", node.value), ("grad", node.grad)] where elements.map({ $0.isArray != (node.shape != nil) }) ?? false {
            throw node.shape != nil
                ? json.fault("expected an array of the elements in \"\(key)\": the node has a \"shape\"", suffix: "." + key)
                : json.fault("expected a number in \"\(key)\": a node without \"shape\" has rank 0")
        }
        return node
    }

    private static func edge(_ json: inout JSONPull) throws(TraceJSONError) -> EdgeV2 {
        var edge = EdgeV2()
        try json.beginObject()
        while let key = try json.key(in: edgeKeys) {
            switch key {
            case 0: edge.node = try json.index()
            case 1: edge.rule = try json.string()
            case 2: edge.jacobian = try json.string()
            default: edge.partial = try json.number()
            }
        }
        return edge
    }
}

extension TensorReading {
    /// The document, once the outputs name nodes and the backward record is the engine's.
    func document() throws(TraceJSONError) -> TensorTraceDocument {
        guard !outputs.isEmpty else {
            throw TraceJSONError(path: "$.outputs", message: "expected at least one output node id")
        }
        for (index, output) in outputs.enumerated() where output < 0 || output >= tape.count {
            throw TraceJSONError(path: "$.outputs[\(index)]", message: "\(output) is not a node id (the trace has \(tape.count) nodes)")
        }
        guard let backward else {
            return TensorTraceDocument(tape: tape, outputs: outputs, backward: nil)
        }
        return TensorTraceDocument(tape: tape, outputs: outputs, backward: try TraceJSONReader.check(backward, outputs: outputs, gradients: gradients, tape: tape))
    }
}
