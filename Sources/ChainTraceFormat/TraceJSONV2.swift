import Foundation

// The shapes of trace JSON version 2, decoded as trace-v2.schema.json states them, on top of
// version 1's numbers and ids (TraceJSONV1.swift; every id here is an Index, from 0): every object
// is closed, and a rank-0 node holds numbers where a node with a "shape" holds arrays. What needs
// the operation (its own keys: exponent, axis, index) or the engine (lengths that match shapes,
// rules and values that agree with the operation) TraceJSONReader checks afterwards.

/// A rank-0 node's number or a tensor node's flat row-major elements.
enum JSONElements: Decodable {
    case number(Double)
    case elements([Double])

    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var elements: [Double] = []
            elements.reserveCapacity(array.count ?? 0)
            while !array.isAtEnd { elements.append(try array.decode(JSONNumber.self).value) }
            self = .elements(elements)
        } else {
            self = .number(try JSONNumber(from: decoder).value)
        }
    }

    /// The elements, a rank-0 node's number as one.
    var values: [Double] {
        switch self {
        case .number(let value): [value]
        case .elements(let elements): elements
        }
    }

    /// Whether this is an array, which a node of any shape but rank 0 has.
    var isArray: Bool {
        if case .elements = self { return true }
        return false
    }
}

struct FileV2: Decodable {
    let nodes: [NodeV2]
    let outputs: [Int]
    let backward: BackwardV2?

    private enum CodingKeys: String, CodingKey, CaseIterable { case format, version, nodes, outputs, backward }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        nodes = try keys.decode([NodeV2].self, forKey: .nodes)
        outputs = try keys.decode([Index].self, forKey: .outputs).map(\.value)
        backward = keys.contains(.backward) ? try keys.decode(BackwardV2.self, forKey: .backward) : nil
    }
}

struct NodeV2: Decodable {
    let id: Int
    let op: String
    let exponent: JSONNumber?
    /// Present on reductions only: `.some(nil)` reduces every axis.
    let axis: Int??
    let index: [Int]?
    let name: String?
    /// Nil for a rank-0 node.
    let shape: [Int]?
    let value: JSONElements
    let grad: JSONElements?
    let inputs: [EdgeV2]
    let line: Int?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, op, exponent, axis, index, name, shape, value, grad, inputs, line
    }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        id = try keys.decode(Index.self, forKey: .id).value
        op = try keys.decode(String.self, forKey: .op)
        exponent = keys.contains(.exponent) ? try keys.decode(JSONNumber.self, forKey: .exponent) : nil
        if keys.contains(.axis) {
            axis = .some(try keys.decode(Index?.self, forKey: .axis)?.value)
        } else {
            axis = nil
        }
        index = keys.contains(.index) ? try keys.decode([Index].self, forKey: .index).map(\.value) : nil
        name = try keys.decode(String?.self, forKey: .name)
        if keys.contains(.shape) {
            let dimensions = try keys.decode([Whole].self, forKey: .shape).map(\.value)
            guard !dimensions.isEmpty else {
                throw DecodingError.dataCorrupted(.init(codingPath: keys.codingPath + [CodingKeys.shape], debugDescription: "expected at least one dimension; a rank-0 node has no \"shape\""))
            }
            if let bad = dimensions.firstIndex(where: { $0 < 1 }) {
                throw DecodingError.dataCorrupted(.init(codingPath: keys.codingPath + [CodingKeys.shape], debugDescription: "dimension \(bad) is \(dimensions[bad]); dimensions are whole numbers from 1"))
            }
            shape = dimensions
        } else {
            shape = nil
        }
        let tensor = shape != nil
        value = try Self.elements(keys, .value, array: tensor)
        grad = try keys.decodeNil(forKey: .grad) ? nil : Self.elements(keys, .grad, array: tensor)
        inputs = try keys.decode([EdgeV2].self, forKey: .inputs)
        line = try keys.decode(Whole?.self, forKey: .line)?.value
    }

    /// A value or gradient: an array on a node with a shape, a number on a rank-0 node. An array on a
    /// node without a shape is reported at the node, as the missing `shape` may be the fault.
    private static func elements(_ keys: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, array: Bool) throws -> JSONElements {
        let elements = try keys.decode(JSONElements.self, forKey: key)
        guard elements.isArray == array else {
            throw DecodingError.typeMismatch(JSONElements.self, .init(codingPath: keys.codingPath + (array ? [key] : []), debugDescription: array
                ? "expected an array of the elements in \"\(key.stringValue)\": the node has a \"shape\""
                : "expected a number in \"\(key.stringValue)\": a node without \"shape\" has rank 0"))
        }
        return elements
    }
}

struct EdgeV2: Decodable {
    let node: Int
    let rule: String
    let jacobian: String
    let partial: JSONNumber?

    private enum CodingKeys: String, CodingKey, CaseIterable { case node, rule, jacobian, partial }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        node = try keys.decode(Index.self, forKey: .node).value
        rule = try keys.decode(String.self, forKey: .rule)
        jacobian = try keys.decode(String.self, forKey: .jacobian)
        partial = keys.contains(.partial) ? try keys.decode(JSONNumber.self, forKey: .partial) : nil
    }
}

struct BackwardV2: Decodable {
    let output: Int
    let steps: [StepV2]
    let sums: [SumV2]

    private enum CodingKeys: String, CodingKey, CaseIterable { case output, steps, sums }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        output = try keys.decode(Index.self, forKey: .output).value
        steps = try keys.decode([StepV2].self, forKey: .steps)
        sums = try keys.decode([SumV2].self, forKey: .sums)
    }
}

struct StepV2: Decodable {
    let consumer: Int
    let operand: Int
    let node: Int
    let upstream: JSONElements
    let partial: JSONNumber?
    let contribution: JSONElements

    private enum CodingKeys: String, CodingKey, CaseIterable { case consumer, operand, node, upstream, partial, contribution }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        consumer = try keys.decode(Index.self, forKey: .consumer).value
        operand = try keys.decode(Index.self, forKey: .operand).value
        node = try keys.decode(Index.self, forKey: .node).value
        upstream = try keys.decode(JSONElements.self, forKey: .upstream)
        partial = keys.contains(.partial) ? try keys.decode(JSONNumber.self, forKey: .partial) : nil
        contribution = try keys.decode(JSONElements.self, forKey: .contribution)
    }
}

struct SumV2: Decodable {
    let node: Int
    let steps: [Int]
    let grad: JSONElements

    private enum CodingKeys: String, CodingKey, CaseIterable { case node, steps, grad }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        node = try keys.decode(Index.self, forKey: .node).value
        steps = try keys.decode([Index].self, forKey: .steps).map(\.value)
        guard !steps.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: keys.codingPath + [CodingKeys.steps], debugDescription: "expected at least one step"))
        }
        grad = try keys.decode(JSONElements.self, forKey: .grad)
    }
}
