import ChainTrace
import ChainTraceFormat
import ChainTraceTensor
import Foundation
import Testing

/// A version-2 document that the schema accepts can still be wrong: the reader records the trace
/// again and names the JSON path of every disagreement (lengths against shapes, rules, shapes an
/// operation cannot take, values, gradients, contributions and their sums).
struct TensorTraceFaultTests {
    struct Broken: Sendable, CustomTestStringConvertible {
        let replacing: String
        let with: String
        let path: String
        let message: String
        var testDescription: String { path }
    }

    /// The issue's two-layer network (TensorTraces.layers), as the writer gives it.
    static let layers: String = (try? TensorTraceJSONTests.document(TensorTraces.layers())).map(TraceJSONWriter.json) ?? ""

    static func read(_ json: String) throws(TraceJSONError) -> AnyTraceDocument {
        try TraceJSONReader.readAny(Data(json.utf8))
    }

    static let broken: [Broken] = [
        .init(replacing: "\"shape\": [3, 2], \"value\": [0.1, 0.4, -0.3, 0.2, 0.7, -0.5]", with: "\"shape\": [3, 2], \"value\": [0.1, 0.4, -0.3, 0.2, 0.7]",
              path: "$.nodes[1].value", message: "expected 6 elements for shape [3×2], found 5"),
        .init(replacing: "\"shape\": [2], \"value\": [0.5, -1.2], \"grad\": [-0.01111616114673786, 0.004994836511750981]",
              with: "\"shape\": [2], \"value\": [0.5, -1.2], \"grad\": [-0.01111616114673786]",
              path: "$.nodes[0].grad", message: "expected 2 elements for shape [2], found 1"),
        .init(replacing: "\"op\": \"sigmoid\", \"name\": \"h\"", with: "\"op\": \"sigmoidal\", \"name\": \"h\"",
              path: "$.nodes[8].op", message: "unknown operation 'sigmoidal' (known: input, const, add,"),
        .init(replacing: "{\"node\": 7, \"rule\": \"sigmoid\"", with: "{\"node\": 7, \"rule\": \"relu\"",
              path: "$.nodes[8].inputs[0].rule", message: "expected 'sigmoid' (sigmoid: Ḡ ⊙ σ(a)(1 − σ(a)); Ḡ [3] → [3]), found 'relu'"),
        .init(replacing: "{\"node\": 7, \"rule\": \"sigmoid\", \"jacobian\": \"elementwise\"}", with: "{\"node\": 7, \"rule\": \"sigmoid\", \"jacobian\": \"diagonal\"}",
              path: "$.nodes[8].inputs[0].jacobian", message: "unknown Jacobian kind 'diagonal' (known: elementwise, dense, broadcastSum, reduction, permutation, selection)"),
        .init(replacing: "{\"node\": 7, \"rule\": \"sigmoid\", \"jacobian\": \"elementwise\"}", with: "{\"node\": 7, \"rule\": \"sigmoid\", \"jacobian\": \"dense\"}",
              path: "$.nodes[8].inputs[0].jacobian", message: "expected 'elementwise' for rule 'sigmoid', found 'dense'"),
        // W1 declared 2×3 (still 6 elements): W1 @ x no longer fits.
        .init(replacing: "\"name\": \"W1\", \"shape\": [3, 2]", with: "\"name\": \"W1\", \"shape\": [2, 3]",
              path: "$.nodes[6]", message: "matmul: shapes [2×3] and [2] do not match for a matrix product"),
        .init(replacing: "\"name\": \"h\", \"shape\": [3]", with: "\"name\": \"h\", \"shape\": [1, 3]",
              path: "$.nodes[8].shape", message: "'sigmoid' of [3] gives shape [3], not [1×3]"),
        .init(replacing: "\"name\": \"o\", \"shape\": [1], \"value\": [0.5205367118433274], \"grad\": [-0.4794632881566726]",
              with: "\"name\": \"o\", \"value\": 0.5205367118433274, \"grad\": -0.4794632881566726",
              path: "$.nodes[11].shape", message: "'sigmoid' of [1] gives shape [1], not []"),
        .init(replacing: "\"value\": [0.3941263315682394,", with: "\"value\": [0.39,",
              path: "$.nodes[8].value[0]", message: "0.39 disagrees with the value recomputed from the operands (element [0]), 0.3941263315682394"),
        .init(replacing: "\"grad\": [-0.0028574564003349765,", with: "\"grad\": [-0.003,",
              path: "$.nodes[1].grad[0]", message: "-0.003 disagrees with the gradient the backward pass gives (element [0, 0]), -0.0028574564003349765"),
        .init(replacing: "\"contribution\": [-0.01111616114673786,", with: "\"contribution\": [-0.02,",
              path: "$.backward.steps[15].contribution[0]", message: "-0.02 disagrees with the edge's rule applied to the upstream (element [0]), -0.01111616114673786"),
        .init(replacing: "{\"node\": 0, \"steps\": [15], \"grad\": [-0.01111616114673786,", with: "{\"node\": 0, \"steps\": [15], \"grad\": [-0.0111161611467,",
              path: "$.backward.sums[0].grad[0]", message: "-0.0111161611467 disagrees with the sum of its contributions (element [0]), -0.01111616114673786"),
        .init(replacing: "\"op\": \"sum\", \"axis\": null", with: "\"op\": \"sum\"", path: "$.nodes[15]", message: "missing key \"axis\": a 'sum' node needs it"),
        .init(replacing: "\"op\": \"sigmoid\", \"name\": \"h\"", with: "\"op\": \"sigmoid\", \"exponent\": 2, \"name\": \"h\"",
              path: "$.nodes[8].exponent", message: "only powc nodes have \"exponent\"; this is a 'sigmoid' node"),
        .init(replacing: "\"axis\": null", with: "\"axis\": 1", path: "$.nodes[15].axis", message: "sum: shape [1] has no axis 1 (its rank is 1)"),
        .init(replacing: "{\"node\": 7, \"rule\": \"sigmoid\", \"jacobian\": \"elementwise\"}", with: "{\"node\": 7, \"rule\": \"sigmoid\", \"jacobian\": \"elementwise\", \"partial\": 1}",
              path: "$.nodes[8].inputs[0].partial", message: "only an edge between two rank-0 nodes carries a partial"),
        .init(replacing: "\"jacobian\": \"elementwise\", \"partial\": 0.5}", with: "\"jacobian\": \"elementwise\"}",
              path: "$.nodes[16].inputs[1]", message: "missing key \"partial\": an edge between two rank-0 nodes carries its local partial"),
        .init(replacing: "\"jacobian\": \"elementwise\", \"partial\": 0.5}", with: "\"jacobian\": \"elementwise\", \"partial\": 0.25}",
              path: "$.nodes[16].inputs[1].partial", message: "0.25 disagrees with the edge's local partial, 0.5"),
        .init(replacing: "\"name\": \"x\", \"shape\": [2]", with: "\"name\": \"x\", \"shape\": [1, 1, 2]", path: "$.nodes[0].shape", message: "rank 3; tensors have rank 0 to 2"),
        .init(replacing: "\"name\": \"x\", \"shape\": [2]", with: "\"name\": \"x\", \"shape\": [4294967296, 4294967296]",
              path: "$.nodes[0].value", message: "shape [4294967296, 4294967296] has more elements than a trace can hold; found 2"),
        .init(replacing: "{\"node\": 1, \"rule\": \"matmul.left\"", with: "{\"node\": 9, \"rule\": \"matmul.left\"",
              path: "$.nodes[6].inputs[0].node", message: "9 is not an earlier node: operands precede their consumer"),
        .init(replacing: ", {\"node\": 0, \"rule\": \"matmul.right\", \"jacobian\": \"dense\"}", with: "",
              path: "$.nodes[6].inputs", message: "'matmul' takes 2 operands, found 1"),
        .init(replacing: "\"inputs\": [], \"line\": 1}", with: "\"inputs\": [{\"node\": 0, \"rule\": \"neg\", \"jacobian\": \"elementwise\"}], \"line\": 1}",
              path: "$.nodes[0].inputs", message: "'input' is a leaf and has no operands; found 1"),
        .init(replacing: "\"op\": \"const\", \"name\": null, \"value\": 0.5,", with: "\"op\": \"const\", \"name\": null, \"value\": [0.5],",
              path: "$.nodes[14]", message: "expected a number in \"value\": a node without \"shape\" has rank 0"),
        .init(replacing: "\"outputs\": [16]", with: "\"outputs\": [8]", path: "$.backward.output", message: "expected 8, the first of \"outputs\""),
        .init(replacing: "\"upstream\": 1, \"partial\": 0.5", with: "\"upstream\": 2, \"partial\": 0.5",
              path: "$.backward.steps[1].upstream", message: "2 disagrees with the consumer's gradient, 1"),
        .init(replacing: "{\"consumer\": 16, \"operand\": 0,", with: "{\"consumer\": 16, \"operand\": 1,",
              path: "$.backward.steps[0].operand", message: "expected 0: the pass visits consumers from the output down, operands in order"),
        .init(replacing: "{\"node\": 14, \"steps\": [0], \"grad\": 0.22988504469000848},", with: "",
              path: "$.backward.sums[14].node", message: "expected 14, found 15"),
        .init(replacing: "\"version\": 2", with: "\"version\": 3", path: "$.version", message: "this chaintrace reads versions 1 and 2; the file is version 3"),
    ]

    @Test(arguments: broken)
    func faultsAreReportedAtTheirJSONPath(_ broken: Broken) throws {
        #expect(Self.layers.contains(broken.replacing), "the edit applies")
        let json = Self.layers.replacingOccurrences(of: broken.replacing, with: broken.with)
        do {
            _ = try Self.read(json)
            Issue.record("read without error")
        } catch {
            #expect(error.path == broken.path)
            #expect(error.message.contains(broken.message), "\(error.message)")
        }
    }

    @Test func theLayersTraceReadsAndRoundingNoiseIsAccepted() throws {
        #expect(try Self.read(Self.layers) == .tensor(try TensorTraceJSONTests.document(TensorTraces.layers())))
        // Another tool may round differently: a last-digit difference is within the tolerance.
        let nudged = Self.layers.replacingOccurrences(of: "\"value\": [0.3941263315682394,", with: "\"value\": [0.39412633156823945,")
        #expect(nudged != Self.layers)
        _ = try Self.read(nudged)
    }

    @Test func anOutputWithSeveralElementsHasNoGradient() throws {
        let (tape, _) = try TensorTraces.layers()
        var json = TraceJSONWriter.json(TensorTraceDocument(tape: tape, outputs: [8], backward: nil))
        json = json.replacingOccurrences(of: "\n}\n", with: ",\n  \"backward\": {\"output\": 8, \"steps\": [], \"sums\": []}\n}\n")
        #expect(throws: TraceJSONError(path: "$.backward.output", message: "a gradient is taken of one number, but h has shape [3] (3 elements); reduce it first, e.g. sum(h)")) {
            try Self.read(json)
        }
    }

    /// `x * x` on a vector: x is a branch point with two contributions, and its sum must be theirs.
    @Test func aBranchPointsSumMustBeItsContributions() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [0.25, -2]), name: "x")
        let squares = try tape.append(.binary(.mul), [x, x])
        let total = try tape.append(.sum(axis: nil), [squares])
        let json = TraceJSONWriter.json(try TensorTraceDocument(tape: tape, differentiating: total))
        #expect(json.contains("{\"node\": 0, \"steps\": [1, 2], \"grad\": [0.5, -4]}"))
        let broken = json.replacingOccurrences(of: "{\"node\": 0, \"steps\": [1, 2], \"grad\": [0.5, -4]}", with: "{\"node\": 0, \"steps\": [1, 2], \"grad\": [0.25, -4]}")
        #expect(throws: TraceJSONError(path: "$.backward.sums[0].grad[0]", message: "0.25 disagrees with the sum of its contributions (element [0]), 0.5")) {
            try Self.read(broken)
        }
    }
}
