import Foundation
import Testing

/// Tensor programs end to end: `trace`'s tensor tables, `--scalar`, the note of commands that run
/// on the scalar expansion, `--at` literals and located shape errors.
@Suite("tensor programs, end to end")
struct TensorCommandTests {
    /// Writes `source` to a program file in a new folder; returns its path.
    static func program(_ source: String, named name: String = "t.ct") throws -> String {
        let file = try CLI.temporaryFolder().appendingPathComponent(name)
        try Data(source.utf8).write(to: file)
        return file.path
    }

    @Test func traceShowsTensorsTheirShapesAndTheBackwardSteps() throws {
        let result = try CLI.run(["trace", "samples/layers.ct"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "node   op       shape  operands     value                                   grad")
        #expect(lines.contains { $0.hasPrefix("W1 #1  input    [3×2]               [[0.1, 0.4], [−0.3, 0.2], [0.7, −0.5]]  [[−0.00285746, 0.0068579], [0.00878869,") })
        #expect(lines.contains { $0.hasPrefix("h #8   sigmoid  [3]    #7           [0.394126, 0.428004, 0.700567]") })
        #expect(lines.contains("backward from J #16: ∂J/∂J = 1"))
        #expect(lines.contains { $0.hasPrefix("15    #6 ← W1 #1          matmul, left operand: Ḡ ⊗ b       dense        [3] [−0.00571491, 0.0175774, −0.00753065]  [3×2] [[") })
        #expect(!result.stdout.contains("summarised"), "every tensor is small")
    }

    @Test func scalarExpandsToTheScalarTraceWithTheSameGradients() throws {
        let result = try CLI.run(["trace", "samples/layers.ct", "--scalar"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("node         op       value      grad         operands (local partial ∂node/∂operand)\n"))
        // ∂J/∂W1[1,0], the tensor table's W1 gradient at row 1, column 0.
        #expect(result.stdout.contains("W1[1,0] #4   input    −0.3       0.00878869"))
        // --json writes the tensor trace (version 2); with --scalar, the expansion's trace (version 1).
        let json = try CLI.run(["trace", "samples/layers.ct", "--json", "-"])
        let scalarJSON = try CLI.run(["trace", "samples/layers.ct", "--scalar", "--json", "-"])
        #expect(json.status == 0 && json.stdout.contains("\"version\": 2,"))
        #expect(scalarJSON.status == 0 && scalarJSON.stdout.contains("\"version\": 1,") && scalarJSON.stdout.contains("\"name\": \"W1[1,0]\""))
    }

    // explain has a tensor view (the chain of Jacobians); an element's explanation is TensorExplainRenderTests'.
    @Test(arguments: [["paths", "samples/layers.ct", "--from", "W1[1,0]"], ["check", "samples/layers.ct"]])
    func commandsWithoutATensorViewRunOnTheExpansionAndSaySo(_ arguments: [String]) throws {
        let noted = try CLI.run(arguments)
        #expect(noted.status == 0, "\(noted.stderr)")
        let lines = noted.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(noted.stderr)")
        #expect(lines.first?.hasPrefix("note: \(arguments[1]) is a tensor program; this command has no tensor view yet, so it runs on the scalar expansion (") == true)
        #expect(lines.first?.hasSuffix(" nodes; --scalar asks for it and drops this note)") == true)
        let quiet = try CLI.run(arguments + ["--scalar"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout == noted.stdout)
    }

    @Test func auditHasATensorViewAndScalarAuditsTheExpansion() throws {
        let tensor = try CLI.run(["audit", "samples/article-backprop-matrix-audit.ct"])
        #expect(tensor.status == 0 && tensor.stderr.isEmpty, "\(tensor.stderr)")
        #expect(tensor.stdout.contains("dW2     ✓ equal    ∂loss/∂W2             every element of [2×2] at 8 points"))
        // --scalar: element by element, each delta's element a gradient at an activation's element.
        let scalar = try CLI.run(["audit", "samples/article-backprop-matrix-audit.ct", "--scalar"])
        #expect(scalar.status == 0 && scalar.stderr.isEmpty, "\(scalar.stderr)")
        #expect(scalar.stdout.contains("dW2[0,1]") && scalar.stdout.contains("✓ equal    ∂loss/∂(W2[0,1])"), "\(scalar.stdout)")
        let wide = try CLI.run(["audit", "samples/article-backprop-matrix-audit.ct", "--output", "z2"])
        #expect(wide.status == 1 && wide.stdout.isEmpty)
        #expect(wide.stderr.contains("a gradient is taken of one number, but z2 has shape [2×1]"), "\(wide.stderr)")
    }

    @Test func atTakesLiteralsOfTheProgramsShapes() throws {
        let given = try CLI.run(["trace", "samples/layers.ct", "--at", "W1=[[1, 0], [0, 1], [1, 1]],y=[0]", "--at", "b2=[-1]"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stdout.contains("W1 #1  input    [3×2]               [[1, 0], [0, 1], [1, 1]]"))
        #expect(given.stdout.contains("b2 #4  input    [1]                 [−1]"))

        let shape = try CLI.run(["trace", "samples/layers.ct", "--at", "W1=[[1, 2], [3, 4]]"])
        #expect(shape.status == 1 && shape.stdout.isEmpty)
        #expect(shape.stderr.hasPrefix("samples/layers.ct:5:1: error: --at W1=…: the value has shape [2×2] but the program's W1 has shape [3×2]"), "\(shape.stderr)")

        let ragged = try CLI.run(["trace", "samples/layers.ct", "--at", "W1=[[1, 2], [3]]"])
        #expect(ragged.status == 64)
        #expect(ragged.stderr.hasPrefix("Error: --at W1: column 10: ragged matrix: row 2 has 1 element but row 1 has 2 elements"), "\(ragged.stderr)")

        let scalar = try CLI.run(["trace", "samples/chain.ct", "--at", "x=[1, 2]"])
        #expect(scalar.status == 64)
        #expect(scalar.stderr.hasPrefix("Error: --at x=[1, 2]: the program has no tensor syntax, so its inputs are numbers"), "\(scalar.stderr)")
    }

    @Test func shapeErrorsAreLocatedAtTheOperator() throws {
        let file = try Self.program("W1 = [[1, 2], [3, 4], [5, 6]]\nx = [1, 2, 3]\ny = sum(W1 @ x)\n")
        let result = try CLI.run(["trace", file])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr == "\(file):3:12: error: W1 @ x: shapes [3×2] and [3] do not match for a matrix product\n    y = sum(W1 @ x)\n               ^\n")
        let vector = try CLI.run(["trace", "samples/layers.ct", "--output", "h"])
        #expect(vector.status == 1)
        #expect(vector.stderr == "samples/layers.ct: error: a gradient is taken of one number, but h has shape [3] (3 elements); reduce it first, e.g. sum(h)\n")
    }

    @Test func bigTensorsAreSummarisedAndFast() throws {
        // A 400×400 matrix: 160,000 numbers that the tables must not print.
        let n = 400
        let row = "[" + (0 ..< n).map { String(Double($0 % 7) / 10 - 0.3) }.joined(separator: ", ") + "]"
        let source = "W = [" + Array(repeating: row, count: n).joined(separator: ",\n") + "]\nx = [" + (0 ..< n).map { _ in "0.01" }.joined(separator: ", ") + "]\nJ = sum(sigmoid(W @ x))\n"
        let file = try Self.program(source)
        let start = Date()
        let result = try CLI.run(["trace", file])
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("W #0  input    [400×400]"))
        #expect(result.stdout.contains("min −0.3 mean "))
        #expect(result.stdout.hasSuffix("tensors of more than 8 elements are summarised; --json PATH writes every number, --scalar prints the scalar trace\n"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count < 300 }, "no row prints every number")
        #expect(seconds < 30, "took \(seconds) s")
    }

    @Test(arguments: [["trace"], ["trace", "--json", "-"], ["trace", "--scalar"]])
    func aTensorProgramFromAFIFOIsReadOnce(_ command: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run([command[0], "{fifo}"] + command.dropFirst(), readingOnce: "x = [1, 2]\nJ = sum(x * x)\n", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("J"))
    }
}
