import ChainTrace
import ChainTraceLanguage
import ChainTraceTensor
import RealModule
import Foundation
import Testing

/// Tensor programs run on the tensor tape: values, shapes, located shape errors, `--at` values,
/// and gradients equal to those of the scalar expansion.
@Suite("tensor programs")
struct TensorProgramTests {
    static let layers = """
        x  = [0.5, -1.2]
        W1 = [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]]
        b1 = [0, 0.1, -0.1]
        W2 = [[0.2, -0.6, 0.3]]
        b2 = [0.05]
        y  = [1]
        h  = sigmoid(W1 @ x + b1)
        o  = sigmoid(W2 @ h + b2)
        J  = 0.5 * sum((o - y)^2)
        """

    static func error(_ source: String, inputs: [String: Tensor] = [:]) -> ProgramError? {
        do {
            _ = try Program(source: source, file: "t.ct").runTensors(inputs: inputs)
            return nil
        } catch {
            return error
        }
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    @Test func theLayersProgramComputesWhatItSays() throws {
        let run = try Program(source: Self.layers, file: "layers.ct").runTensors()
        let tape = run.tape
        let h = try #require(run.bindings["h"]), o = try #require(run.bindings["o"])
        #expect(tape.shape(of: h) == Shape([3]) && tape.shape(of: o) == Shape([1]))
        #expect(tape.shape(of: run.output) == .scalar && tape.name(of: run.output) == "J")
        let W1 = [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]], x = [0.5, -1.2], b1 = [0, 0.1, -0.1]
        let hValues = (0 ..< 3).map { Self.sigmoid(W1[$0][0] * x[0] + W1[$0][1] * x[1] + b1[$0]) }
        let oValue = Self.sigmoid(0.2 * hValues[0] - 0.6 * hValues[1] + 0.3 * hValues[2] + 0.05)
        for i in 0 ..< 3 { #expect(tape.value(of: h).elements[i].isApproximatelyEqual(to: hValues[i], absoluteTolerance: 1e-6, relativeTolerance: 1e-6)) }
        #expect(tape.value(of: run.output).elements[0].isApproximatelyEqual(to: 0.5 * (oValue - 1) * (oValue - 1), absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        // ∂J/∂W1[i][j] = (o − y) σ′(z2) W2[i] σ′(z1ᵢ) x[j], by hand.
        let backward = try run.backward()
        let W1node = try #require(run.bindings["W1"])
        let delta2 = (oValue - 1) * oValue * (1 - oValue)
        let W2 = [0.2, -0.6, 0.3]
        for i in 0 ..< 3 {
            for j in 0 ..< 2 {
                let expected = delta2 * W2[i] * hValues[i] * (1 - hValues[i]) * x[j]
                #expect(backward.gradient(of: W1node)[i, j].isApproximatelyEqual(to: expected, absoluteTolerance: 1e-6, relativeTolerance: 1e-6), "W1[\(i),\(j)]")
            }
        }
        // Literal statements are the inputs, each named.
        let inputs = (0 ..< tape.count).filter { tape.op(of: $0) == .input }.compactMap { tape.name(of: $0) }
        #expect(inputs == ["x", "W1", "b1", "W2", "b2", "y"])
    }

    @Test func shapeErrorsAreLocatedAtTheOperatorAndNameBothShapes() throws {
        let cases: [(String, Int, Int, String)] = [
            ("W1 = [[1, 2], [3, 4], [5, 6]]\nx = [1, 2, 3]\ny = W1 @ x", 3, 8, "W1 @ x: shapes [3×2] and [3] do not match for a matrix product"),
            ("a = [1, 2, 3]\nb = [1, 2]\ny = sum(a + b)", 3, 11, "a + b: shapes [3] and [2]"),
            ("a = [[1, 2]]\nb = [1, 2, 3]\ny = 2 * a * b", 3, 11, "2 * a * b: shapes [1×2] and [3]"),
            ("a = [1, 2]\ny = a[2]", 2, 6, "a[2]: index [2] is out of bounds for shape [2]"),
            ("a = [[1, 2]]\ny = a[0]", 2, 6, "a[0]:"),
            ("a = [1, 2]\ny = sum(a, axis=1)", 2, 5, "sum(a, axis=1): shape [2] has no axis 1"),
            ("a = [1, 2]\nb = [1, 2, 3]\ny = dot(a, b)", 3, 5, "dot(a, b): shapes [2] and [3]"),
            ("a = [1, 2]\nb = [1, 2, 3]\na += b", 3, 1, "a += b: shapes [2] and [3]"),
        ]
        for (source, line, column, message) in cases {
            let error = try #require(Self.error(source), "\(source)")
            #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("t.ct:\(line):\(column): error: "), "\(error)")
        }
    }

    @Test func atValuesReplaceLiteralsOfTheSameShape() throws {
        let program = try Program(source: Self.layers, file: "layers.ct")
        let W1 = Tensor(rows: [[1, 0], [0, 1], [1, 1]])
        let run = try program.runTensors(inputs: ["W1": W1, "y": Tensor(vector: [0])])
        #expect(run.tape.value(of: try #require(run.bindings["W1"])) == W1)
        let wrong = try #require(Self.error(Self.layers, inputs: ["W1": Tensor(rows: [[1, 2, 3], [4, 5, 6]])]))
        #expect(wrong.message.contains("--at W1=…: the value has shape [2×3] but the program's W1 has shape [3×2]"), "\(wrong)")
        #expect(wrong.location?.line == 2)
        let unknown = try #require(Self.error(Self.layers, inputs: ["W3": Tensor(scalar: 1)]))
        #expect(unknown.message.contains("--at W3=…: the program has no input named 'W3' (its inputs: x, W1, b1, W2, b2, y)"))
        // An input the program never assigns takes any shape.
        let free = try Program(source: "y = sum(W @ x)", file: "t.ct").runTensors(inputs: ["W": Tensor(rows: [[1, 2]]), "x": Tensor(vector: [3, 4])])
        #expect(free.tape.value(of: free.output).elements == [11])
    }

    @Test func aGradientNeedsOneNumber() throws {
        let run = try Program(source: Self.layers, file: "layers.ct").runTensors(output: "h")
        #expect(throws: ProgramError.self) { try run.backward() }
        do {
            _ = try run.backward()
        } catch {
            #expect(error.description == "layers.ct: error: a gradient is taken of one number, but h has shape [3] (3 elements); reduce it first, e.g. sum(h)")
        }
    }

    /// The tensor record's gradients and the scalar expansion's (`Program.run` on a tensor program) agree element by element.
    @Test(arguments: ["layers.ct", "article-backprop-matrix.ct", "micrograd-tensor.ct", "layered-tensor.ct", "softmax-tensor.ct"])
    func tensorGradientsEqualTheScalarExpansions(_ sample: String) throws {
        let source = try String(contentsOfFile: Self.samples + sample, encoding: .utf8)
        let program = try Program(source: source, file: sample)
        let tensor = try program.runTensors()
        let backward = try tensor.backward()
        let scalar = try program.run()
        let scalarBackward = Backward(tape: scalar.tape, from: scalar.output)
        var compared = 0
        for node in 0 ..< tensor.tape.count where tensor.tape.op(of: node) == .input {
            let name = try #require(tensor.tape.name(of: node))
            let shape = tensor.tape.shape(of: node)
            for offset in 0 ..< shape.count {
                let element = try #require(scalar.bindings[TensorExpansion.elementName(name, shape: shape, offset: offset)])
                #expect(scalarBackward.gradients[element].isApproximatelyEqual(to: backward.gradient(of: node).elements[offset], absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
                compared += 1
            }
        }
        #expect(compared > 10)
    }

    /// micrograd's demo network at tensor level computes what micrograd computes on the same points and
    /// start: the loss and gradients below are micrograd 0.1.0's own (`random.seed(1337)`, `MLP(2, [16, 16, 1])`,
    /// the demo's loss on samples/micrograd-tensor.ct's points); Tests/micrograd/test_import.py checks them live.
    @Test func theMicrogradSampleGivesMicrogradsLossAndGradients() throws {
        let source = try String(contentsOfFile: Self.samples + "micrograd-tensor.ct", encoding: .utf8)
        let run = try Program(source: source, file: "micrograd-tensor.ct").runTensors()
        let backward = try run.backward()
        let tape = run.tape
        let node = { (name: String) throws -> Int in try #require((0 ..< tape.count).last { tape.name(of: $0) == name }) }
        #expect(try tape.value(of: node("loss")).elements[0].isApproximatelyEqual(to: 0.9081531375197367, relativeTolerance: 1e-13))
        #expect(try tape.value(of: node("data_loss")).elements[0].isApproximatelyEqual(to: 0.8985604810882367, relativeTolerance: 1e-13))
        #expect(try tape.shape(of: node("X")) == Shape([100, 2]) && tape.shape(of: node("W2")) == Shape([16, 16]))
        // ∂loss/∂w1.1.1 (W1[0, 0]) and ∂loss/∂b3 as micrograd's backward pass finds them.
        #expect(try backward.gradient(of: node("W1")).elements[0].isApproximatelyEqual(to: 0.32778448650434516, relativeTolerance: 1e-12))
        #expect(try backward.gradient(of: node("b3")).elements[0].isApproximatelyEqual(to: -0.13, relativeTolerance: 1e-12))
    }

    @Test func runSetsSingleElementsOfATensorProgramByTheirScalarNames() throws {
        let program = try Program(source: "x = [1, 2]\nb = 3\ny = sum(x * x) + b", file: "t.ct")
        let run = try program.run(inputs: ["x[1]": 5, "b": 0])
        #expect(run.tape.value(of: run.output) == 26)
        #expect(run.tape.name(of: try #require(run.bindings["x[1]"])) == "x[1]")
        #expect(throws: ProgramError.self) { try program.run(inputs: ["x[2]": 1]) }
    }

    /// Scalar programs keep today's path (and so their bytes): no sample written with scalars is read as a tensor program.
    @Test func everyScalarSampleStaysOnTheScalarPath() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.samples).filter { $0.hasSuffix(".ct") }.sorted()
        let tensor = try files.filter { try Program(source: String(contentsOfFile: Self.samples + $0, encoding: .utf8), file: $0).isTensorProgram }
        #expect(tensor == ["article-backprop-matrix-audit.ct", "article-backprop-matrix-bugs.ct", "article-backprop-matrix.ct", "layered-tensor.ct", "layers.ct", "micrograd-tensor.ct", "softmax-audit-tensor.ct", "softmax-tensor.ct"])
        #expect(files.count > 10)
    }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path + "/"
}

/// The backprop article's network written with matrices gives the scalar sample's gradients and deltas.
@Suite("the article's network with matrices")
struct ArticleMatrixTests {
    @Test func gradientsAndDeltasEqualTheScalarSample() throws {
        let read = { (name: String) in try String(contentsOfFile: TensorProgramTests.samples + name, encoding: .utf8) }
        let matrix = try Program(source: read("article-backprop-matrix.ct"), file: "m.ct").runTensors()
        let tensorBackward = try matrix.backward()
        let scalar = try Program(source: read("article-backprop.ct"), file: "s.ct").run(output: "loss")
        let scalarBackward = Backward(tape: scalar.tape, from: scalar.output)
        func scalarGradient(_ name: String) throws -> Double { scalarBackward.gradients[try #require(scalar.bindings[name])] }
        func scalarValue(_ name: String) throws -> Double { scalar.tape.value(of: try #require(scalar.bindings[name])) }
        func tensorGradient(_ name: String) throws -> [Double] { tensorBackward.gradient(of: try #require(matrix.bindings[name])).elements }

        #expect(matrix.tape.value(of: matrix.output).elements[0].isApproximatelyEqual(to: try scalarValue("loss"), absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
        let weights: [(String, [String])] = [
            ("W1", ["h0w0", "h0w1", "h1w0", "h1w1"]), ("b1", ["h0b", "h1b"]),
            ("W2", ["o0w0", "o0w1", "o1w0", "o1w1"]), ("b2", ["o0b", "o1b"]), ("x", ["x0", "x1"]),
        ]
        for (tensor, scalars) in weights {
            for (element, name) in zip(try tensorGradient(tensor), scalars) {
                #expect(element.isApproximatelyEqual(to: try scalarGradient(name), absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(tensor) ~ \(name)")
            }
        }
        // The article's deltas, computed by hand in the scalar sample, are the gradients of z2 and z1.
        for (element, name) in zip(try tensorGradient("z2"), ["delta_o0", "delta_o1"]) {
            #expect(element.isApproximatelyEqual(to: try scalarValue(name), absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(name)")
        }
        for (element, name) in zip(try tensorGradient("z1"), ["delta_h0", "delta_h1"]) {
            #expect(element.isApproximatelyEqual(to: try scalarValue(name), absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(name)")
        }
    }
}

/// Every piece of tensor syntax through the evaluator: gradients against the scalar expansion and
/// central finite differences; random text never crashes.
@Suite("tensor programs, every feature")
struct TensorFeatureTests {
    static let program = """
        A = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]]
        b = [0.2, -0.1, 0.3]
        c = 0.7
        z = sigmoid(A @ b + c)
        z *= [1.5, -0.5]
        s = softmax(transpose(A) @ z) * b
        m = mean(A * b, axis=0) + sum(A, axis=1) @ A
        J = dot(s, m) + logsumexp(A, axis=1)[1] + logsumexp(z) - max(z[0], c)^2 + tanh(A[1, 2]) / mean(b^2)
        J += b @ b - exp(A)[0, 1]
        """

    @Test func gradientsEqualTheExpansionAndFiniteDifferences() throws {
        let program = try Program(source: Self.program, file: "all.ct")
        let run = try program.runTensors()
        let backward = try run.backward()
        let scalar = try program.run()
        let scalarBackward = Backward(tape: scalar.tape, from: scalar.output)
        #expect(scalar.tape.value(of: scalar.output).isApproximatelyEqual(to: run.tape.value(of: run.output).elements[0], absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
        for name in ["A", "b", "c"] {
            let node = try #require(run.bindings[name])
            let value = run.tape.value(of: node)
            for offset in value.elements.indices {
                let element = TensorExpansion.elementName(name, shape: value.shape, offset: offset)
                let gradient = backward.gradient(of: node).elements[offset]
                #expect(gradient.isApproximatelyEqual(to: scalarBackward.gradients[try #require(scalar.bindings[element])], absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(element)")
                let numeric = centralDifference(at: value.elements[offset]) { x in
                    (try? program.run(inputs: [element: x])).map { $0.tape.value(of: $0.output) } ?? .nan
                }
                #expect(gradient.isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-5, relativeTolerance: 1e-5), "\(element): \(gradient) vs \(numeric)")
            }
        }
    }

    @Test(arguments: 0 ..< 400)
    func randomTensorTextNeverCrashes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let pieces = ["x", "y", "W", "0", "1", "2", ".5", "-", "+", "*", "/", "^", "@", "(", ")", "[", "]", ",", "=", " ", "\n",
                      "sum(", "mean(", "softmax(", "transpose(", "dot(", "logsumexp(", "axis=", "sigmoid(", "x = [1, 2]\n", "W = [[1, 2], [3, 4]]\n"]
        let count = Int.random(in: 0 ... 30, using: &random)
        let source = (0 ..< count).map { _ in pieces.randomElement(using: &random) ?? "x" }.joined()
        do {
            let program = try Program(source: source, file: "fuzz.ct")
            let run = try program.runTensors()
            if let backward = try? run.backward() {
                #expect(backward.gradient(of: run.output).elements == [1])
                let scalar = try program.run()
                #expect(scalar.tape.validate().isEmpty)
            }
        } catch {
            #expect(!error.message.isEmpty)
        }
    }
}
