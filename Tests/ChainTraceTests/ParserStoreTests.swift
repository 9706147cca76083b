@testable import ChainTraceLanguage
import ChainTrace
import Testing

/// The parser reading tokens as it needs them and keeping expressions flat (issue 15): the first
/// fault in the text is the one reported, and a program's expressions are a tree laid out in arrays.
struct ParserStoreTests {
    /// A fault, where it is and what it says.
    struct Fault: CustomTestStringConvertible, Sendable {
        let source: String
        let line: Int, column: Int
        let message: String
        var testDescription: String { source }
    }

    /// Each source has a later fault the lexer would meet first if it read the whole text before
    /// parsing (a bad character, a name too long): the earlier one is reported.
    @Test(arguments: [
        Fault(source: "y = (1 +\nz = 2\nw = 3 $ 4", line: 1, column: 9, message: "expected an expression, found the end of the line"),
        Fault(source: "y = )\nabcdefghijk = 1", line: 1, column: 5, message: "expected an expression, found ')'"),
        Fault(source: "x = 1\nabcdefghijk = x\ny = $", line: 2, column: 1, message: "a name of 11 characters"),
        Fault(source: "x = 1\r\ny = x * abcdefghijk + abcdefghijk\r\nz = 2 $", line: 2, column: 9, message: "a name of 11 characters"),
        Fault(source: "é = [1, 2\n]\ny = sum(é, axis = 0 0)\nw = 3 $ 4", line: 3, column: 21,
              message: "expected ')' after the axis"),
    ])
    func theFirstFaultInTheTextIsReported(_ fault: Fault) {
        var limits = Limits()
        limits.nameLength = 10
        do {
            _ = try Program(source: fault.source, file: "t.ct", limits: limits)
            Issue.record("no error for \(fault.source)")
        } catch {
            #expect(error.location == SourceLocation(line: fault.line, column: fault.column), "\(error)")
            #expect(error.message.hasPrefix(fault.message), "\(error)")
        }
    }

    /// A sum of products with signs, a negated literal, a power, a call and indexing: every node is the
    /// child of exactly one other (a negated literal is rewritten in place, not left behind), children
    /// come before their parents, and each chain's links are one run of the link array.
    @Test func expressionsAreOneTreeInArrays() throws {
        let source = "x = [1, 2]\nb = 1\nw0 = 2\ny = b + w0 * x[0] - -2 * sin(w0) ^ 2 + max(b, 3) / 4\nz = -(b * b)"
        var parser = try Parser(lexer: Lexer(source, fail: Self.fail), limits: Limits(), fail: Self.fail)
        let statements = try parser.statements()
        let store = parser.store
        var parents = [Int](repeating: 0, count: store.nodes.count)
        var linksSeen = 0
        for (position, node) in store.nodes.enumerated() {
            var children: [ExpressionID] = []
            switch node {
            case .number, .name, .tensor: break
            case .negate(let a, _), .powConstant(let a, _, _), .index(let a, _, _): children = [a]
            case .binary(_, let a, let b, _): children = [a, b]
            case .chain(let first, let links):
                #expect(links.lowerBound == linksSeen, "links in order, one run per chain")
                linksSeen = Int(links.upperBound)
                children = [first] + links.map { store.link($0).operand }
            case .call(_, let arguments, _), .tensorCall(_, let arguments, _, _):
                children = arguments.map { store.argument($0) }
            }
            for child in children {
                #expect(Int(child.index) < position, "a child before its parent")
                parents[Int(child.index)] += 1
            }
        }
        #expect(linksSeen == store.links.count)
        let roots = Set(statements.map { Int($0.expression.index) })
        for position in parents.indices {
            #expect(parents[position] == (roots.contains(position) ? 0 : 1), "node \(position): \(store.nodes[position])")
        }
        // b, w0 * x[0], -2 * sin(w0)^2, max(b, 3) / 4: the sum, two products, the quotient.
        #expect(store.links.count == 3 + 1 + 1 + 1 + 1)
        if case .number(-2, _)? = store.nodes.first(where: { if case .number(let v, _) = $0 { v < 0 } else { false } }) {} else {
            Issue.record("the negated literal is one constant -2")
        }
        let run = try Program(source: source, file: "t.ct").run()
        let y = try #require(run.bindings["y"])
        let sine = 0.9092974268256817  // sin(2)
        let expected: Double = 3 + 2 * sine * sine + 0.75
        #expect(abs(run.tape.value(of: y) - expected) < 1e-12)
    }

    static func fail(_ location: ChainTraceLanguage.SourceLocation, _ message: String) -> ProgramError {
        ProgramError(file: "t.ct", location: location, message: message, sourceLine: nil)
    }
}
