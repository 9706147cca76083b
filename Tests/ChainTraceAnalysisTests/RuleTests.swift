import ChainTrace
import ChainTraceAnalysis
import ChainTraceTestSupport
import RealModule
import Testing

/// The rule records: symbolic rules against numeric ones, and the symbolic ones as printed.
@Suite struct RuleTests {
    /// An operand value inside each primitive's domain.
    static func operand(for op: Op, _ generator: inout SplitMix64) -> Double {
        switch op {
        case .asin, .acos, .atanh: Double.random(in: -0.9 ... 0.9, using: &generator)
        case .acosh: Double.random(in: 1.2 ... 3, using: &generator)
        case .log, .sqrt, .pow, .powConstant: Double.random(in: 0.2 ... 3, using: &generator)
        case .log1p: Double.random(in: -0.5 ... 2, using: &generator)
        default: Double.random(in: -2 ... 2, using: &generator) + 0.01
        }
    }

    @Test func formulasAgreeWithThePrimitiveRules() {
        var generator = SplitMix64(seed: 11)
        for op in Op.allCases where !op.isLeaf {
            for _ in 0 ..< 20 {
                let a = Self.operand(for: op, &generator)
                let b = op == .pow ? Double.random(in: 0.5 ... 3, using: &generator) : Self.operand(for: op, &generator)
                let parameter = Double(Int.random(in: -2 ... 4, using: &generator))
                let expected: (value: Double, partials: [Double])
                switch op.kind {
                case .leaf: continue
                case .unary(let unary):
                    let result = unary.rule.evaluate(a, parameter)
                    expected = (result.value, [result.partial])
                case .binary(let binary):
                    let result = binary.rule.evaluate(a, b)
                    expected = (result.value, [result.partials.0, result.partials.1])
                }
                let operands = op.arity == 1 ? [a] : [a, b]
                let expression = op.expression(parameter: parameter)
                #expect((expression?.evaluate(operands) ?? .nan).isApproximatelyEqual(to: expected.value, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(op) value at \(operands)")
                for position in 0 ..< op.arity {
                    let formula = op.localPartial(operand: position, parameter: parameter)
                    #expect(formula.evaluate(operands).isApproximatelyEqual(to: expected.partials[position], absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(op) ∂/∂operand \(position) at \(operands)")
                }
            }
        }
    }

    /// Whole exponents take the integer path (defined for a negative base) up to 2⁵³ everywhere: in
    /// `powc`, in `pow` and in the formulas' powers. Formulas once stopped at 2³¹ and gave NaN beyond.
    @Test(arguments: [3.0, 0x1p31 + 1, 0x1p52 + 1])
    func wholePowersOfNegativeBasesAgreeEverywhere(p: Double) {
        let constant = UnaryOp.powConstant.rule.evaluate(-1, p), traced = BinaryOp.pow.rule.evaluate(-1, p)
        #expect(constant.value == -1 && traced.value == -1)
        #expect(constant.partial == p && traced.partials.0 == p)
        #expect(Op.powConstant.expression(parameter: p)?.evaluate([-1]) == -1)
        #expect(Op.pow.expression()?.evaluate([-1, p]) == -1)
        #expect(Op.powConstant.localPartial(operand: 0, parameter: p).evaluate([-1]) == p)
        #expect(Op.pow.localPartial(operand: 0).evaluate([-1, p]) == p)
    }

    @Test func tiesOfMinAndMaxSplitInHalves() {
        for op in [Op.min, .max] {
            #expect(op.localPartial(operand: 0).evaluate([2, 2]) == 0.5)
            #expect(op.localPartial(operand: 1).evaluate([2, 2]) == 0.5)
        }
    }

    @Test func formulasReadAsInPrint() {
        let u = Formula.symbol("u")
        let cube = Op.powConstant.localPartial(operand: 0, parameter: 3).substituting { _ in u }
        #expect(cube.text() == "3u²")
        #expect(Op.powConstant.localPartial(operand: 0, parameter: 3).substituting { _ in .value(5) }.text() == "3·(5)²")
        #expect(Op.powConstant.localPartial(operand: 0, parameter: 2).substituting { _ in .symbol("x") }.text() == "2x")
        #expect(Op.sigmoid.localPartial(operand: 0).substituting { _ in u }.text() == "σ(u)(1 − σ(u))")
        #expect(Op.mul.localPartial(operand: 0).text() == "b")
        #expect(Op.div.localPartial(operand: 1).text() == "−a/b²")
        #expect(Op.tanh.localPartial(operand: 0).text() == "1 − tanh²(a)")
        #expect(Op.sqrt.localPartial(operand: 0).text() == "1/(2√a)")
        #expect(Op.powConstant.localPartial(operand: 0, parameter: 0.5).text() == "0.5a^(−0.5)")
        #expect(Op.relu.localPartial(operand: 0).text() == "[a > 0]")
        let root = Formula.function(.sqrt, [.symbol("x")])
        #expect(Op.div.localPartial(operand: 1).substituting { $0 == 0 ? .symbol("u") : root }.text() == "−u/(√x)²")
        #expect(Op.sin.localPartial(operand: 0).substituting { _ in .value(4) }.text() == "cos(4)")
    }

    @Test func mathMLIsAWholeMathElement() {
        let cube = Op.powConstant.localPartial(operand: 0, parameter: 3).substituting { _ in .symbol("u") }
        #expect(cube.mathML() == "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>3</mn><mo>&#x2062;</mo><msup><mi>u</mi><mn>2</mn></msup></mrow></math>")
        let ratio = Op.div.localPartial(operand: 0).substituting { $0 == 0 ? .symbol("a<b") : .symbol("b") }
        #expect(ratio.mathML().contains("<mfrac><mn>1</mn><mi>b</mi></mfrac>"))
        #expect(!Formula.symbol("a<b").mathML().contains("a<b"))
    }
}
