@testable import ChainTraceLanguage
import ChainTrace
import Testing

/// The language's tensor syntax as parsed: literals, `@`, indexing, `axis=`, and located errors.
@Suite("tensor syntax")
struct TensorSyntaxTests {
    static func statements(_ source: String) throws(ProgramError) -> [Statement] {
        try parsed(source).statements
    }

    static func parsed(_ source: String) throws(ProgramError) -> (statements: [Statement], store: ExpressionStore, names: NameTable) {
        var parser = try Parser(lexer: Lexer(source, fail: fail), limits: Limits(), fail: fail)
        let statements = try parser.statements()
        return (statements, parser.store, parser.names)
    }

    static func fail(_ location: ChainTraceLanguage.SourceLocation, _ message: String) -> ProgramError {
        ProgramError(file: "t.ct", location: location, message: message, sourceLine: nil)
    }

    /// The last statement's expression as a fully bracketed S-expression (test inputs are shallow).
    static func shape(_ source: String) throws(ProgramError) -> String {
        let parsed = try parsed(source)
        guard let last = parsed.statements.last else { return "" }
        return sexp(last.expression, parsed.store, parsed.names)
    }

    static func sexp(_ id: ExpressionID, _ store: ExpressionStore, _ names: NameTable) -> String {
        let sexp = { (id: ExpressionID) in Self.sexp(id, store, names) }
        return switch store[id] {
        case .number(let v, _): "\(v)"
        case .name(let n, _): names.symbols[n].text
        case .negate(let a, _): "(neg \(sexp(a)))"
        case .binary(let op, let a, let b, _): "(\(op.rawValue) \(sexp(a)) \(sexp(b)))"
        case .chain(let first, let links):
            links.reduce(sexp(first)) { left, position in
                let link = store.link(position)
                let op = switch link.op {
                case .arithmetic(let op): op.rawValue
                case .matmul: "@"
                }
                return "(\(op) \(left) \(sexp(link.operand)))"
            }
        case .powConstant(let a, let p, _): "(powc \(sexp(a)) \(p))"
        case .call(let op, let args, _): "(\(op.rawValue) \(args.map { sexp(store.argument($0)) }.joined(separator: " ")))"
        case .tensor(let literal, _): "\(store.literal(literal).dimensions)\(store.literal(literal).elements)"
        case .index(let a, let indices, _): "(index \(sexp(a)) \(store.indices(indices)))"
        case .tensorCall(let f, let args, let axis, _):
            "(\(f.rawValue) \(args.map { sexp(store.argument($0)) }.joined(separator: " "))\(axis.map { " axis=\($0)" } ?? ""))"
        }
    }

    @Test func literalsAreRowMajorWithTheirDimensions() throws {
        #expect(try Self.shape("x = [1, -2, +3.5e1]") == "[3][1.0, -2.0, 35.0]")
        #expect(try Self.shape("W = [[0.1, 0.4], [-0.3, 0.2], [0.7, -0.5]]") == "[3, 2][0.1, 0.4, -0.3, 0.2, 0.7, -0.5]")
        #expect(try Self.shape("W = [[7]]") == "[1, 1][7.0]")
        // A matrix may be written a row per line.
        #expect(try Self.shape("W = [[1, 2],\n     [3, 4]\n]\ny = W") == "W")
        #expect(try Self.statements("W = [[1, 2],\n     [3, 4]\n]\ny = W").count == 2)
    }

    @Test func matmulBindsLikeTimesAndAssociatesLeft() throws {
        #expect(try Self.shape("y = W @ x + b") == "(add (@ W x) b)")
        #expect(try Self.shape("y = b + W @ x") == "(add b (@ W x))")
        #expect(try Self.shape("y = A @ B @ x") == "(@ (@ A B) x)")
        #expect(try Self.shape("y = 2 * A @ x / 3") == "(div (@ (mul 2.0 A) x) 3.0)")
        #expect(try Self.shape("y = -A @ x") == "(@ (neg A) x)")
        #expect(try Self.shape("y = A @ x^2") == "(@ A (powc x 2.0))")
    }

    @Test func indexingBindsTightest() throws {
        #expect(try Self.shape("y = W[1, 0]") == "(index W [1, 0])")
        #expect(try Self.shape("y = -x[0]^2") == "(neg (powc (index x [0]) 2.0))")
        #expect(try Self.shape("y = (W @ x)[2] * 3") == "(mul (index (@ W x) [2]) 3.0)")
        #expect(try Self.shape("y = softmax(z)[1]") == "(index (softmax z) [1])")
        #expect(try Self.shape("y = [4, 5][1]") == "(index [2][4.0, 5.0] [1])")
        #expect(try Self.shape("y = 2^x[1]") == "(pow 2.0 (index x [1]))")
    }

    @Test func tensorFunctionsTakeAxisArguments() throws {
        #expect(try Self.shape("y = sum(x)") == "(sum x)")
        #expect(try Self.shape("y = sum(x, axis=0)") == "(sum x axis=0)")
        #expect(try Self.shape("y = mean(W @ X, axis = 1) + 1") == "(add (mean (@ W X) axis=1) 1.0)")
        #expect(try Self.shape("y = logsumexp(z, axis=0)") == "(logsumexp z axis=0)")
        #expect(try Self.shape("y = dot(a, b)") == "(dot a b)")
        #expect(try Self.shape("y = transpose(sigmoid(W))") == "(transpose (sigmoid W))")
    }

    @Test func tensorFunctionNamesStayFreeForVariables() throws {
        // samples/softmax.ct names a scalar `sum`: it stays a scalar program with the same tape.
        let program = try Program(source: "e0 = 1\ne1 = 2\nsum = e0 + e1\nmean = sum / 2\ny = mean * sum", file: "t.ct")
        #expect(!program.isTensorProgram)
        let run = try program.run()
        #expect(run.tape.value(of: run.output) == 4.5)
    }

    @Test func tensorSyntaxMakesATensorProgram() throws {
        let tensor = ["x = [1, 2]", "y = a @ b", "y = x[0]", "y = sum(x)", "y = sin(mean(x, axis=0))", "y = 1 + -(2 * [3][0])"]
        for source in tensor { #expect(try Program(source: source, file: "t.ct").isTensorProgram, "\(source)") }
        let scalar = ["x = 1\ny = x * 2", "y = max(a, b) + sum", "y = -(2 * x)^3"]
        for source in scalar { #expect(try !Program(source: source, file: "t.ct").isTensorProgram, "\(source)") }
    }

    @Test func aNameFirstAssignedALiteralIsAnInput() throws {
        let program = try Program(source: "x = [0.5, -1.2]\nW = [[1, 2]]\nb = 0.1\nW = [[3, 4]]\ny = W @ x + b + c", file: "t.ct")
        #expect(program.inputNames == ["x", "W", "b", "c"])
    }

    static let broken: [BrokenProgram] = [
        .init(source: "W = [[1, 2], [3]]", line: 1, column: 14, message: "ragged matrix: row 2 has 1 element but row 1 has 2"),
        .init(source: "W = [[1, 2],\n     [3, 4, 5]]", line: 2, column: 6, message: "ragged matrix: row 2 has 3 elements but row 1 has 2"),
        .init(source: "x = []", line: 1, column: 6, message: "expected a number, found ']'"),
        .init(source: "x = [1, 2,]", line: 1, column: 11, message: "expected a number, found ']'"),
        .init(source: "x = [1, x]", line: 1, column: 9, message: "a literal holds plain numbers, found the name 'x'"),
        .init(source: "x = [1, [2]]", line: 1, column: 9, message: "expected a number, found '['"),
        .init(source: "x = [[[1]]]", line: 1, column: 7, message: "at most two levels of '['"),
        .init(source: "x = [[1], 2]", line: 1, column: 11, message: "expected '[' to start row 2 of the matrix opened at 1:5"),
        .init(source: "x = [1, 2\ny = 3", line: 2, column: 1, message: "expected ',' or ']' after a number in the literal opened at 1:5, found the name 'y'"),
        .init(source: "x = [1 2]", line: 1, column: 8, message: "expected ',' or ']' after a number"),
        .init(source: "x = [-y]", line: 1, column: 7, message: "expected a number after '-' in a literal"),
        .init(source: "y = x[1.5]", line: 1, column: 7, message: "an index is a whole number counted from 0, found the number '1.5'"),
        .init(source: "y = x[-1]", line: 1, column: 7, message: "an index is a whole number counted from 0, found '-'"),
        .init(source: "y = x[i]", line: 1, column: 7, message: "an index is a whole number counted from 0, found the name 'i'"),
        .init(source: "y = x[0][1]", line: 1, column: 9, message: "cannot be indexed again"),
        .init(source: "y = x[0 1]", line: 1, column: 9, message: "expected ',' or ']' in the index opened at 1:6"),
        .init(source: "y = sum(x, axis=-1)", line: 1, column: 17, message: "an axis is a whole number counted from 0"),
        .init(source: "y = sum(x, axis=0, 1)", line: 1, column: 18, message: "expected ')' after the axis"),
        .init(source: "y = softmax(x, axis=0)", line: 1, column: 16, message: "'softmax' takes no axis argument (sum, mean, logsumexp do)"),
        .init(source: "y = sin(x, axis=0)", line: 1, column: 12, message: "'sin' takes no axis argument"),
        .init(source: "y = dot(x)", line: 1, column: 5, message: "'dot' takes 2 arguments, found 1"),
        .init(source: "y = sum(a, b)", line: 1, column: 5, message: "'sum' takes 1 argument, found 2"),
        .init(source: "y = summ(x)", line: 1, column: 5, message: "did you mean 'sum'?"),
        .init(source: "y = x @", line: 1, column: 8, message: "expected an expression, found the end of the program"),
    ]

    @Test(arguments: broken)
    func brokenTensorSyntaxGivesLocatedErrors(_ case: BrokenProgram) throws {
        do {
            _ = try Program(source: `case`.source, file: "t.ct")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == ChainTraceLanguage.SourceLocation(line: `case`.line, column: `case`.column), "\(error)")
            #expect(error.message.contains(`case`.message), "\(error)")
            #expect(error.description.hasSuffix("^"), "shows the line and a caret")
        }
    }

    @Test func deepTensorNestingIsStillBounded() {
        let depth = Limits().nestingDepth
        let cases = [
            "y = " + String(repeating: "sum(", count: depth + 1) + "x" + String(repeating: ")", count: depth + 1),
            "y = " + String(repeating: "(", count: depth + 1) + "x" + String(repeating: ")[0]", count: depth + 1),
            "y = " + String(repeating: "[", count: 5000) + "1" + String(repeating: "]", count: 5000),
        ]
        for source in cases {
            do {
                _ = try Program(source: "x = [1]\n" + source, file: "deep.ct")
                Issue.record("expected an error: \(source.prefix(20))")
            } catch {
                #expect(error.location?.line == 2)
            }
        }
        // A long flat run of products stays flat, however many `@` it has.
        let long = "y = " + Array(repeating: "A", count: 20_000).joined(separator: " @ ")
        #expect(throws: Never.self) { try Program(source: "A = [[1]]\n" + long, file: "long.ct") }
    }
}

/// `--at W1=[…]` reads values with the language's literal syntax and its located errors.
@Suite("tensor values given with --at")
struct TensorValueTests {
    @Test func aValueIsReadAsALiteral() throws {
        let literal = try TensorLiteral(parsing: "[[0.1, 0.4], [-0.3, 0.2],\n[0.7, -0.5]]", name: "W1")
        #expect(literal.dimensions == [3, 2])
        #expect(literal.elements == [0.1, 0.4, -0.3, 0.2, 0.7, -0.5])
    }

    @Test func aBadValueIsALocatedError() {
        for (text, column, message) in [("[[1, 2], [3]]", 10, "ragged matrix"), ("[1, 2] 3", 8, "expected the end of the literal"),
                                        ("2", 1, "expected a literal such as [1, 2]"), ("[1, 2", 6, "expected ',' or ']'")] {
            do {
                _ = try TensorLiteral(parsing: text, name: "W1")
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.description.hasPrefix("--at W1:1:\(column): error: "), "\(error)")
                #expect(error.message.contains(message), "\(error)")
            }
        }
    }
}
