import Foundation

// The shapes of trace JSON version 1, decoded exactly as the schema (trace-v1.schema.json) states
// them: every required key must be present (null where the schema allows null), objects the schema
// closes ("additionalProperties": false) reject other keys, and ids are whole numbers from 0.
// What the schema cannot say (ids in range, numbers that agree) TraceJSONReader checks afterwards.

/// A number as trace JSON writes it: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
struct JSONNumber: Decodable {
    let value: Double

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            value = try container.decode(Double.self)
            return
        } catch is DecodingError {
            // Not a JSON number: perhaps one of the strings below.
        } catch {
            // Foundation's own error for a JSON number a double cannot hold (`1e999`), which would
            // quote every digit of it.
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a number beyond the range of a double (about ±1.8e308); write \"Infinity\" or \"-Infinity\" for an infinite value"))
        }
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.typeMismatch(Double.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a number, or \"NaN\", \"Infinity\", \"-Infinity\""))
        }
        switch text {
        case "NaN": value = .nan
        case "Infinity": value = .infinity
        case "-Infinity": value = -.infinity
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a number, or \"NaN\", \"Infinity\", \"-Infinity\"; found the string \"\(text.count > 40 ? text.prefix(40) + "…" : text)\""))
        }
    }
}

/// A whole number. Decoding `1.5` as `Int` fails without saying where, so that case is located here.
struct Whole: Decodable {
    let value: Int

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            value = try container.decode(Int.self)
        } catch let error as DecodingError {
            guard let number = try? container.decode(Double.self) else { throw error }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a whole number, found \(number)"))
        } catch {
            // Foundation's own error for an integer beyond Int, which would quote every digit of it.
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a whole number beyond the largest this reader takes, \(Int.max)"))
        }
    }
}

/// A whole number from 0: a node id or an operand position.
struct Index: Decodable {
    let value: Int

    init(from decoder: Decoder) throws {
        value = try Whole(from: decoder).value
        guard value >= 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a whole number from 0, found \(value)"))
        }
    }
}

/// Any key, to list an object's keys.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Rejects keys outside `allowed`, as the schema's `"additionalProperties": false` does.
    func onlyKeys<Key: CodingKey & CaseIterable>(_ allowed: Key.Type) throws {
        let names = Set(Key.allCases.map(\.stringValue))
        let extra = try container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).filter { !names.contains($0) }.sorted()
        if let key = extra.first {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [AnyKey(stringValue: key)],
                                                    debugDescription: "unexpected key \"\(key)\" (allowed: \(names.sorted().joined(separator: ", ")))"))
        }
    }
}

struct Header: Decodable {
    let format: String
    let version: Int

    private enum CodingKeys: String, CodingKey { case format, version }

    init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        format = try keys.decode(String.self, forKey: .format)
        version = try keys.decode(Whole.self, forKey: .version).value
    }
}

struct FileV1: Decodable {
    let nodes: [NodeV1]
    let outputs: [Int]
    let backward: BackwardV1?
    let paths: PathsV1?
    let tangents: TangentsV1?
    let formulas: [FormulaV1]?

    private enum CodingKeys: String, CodingKey { case nodes, outputs, backward, paths, tangents, formulas }

    /// The optional sections may be missing but not null.
    init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        func optional<T: Decodable>(_ key: CodingKeys) throws -> T? {
            keys.contains(key) ? try keys.decode(T.self, forKey: key) : nil
        }
        nodes = try keys.decode([NodeV1].self, forKey: .nodes)
        outputs = try keys.decode([Whole].self, forKey: .outputs).map(\.value)
        backward = try optional(.backward)
        paths = try optional(.paths)
        tangents = try optional(.tangents)
        formulas = try optional(.formulas)
    }
}

struct NodeV1: Decodable {
    let id: Int
    let op: String
    let exponent: JSONNumber?
    let name: String?
    let value: JSONNumber
    let grad: JSONNumber?
    let inputs: [InputV1]
    let scope: [String]
    let line: Int?

    private enum CodingKeys: String, CodingKey {
        case id, op, exponent, name, value, grad, inputs, scope, line
    }

    /// `name`, `grad` and `line` may be null but not missing; `exponent` is for `powc` nodes only.
    init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        id = try keys.decode(Whole.self, forKey: .id).value
        op = try keys.decode(String.self, forKey: .op)
        exponent = keys.contains(.exponent) ? try keys.decode(JSONNumber.self, forKey: .exponent) : nil
        name = try keys.decode(String?.self, forKey: .name)
        value = try keys.decode(JSONNumber.self, forKey: .value)
        grad = try keys.decode(JSONNumber?.self, forKey: .grad)
        inputs = try keys.decode([InputV1].self, forKey: .inputs)
        scope = try keys.decode([String].self, forKey: .scope)
        line = try keys.decode(Whole?.self, forKey: .line)?.value
    }
}

struct InputV1: Decodable {
    let node: Int
    let partial: JSONNumber

    private enum CodingKeys: String, CodingKey, CaseIterable { case node, partial }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        node = try keys.decode(Whole.self, forKey: .node).value
        partial = try keys.decode(JSONNumber.self, forKey: .partial)
    }
}

struct BackwardV1: Decodable {
    let output: Int
    let steps: [StepV1]
    let sums: [SumV1]

    private enum CodingKeys: String, CodingKey { case output, steps, sums }

    init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        output = try keys.decode(Whole.self, forKey: .output).value
        steps = try keys.decode([StepV1].self, forKey: .steps)
        sums = try keys.decode([SumV1].self, forKey: .sums)
    }
}

struct StepV1: Decodable {
    let consumer: Int
    let operand: Int
    let node: Int
    let upstream: JSONNumber
    let partial: JSONNumber
    let contribution: JSONNumber

    private enum CodingKeys: String, CodingKey, CaseIterable { case consumer, operand, node, upstream, partial, contribution }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        consumer = try keys.decode(Whole.self, forKey: .consumer).value
        operand = try keys.decode(Whole.self, forKey: .operand).value
        node = try keys.decode(Whole.self, forKey: .node).value
        upstream = try keys.decode(JSONNumber.self, forKey: .upstream)
        partial = try keys.decode(JSONNumber.self, forKey: .partial)
        contribution = try keys.decode(JSONNumber.self, forKey: .contribution)
    }
}

struct SumV1: Decodable {
    let node: Int
    let steps: [Int]
    let grad: JSONNumber

    private enum CodingKeys: String, CodingKey, CaseIterable { case node, steps, grad }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        node = try keys.decode(Whole.self, forKey: .node).value
        steps = try keys.decode([Whole].self, forKey: .steps).map(\.value)
        grad = try keys.decode(JSONNumber.self, forKey: .grad)
    }
}

struct PathsV1: Decodable {
    let from: Index
    let to: Index
    let complete: Bool
    let sum: JSONNumber
    let gradient: JSONNumber
    let paths: [PathV1]

    private enum CodingKeys: String, CodingKey, CaseIterable { case from, to, count, complete, sum, gradient, paths }

    /// `count` is a JSON integer up to 2^53, or beyond that a string of decimal digits.
    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        from = try keys.decode(Index.self, forKey: .from)
        to = try keys.decode(Index.self, forKey: .to)
        if let number = try? keys.decode(Int.self, forKey: .count) {
            guard (0 ... 1 << 53).contains(number) else {
                throw DecodingError.dataCorrupted(.init(codingPath: keys.codingPath + [CodingKeys.count], debugDescription: "expected a count from 0 to 2^53 (larger counts are strings of digits), found \(number)"))
            }
        } else {
            let digits = try keys.decode(String.self, forKey: .count)
            guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: keys.codingPath + [CodingKeys.count], debugDescription: "expected a count: a whole number, or a string of decimal digits without leading zeros"))
            }
        }
        complete = try keys.decode(Bool.self, forKey: .complete)
        sum = try keys.decode(JSONNumber.self, forKey: .sum)
        gradient = try keys.decode(JSONNumber.self, forKey: .gradient)
        paths = try keys.decode([PathV1].self, forKey: .paths)
    }
}

struct PathV1: Decodable {
    let nodes: [Index]
    let operands: [Index]
    let partials: [JSONNumber]
    let product: JSONNumber

    private enum CodingKeys: String, CodingKey, CaseIterable { case nodes, operands, partials, product }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        nodes = try keys.decode([Index].self, forKey: .nodes)
        guard !nodes.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: keys.codingPath + [CodingKeys.nodes], debugDescription: "expected at least one node"))
        }
        operands = try keys.decode([Index].self, forKey: .operands)
        partials = try keys.decode([JSONNumber].self, forKey: .partials)
        product = try keys.decode(JSONNumber.self, forKey: .product)
    }
}

struct TangentsV1: Decodable {
    let input: Index
    let tangents: [JSONNumber]

    private enum CodingKeys: String, CodingKey, CaseIterable { case input, tangents }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        input = try keys.decode(Index.self, forKey: .input)
        tangents = try keys.decode([JSONNumber].self, forKey: .tangents)
    }
}

struct FormulaV1: Decodable {
    let consumer: Index
    let operand: Index
    let node: Index
    let rule: String
    let text: String
    let substituted: String
    let mathml: String

    private enum CodingKeys: String, CodingKey, CaseIterable { case consumer, operand, node, rule, text, substituted, mathml }

    init(from decoder: Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        consumer = try keys.decode(Index.self, forKey: .consumer)
        operand = try keys.decode(Index.self, forKey: .operand)
        node = try keys.decode(Index.self, forKey: .node)
        rule = try keys.decode(String.self, forKey: .rule)
        text = try keys.decode(String.self, forKey: .text)
        substituted = try keys.decode(String.self, forKey: .substituted)
        mathml = try keys.decode(String.self, forKey: .mathml)
    }
}
