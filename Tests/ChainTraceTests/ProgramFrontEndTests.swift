@testable import ChainTraceLanguage
import ChainTrace
import Testing

/// The program front end's fast paths (issue 15): interned names, the ASCII lexer, tensor syntax
/// noticed while parsing, and the summary's branch-point count; each must say what the general path says.
struct ProgramFrontEndTests {
    @Test func namesAreInternedByTheirText() {
        // 3,000 distinct names (the table grows several times), each used three times, some sharing
        // their first eight or sixteen bytes, and function names among them.
        let distinct = (0 ..< 3000).map { "abcdefgh" + String($0 % 7 == 0 ? "abcdefgh\($0)" : "\($0)") } + ["sin", "sum", "x", "é_1"]
        let uses = distinct + distinct.reversed() + distinct
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for name in uses {
            ranges.append(bytes.count ..< bytes.count + name.utf8.count)
            bytes += name.utf8
            bytes.append(UInt8(ascii: " "))
        }
        var table = NameTable()
        let indices = ranges.map { table.intern($0, of: bytes) }
        #expect(table.symbols.map(\.text) == distinct, "one symbol per distinct name, in order of first appearance")
        #expect(table.symbols.indices.allSatisfy { table.symbols[$0].index == $0 })
        for (use, index) in zip(uses, indices) where table.symbols[index].text != use {
            Issue.record("'\(use)' interned as '\(table.symbols[index].text)'")
        }
        let callee = { (name: String) in distinct.firstIndex(of: name).flatMap { table.callees[$0] } }
        if case .scalar(.sin)? = callee("sin") {} else { Issue.record("sin calls the scalar sin") }
        if case .tensor(.sum)? = callee("sum") {} else { Issue.record("sum calls the tensor sum") }
        #expect(callee("x") == nil && callee("abcdefgh1") == nil)
    }

    /// Errors at many columns, read once by the all-ASCII lexer and once after a first line holding a
    /// non-ASCII comment, which sends the whole text through the general, character-counting path.
    @Test(arguments: [
        "x = 1\ny = x +* 2", "x = 1\t# note\ny =\t\tx $ 2", "a_1 = 2 # c\nb = a_1 ** * 3", "x = 1\ny = x\t+= 3 = 4",
        "x = 1.5e3\ny = (x + 2", "y = 3x", "w = 2\nz = sin(w, w)", "q = 1 ; r = 2", "  x = 1\n\ty = x @ @", "v = ..5",
    ])
    func asciiLexingLocatesAsTheGeneralPathDoes(_ source: String) throws {
        let ascii = try #require(Self.error(source))
        let general = try #require(Self.error("# é\n" + source))
        let moved = general.location.map { SourceLocation(line: $0.line - 1, column: $0.column) }
        #expect(ascii.location == moved && ascii.message == general.message.replacing(/at (\d+):/) { "at \((Int($0.1) ?? 0) - 1):" },
                "\(ascii) vs \(general)")
    }

    @Test func programsRunAlikeOnBothLexingPaths() throws {
        let source = "x = 0.5\t# input\nw_long_name_1 = -2\nu = w_long_name_1 * x + sin(x) ** 2\nu += x\ny = u / (1 + x)"
        let ascii = try Program(source: source, file: "t.ct").run()
        let general = try Program(source: source + "\n# é", file: "t.ct").run()
        #expect(ascii.tape == general.tape && ascii.output == general.output && ascii.bindings == general.bindings)
        #expect(ascii.bindings.keys.sorted() == ["u", "w_long_name_1", "x", "y"])
    }

    @Test(arguments: [
        ("y = [1, 2]", true), ("a = [1, 2]\nb = [3, 4]\ny = sum(a * b)", true), ("x = [1, 2]\ny = -(sin(x[0]))", true),
        ("W = [[1, 0], [0, 1]]\nx = [1, 2]\ny = sum(W @ x)", true), ("x = 2\ny = max(x, 3) * sin(-x) ^ 2", false),
        ("sum_x = 2\naxis = 3\ny = sum_x * axis", false),
    ])
    func tensorSyntaxIsNoticedWhereverItIs(_ source: String, _ tensor: Bool) throws {
        #expect(try Program(source: source, file: "t.ct").isTensorProgram == tensor, "\(source)")
    }

    @Test func theSummaryCountsBranchPointsAsArrivalsDo() throws {
        // x reaches y through three operations and u through two: both are branch points.
        let run = try Program(source: "x = 2\nu = x * x\ny = u * x + sin(u) + x", file: "t.ct").run()
        let backward = Backward(tape: run.tape, from: run.output)
        let expected = backward.arrivals(on: run.tape).count(where: { $0.count > 1 })
        #expect(expected == 2)
        #expect(TapePrinter().summary(run.tape, backward: backward).contains(", \(expected) branch points\n"))
    }

    static func error(_ source: String) -> ProgramError? {
        do {
            _ = try Program(source: source, file: "t.ct").run()
            return nil
        } catch {
            return error
        }
    }
}
