import ChainTrace
import ChainTraceFormat
import Foundation
import Testing

/// The reader and the schema agree: every variant of a small trace that the schema rejects (one key
/// removed, an unexpected key added, one value of the wrong type; listed by Tests/trace-variants.py,
/// which asks python jsonschema) is rejected by the reader too, with a JSON path at or around the change;
/// and every variant the schema accepts but the data contradicts (a key given twice, a gradient that is
/// not the sum of its contributions, a wrong entry of `backward.sums`) is rejected at its exact path.
/// Version 1 (a scalar trace) and version 2 (a tensor trace) each have their fixture.
@Suite("trace JSON: the reader rejects what the schema rejects")
struct SchemaVariantTests {
    /// One change to the base document, as the fixture lists it.
    struct Variant: CustomStringConvertible {
        let at: [Any]
        let change: String
        let key: String?
        let value: Any?

        /// The JSON path of the changed place: `$.nodes[2].line`.
        var path: String {
            at.reduce("$") { path, step in (step as? Int).map { "\(path)[\($0)]" } ?? "\(path).\(step)" }
        }

        var description: String { "\(change) \(key.map { path + "." + $0 } ?? path)" + (value.map { " with \($0)" } ?? "") }

        /// The document with this change made.
        func applied(to document: Any) -> Any {
            applied(to: document, remaining: at[...])
        }

        /// The key a "duplicate" change adds before serializing; the text then gets the duplicated key's name.
        static let placeholder = "duplicate-placeholder"

        private func applied(to node: Any, remaining: ArraySlice<Any>) -> Any {
            guard let step = remaining.first else {
                guard change == "add" || change == "duplicate", var object = node as? [String: Any], let key else { return value ?? NSNull() }
                if change == "duplicate" { object[Self.placeholder] = object[key] } else { object[key] = 1 }
                return object
            }
            let rest = remaining.dropFirst()
            if var array = node as? [Any], let index = step as? Int {
                if rest.isEmpty && change == "remove" { array.remove(at: index) } else { array[index] = applied(to: array[index], remaining: rest) }
                return array
            }
            guard var object = node as? [String: Any], let key = step as? String else { return node }
            if rest.isEmpty && change == "remove" { object[key] = nil } else { object[key] = applied(to: object[key] ?? NSNull(), remaining: rest) }
            return object
        }
    }

    static func fixture(version: Int = 1, _ list: String = "invalid") throws -> (document: Any, variants: [Variant], paths: [String?]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/trace-v\(version)-invalid.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let listed = try #require(object[list] as? [[String: Any]])
        let variants = try listed.map { entry in
            Variant(at: try #require(entry["at"] as? [Any]), change: try #require(entry["change"] as? String),
                    key: entry["key"] as? String, value: entry["value"])
        }
        return (try #require(object["document"]), variants, listed.map { $0["path"] as? String })
    }

    static func read(_ document: Any) throws(TraceJSONError) -> TraceDocument {
        let data = (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
        return try TraceJSONReader.read(data)
    }

    @Test("the base document reads, with its sections")
    func baseDocumentReads() throws {
        let document = try Self.read(try Self.fixture().document)
        #expect(document.tape.count == 5)
        #expect(document.backward?.gradients[0] == 13)
    }

    @Test("every schema-invalid variant is rejected, at the changed place")
    func everySchemaInvalidVariantIsRejected() throws {
        let (document, variants, _) = try Self.fixture()
        #expect(variants.count > 1000, "the fixture lists the variants")
        for variant in variants {
            do {
                let read = try Self.read(variant.applied(to: document))
                Issue.record("read \(variant): \(read.tape.count) nodes")
            } catch {
                Self.expectRelated(error, to: variant)
            }
        }
    }

    @Test("the base tensor document reads")
    func baseTensorDocumentReads() throws {
        guard case .tensor(let document) = try Self.readAny(try Self.fixture(version: 2).document) else {
            Issue.record("expected a tensor trace")
            return
        }
        #expect(document.tape.count > 10 && document.backward != nil)
    }

    @Test("every schema-invalid variant of a tensor trace is rejected, at the changed place")
    func everySchemaInvalidTensorVariantIsRejected() throws {
        let (document, variants, _) = try Self.fixture(version: 2)
        #expect(variants.count > 1000, "the fixture lists the variants")
        for variant in variants {
            do {
                _ = try Self.readAny(variant.applied(to: document))
                Issue.record("read \(variant)")
            } catch {
                Self.expectRelated(error, to: variant)
            }
        }
    }

    static func readAny(_ document: Any) throws(TraceJSONError) -> AnyTraceDocument {
        let data = (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
        return try TraceJSONReader.readAny(data)
    }

    /// The error's path is the changed place, inside it or around it (only a top-level change may be reported at `$`).
    static func expectRelated(_ error: TraceJSONError, to variant: Variant) {
        let related = variant.path.hasPrefix(error.path) || error.path.hasPrefix(variant.path)
        #expect(related && (error.path != "$" || variant.at.count <= 1), "\(variant): \(error)")
    }
    @Test("every schema-valid but inconsistent variant is rejected, at its exact path")
    func everyInconsistentVariantIsRejected() throws {
        let (document, variants, paths) = try Self.fixture("inconsistent")
        #expect(variants.filter { $0.change == "duplicate" }.count > 100 && variants.count > variants.filter { $0.change == "duplicate" }.count)
        for (variant, path) in zip(variants, paths) {
            var text = String(decoding: try JSONSerialization.data(withJSONObject: variant.applied(to: document)), as: UTF8.self)
            if let key = variant.key {
                text = text.replacingOccurrences(of: "\"\(Variant.placeholder)\"", with: "\"\(key)\"")
                #expect(!text.contains(Variant.placeholder) && text.components(separatedBy: "\"\(key)\":").count > 2, "\(variant): the key appears twice")
            }
            do {
                _ = try TraceJSONReader.read(Data(text.utf8))
                Issue.record("read \(variant)")
            } catch {
                #expect(error.path == path, "\(variant): \(error)")
            }
        }
    }
}
