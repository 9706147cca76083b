import ChainTrace
import ChainTraceAnalysis
import ChainTraceLanguage
import Foundation
import Testing

@Suite struct ExplanationTests {
    static func explain(_ source: String, wrt name: String) throws -> Explanation {
        let run = try Program(source: source, file: "test.ct").run()
        let node = try #require(run.bindings[name])
        return Explanation(tape: run.tape, backward: Backward(tape: run.tape, from: run.output), wrt: node)
    }

    @Test func chainExampleReadsLikeTheTextbook() throws {
        let explanation = try Self.explain("x = 2\nu = x^2 + 1\ny = u^3\n", wrt: "x")
        #expect(explanation.text() == """
        dy/dx = dy/du · du/dx
              = 3u² · 2x
              = 3·(5)² · 2·(2)
              = 75 · 4 = 300

        """)
    }

    @Test func forwardAndReverseModesMeetAtTheSameDerivative() throws {
        let explanation = try Self.explain("x = 2\nu = x^2 + 1\ny = u^3\n", wrt: "x")
        let modes = explanation.modes(tangents: Tangents(tape: explanation.tape, wrt: explanation.input))
        #expect(modes == """
        forward mode (tangents from x):  dx/dx = 1 → du/dx = 4 → dy/dx = 300
        reverse mode (gradients from y): dy/dy = 1 → dy/du = 75 → dy/dx = 300

        """)
    }

    @Test func severalPathsAreListedThenSummed() throws {
        let explanation = try Self.explain("a = 2\nb = a*a\nc = 3*a\ny = b + c\n", wrt: "a")
        #expect(explanation.text() == """
        3 paths from a to y, each the product of its local partials:
          a →(operand 1) b → y:  a = (2) = 2
          a →(operand 2) b → y:  a = (2) = 2
          a → c → y:  3 = 3
          sum of all products: 2 + 2 + 3 = 7
        dy/da = (a + a) + 3
              = ((2) + (2)) + 3
              = 7

        """)
    }

    @Test func negativeProductsAreSubtractedInTheSum() throws {
        let explanation = try Self.explain("a = 2\nb = a*a\nc = -3*a\ny = b + c\n", wrt: "a")
        #expect(explanation.text().contains("  sum of all products: 2 + 2 − 3 = 1\n"))
    }

    @Test func colahsExampleSumsAtTheMergePoint() throws {
        let explanation = try Self.explain("a = 2\nb = 1\ne = (a+b)*(b+1)\n", wrt: "b")
        let text = explanation.text()
        #expect(text.hasSuffix("""
        de/db = (b + 1) + (a + b)
              = (2) + (3)
              = 5

        """))
    }

    @Test func factoredStepsAreBracketedSums() throws {
        // Two diamonds joined at the named node m: (α+β)(γ+δ).
        let explanation = try Self.explain("x = 0.5\nm = sin(x) + cos(x)\ny = exp(m) + m*m\n", wrt: "x")
        let text = explanation.text()
        #expect(text.contains("dy/dx = dy/dm · dm/dx\n"))
        #expect(text.contains("      = (exp(m) + (m + m)) · (cos(x) + −sin(x))\n") || text.contains("      = (exp(m) + (m + m)) · (cos(x) − sin(x))\n"))
    }

    @Test func unrelatedInputSaysSo() throws {
        let explanation = try Self.explain("x = 1\nz = 2\ny = sin(z)\n", wrt: "x")
        #expect(explanation.text() == "dy/dx = 0: y does not depend on x (no path joins them)\n")
    }

    @Test func unnamedIntermediatesAreCalledByTheirIDAsInTablesAndDiagrams() {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 1, name: "x")
        let t = tape.appendUnary(.sin, x)
        let y = tape.appendBinary(.mul, t, t, name: "t1")
        let names = NodeNames(tape: tape)
        #expect(names.labels == ["x", "#1", "t1"])
        // Used twice, so not written out inline.
        #expect(names.formula(of: t) == .symbol("#1"))
        #expect(names.partialFormula(of: tape.edges(of: y).lowerBound).text() == "#1")
    }

    @Test func sigmoidAndTanhPartialsAreWrittenWithTheirResult() throws {
        let run = try Program(source: "w = 2\nx = 0.5\nh = sigmoid(w*x - 1)\ng = tanh(w*x)\ny = h * g\n", file: "test.ct").run()
        let tape = run.tape, names = NodeNames(tape: tape)
        let h = try #require(run.bindings["h"]), g = try #require(run.bindings["g"])
        let sigmoidEdge = tape.edges(of: h).lowerBound, tanhEdge = tape.edges(of: g).lowerBound
        #expect(names.partialFormula(of: sigmoidEdge).text() == "h(1 − h)")
        #expect(names.partialFormula(of: tanhEdge).text() == "1 − g²")
        let sigma = 1 / (1 + exp(-0.0)), t = tanh(1.0)
        #expect(Swift.abs(names.substitutedPartial(of: sigmoidEdge).evaluate([]) - sigma * (1 - sigma)) < 1e-12)
        #expect(Swift.abs(names.substitutedPartial(of: tanhEdge).evaluate([]) - (1 - t * t)) < 1e-12)
        #expect(Swift.abs(tape.partial(of: sigmoidEdge) - sigma * (1 - sigma)) < 1e-12)
        // An unnamed result is called by its id, like every unnamed node.
        let unnamed = try Program(source: "x = 0.5\ny = 3 * sigmoid(x)\n", file: "test.ct").run()
        let node = try #require((0 ..< unnamed.tape.count).first { unnamed.tape.op(of: $0) == .sigmoid })
        #expect(NodeNames(tape: unnamed.tape).partialFormula(of: unnamed.tape.edges(of: node).lowerBound).text() == "#\(node)(1 − #\(node))")
    }

    @Test func pathsThroughUnnamedNodesUseTheirIDs() throws {
        let source = "t = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n"
        let text = try Self.explain(source, wrt: "t").text()
        // `x * y` is node #3 and `x^2` node #4, as `trace`, `render` and the report call them.
        #expect(text.contains("t → x → #3 → z:") && text.contains("t → x → #4 → z:") && text.contains("t → y → #3 → z:"))
        #expect(!text.contains("t1") && !text.contains("t2"))
    }
}

@Suite struct ReassignedNameTests {
    @Test func reassignedNamesAreToldApartByNodeID() throws {
        let explanation = try ExplanationTests.explain("x = 1\nv = x*x\nv = sin(v) + v\n", wrt: "x")
        let text = explanation.text()
        #expect(text.contains("4 paths from x to v"))
        #expect(text.contains("dv#3/dx = dv#3/dv#1 · dv#1/dx\n"))
        #expect(text.contains("        = (cos(v) + 1) · (x + x)\n"))
    }
}

@Suite struct ExplanationMathMLTests {
    @Test func chainExampleAsMathML() throws {
        let explanation = try ExplanationTests.explain("x = 2\nu = x^2 + 1\ny = u^3\n", wrt: "x")
        let math = explanation.mathML()
        #expect(math.hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mtable"))
        #expect(math.components(separatedBy: "<mtr>").count == 5)  // four rows
        #expect(math.contains("<msup><mi>u</mi><mn>2</mn></msup>"))
        #expect(math.contains("<mn>75</mn><mo>·</mo><mn>4</mn><mo>=</mo><mn>300</mn>"))
        #expect(explanation.steps.map(\.value) == [75, 4])
    }

    @Test func pathCountsPast2To63AreExplainedWithoutNarrowing() throws {
        // `y = y * 2 + y` 63 times: 2⁶³ paths, which trapped when the count was narrowed to an Int.
        let source = "x = 1.5\ny = x * 1\n" + String(repeating: "y = y * 2 + y\n", count: 63)
        let explanation = try ExplanationTests.explain(source, wrt: "x")
        let text = explanation.text()
        #expect(text.contains("9223372036854775808 paths from x to y"))
        #expect(text.contains("the 20 with the largest |product| (--limit lists more)"))
        #expect(text.contains("sum of all 9223372036854775808 products"))
    }
}
