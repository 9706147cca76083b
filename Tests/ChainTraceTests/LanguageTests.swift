import ChainTrace
import ChainTraceLanguage
import ChainTraceTestSupport
import RealModule
import Testing

/// The program language: semantics, and located errors for broken programs.
struct LanguageTests {
    static func run(_ source: String, inputs: [String: Double] = [:], output: String? = nil) throws(ProgramError) -> ProgramRun {
        try Program(source: source, file: "test.ct").run(inputs: inputs, output: output)
    }

    static func error(_ source: String, inputs: [String: Double] = [:], output: String? = nil) -> ProgramError? {
        do {
            _ = try run(source, inputs: inputs, output: output)
            return nil
        } catch {
            return error
        }
    }

    @Test func precedenceFollowsPython() throws {
        let cases: [(String, Double)] = [
            ("y = -2^2", -4), ("y = 2^3^2", 512), ("y = 2**-1", 0.5), ("y = (1 + 2) * 3", 9),
            ("y = 10 - 4 - 3", 3), ("y = 8 / 4 / 2", 1), ("y = -(-3)", 3), ("y = 1e-3 * 1000", 1),
            ("y = .5 + 1.5E1", 15.5), ("y = max(2, 3) - min(2, 3)", 1), ("y = pow(2, 10)", 1024),
        ]
        for (source, value) in cases {
            let run = try Self.run(source)
            #expect(run.tape.value(of: run.output).isApproximatelyEqual(to: value, absoluteTolerance: 1e-6, relativeTolerance: 1e-6), "\(source)")
        }
    }

    @Test func literalAssignmentsAreInputsAndAtOverridesThem() throws {
        let program = try Program(source: "x = 2\nw = -0.5\ny = x * w + b", file: "t.ct")
        #expect(program.inputNames == ["x", "w", "b"])
        let run = try program.run(inputs: ["x": 3, "b": 1])
        let x = try #require(run.bindings["x"])
        #expect(run.tape.op(of: x) == .input && run.tape.value(of: x).isApproximatelyEqual(to: 3, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(run.tape.value(of: run.output).isApproximatelyEqual(to: -0.5, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(run.tape.name(of: try #require(run.bindings["b"])) == "b")
    }

    @Test func aliasesRecordNothingAndRenameNothing() throws {
        let run = try Self.run("x = 2\nu = x * x\nh = u\ny = h + 1")
        #expect(run.bindings["h"] == run.bindings["u"])
        #expect(run.tape.name(of: try #require(run.bindings["h"])) == "u")
        #expect(run.tape.count == 4)
    }

    @Test func rebindingCreatesANewNodeWithTheSameName() throws {
        let run = try Self.run("c = 1\nc += c + 1\nc *= 2")
        let named = (0 ..< run.tape.count).filter { run.tape.name(of: $0) == "c" }
        #expect(named.count == 3)
        #expect(run.tape.value(of: run.output).isApproximatelyEqual(to: 6, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        let backward = Backward(tape: run.tape, from: run.output)
        #expect(backward.gradients[named[0]].isApproximatelyEqual(to: 4, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }

    @Test func repeatedOperandsStayTwoEdges() throws {
        let run = try Self.run("x = 3\ny = x * x")
        #expect(run.tape.inputs(of: run.output) == [0, 0])
    }

    @Test func outputCanBeChosen() throws {
        let run = try Self.run("x = 1\nu = exp(x)\nv = u * 2", output: "u")
        #expect(run.output == run.bindings["u"])
    }

    @Test func linesAreRecorded() throws {
        let run = try Self.run("# comment\nx = 2\n\ny = sin(x)\r\nz = y + 1")
        #expect(run.tape.line(of: try #require(run.bindings["y"])) == 4)
        #expect(run.tape.line(of: run.output) == 5)
    }

    static let broken: [BrokenProgram] = [
        .init(source: "y = 2 +", line: 1, column: 8, message: "expected an expression, found the end of the program"),
        .init(source: "x = 1\ny = (x + 1", line: 2, column: 11, message: "expected ')' to close the '(' at 2:5"),
        .init(source: "x = 1\ny = sine(x)", line: 2, column: 5, message: "unknown function 'sine'; did you mean 'sin'?"),
        .init(source: "y = sigmod(2)", line: 1, column: 5, message: "did you mean 'sigmoid'?"),
        .init(source: "y = z + 1", line: 1, column: 5, message: "'z' has no value; assign it on an earlier line ('z = 1.5') or give it with --at z=1.5"),
        .init(source: "y = z + 1\nz = 2", line: 1, column: 5, message: "'z' is used before it is assigned (on line 2)"),
        .init(source: "x = 1\nx + 1", line: 2, column: 3, message: "expected '=' after 'x'"),
        .init(source: "= 3", line: 1, column: 1, message: "expected a statement 'name = expression', found '='"),
        .init(source: "y = 3 $ 4", line: 1, column: 7, message: "unexpected character '$'"),
        .init(source: "y = max(1)", line: 1, column: 5, message: "'max' takes 2 arguments, found 1"),
        .init(source: "y = exp(1, 2)", line: 1, column: 5, message: "'exp' takes 1 argument, found 2"),
        .init(source: "y = 2x", line: 1, column: 6, message: "a number cannot run into a name"),
        .init(source: "y = 1.2.3", line: 1, column: 5, message: "'1.2.3' is not a number"),
        .init(source: "y = 1e999", line: 1, column: 5, message: "'1e999' is not a number"),
        .init(source: "exp = 2", line: 1, column: 1, message: "'exp' is a function name and cannot be assigned"),
        .init(source: "y = sin + 1", line: 1, column: 5, message: "'sin' is a function; call it as sin(…)"),
        .init(source: "y = 1 2", line: 1, column: 7, message: "expected the end of the statement, found the number '2'"),
        .init(source: "y += 1", line: 1, column: 1, message: "'y' has no value to update yet"),
        .init(source: "y = max(1 2)", line: 1, column: 11, message: "expected ',' or ')' in the call to 'max'"),
        .init(source: "\ty = \u{7}", line: 1, column: 6, message: "unexpected character 'U+7'"),
        // The lexer reads bytes; columns still count characters as people see them (grapheme clusters).
        .init(source: "αβ = 2 # ü\ny = αβ * 3 $ 1", line: 2, column: 12, message: "unexpected character '$'"),
        .init(source: "e\u{301}x = 1\r\ny = e\u{301}x + 😀", line: 2, column: 10, message: "unexpected character 'U+1F600'"),
        .init(source: "# 👩‍👩‍👧 🇫🇷\ny = 1 👩‍👩‍👧 2", line: 2, column: 7, message: "unexpected character 'U+1F469'"),
        .init(source: "ñ = 1\ny = ñ + q", line: 2, column: 9, message: "'q' has no value"),
        .init(source: "y = 2é", line: 1, column: 6, message: "a number cannot run into a name; write '2 * é…'"),
        .init(source: "y = 1 +\u{301} 2", line: 1, column: 7, message: "unexpected character '+\u{301}'"),
    ]

    @Test func nonASCIINamesAreRead() throws {
        let run = try Self.run("é = 2\ne\u{301}x = é * 3\nπ_2 = e\u{301}x + 1")
        #expect(run.tape.value(of: run.output) == 7)
        #expect(run.tape.name(of: run.output) == "π_2")
        #expect(run.bindings["e\u{301}x"] != nil)
    }

    @Test(arguments: broken)
    func brokenProgramsGiveLocatedErrors(_ case: BrokenProgram) throws {
        let error = try #require(Self.error(`case`.source))
        #expect(error.location == SourceLocation(line: `case`.line, column: `case`.column), "\(error)")
        #expect(error.message.contains(`case`.message), "\(error)")
        #expect(error.description.hasPrefix("test.ct:\(`case`.line):\(`case`.column): error: "))
        #expect(error.description.contains("\n    ") && error.description.hasSuffix("^"), "shows the line and a caret")
    }

    @Test func inputAndOutputMistakesAreExplained() throws {
        let unknown = try #require(Self.error("x = 1\ny = x * 2", inputs: ["w": 1]))
        #expect(unknown.message.contains("--at w=…: the program has no input named 'w' (its inputs: x)"))
        let computed = try #require(Self.error("x = 1\ny = x * 2", inputs: ["y": 1]))
        #expect(computed.message.contains("'y' is computed by the program, not an input"))
        let output = try #require(Self.error("x = 1\ny = x * 2", output: "q"))
        #expect(output.message.contains("--output: no node named 'q'; did you mean 'x' or 'y'?"))
        let empty = try #require(Self.error("# nothing\n"))
        #expect(empty.message.contains("no statements"))
    }

    @Test(arguments: 0 ..< 300)
    func garbageNeverCrashes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let alphabet = Array("xyz01.e+-*/^()=,# \n\tsinexpmaxlog*")
        let length = Int.random(in: 0 ... 40, using: &random)
        let source = String((0 ..< length).map { _ in alphabet.randomElement(using: &random) ?? "x" })
        do {
            let run = try Self.run(source, inputs: [:])
            #expect(run.tape.validate().isEmpty)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }
}
