import ChainTrace
import ChainTraceAnalysis
import Testing
import ChainTraceTestSupport

@Suite struct LocalDerivativeTests {
    /// An operand value inside each primitive's domain.
    static func operand(for op: Op, _ generator: inout SeededGenerator) -> Double {
        switch op {
        case .asin, .acos, .atanh: Double.random(in: -0.9 ... 0.9, using: &generator)
        case .acosh: Double.random(in: 1.2 ... 3, using: &generator)
        // powc too: Primitive.unary(.powConstant) computes exp(p·ln a), NaN for a < 0 even with a whole p.
        case .log, .sqrt, .pow, .powConstant: Double.random(in: 0.2 ... 3, using: &generator)
        case .log1p: Double.random(in: -0.5 ... 2, using: &generator)
        default: Double.random(in: -2 ... 2, using: &generator) + 0.01
        }
    }

    @Test func formulasAgreeWithThePrimitiveRules() {
        var generator = SeededGenerator(seed: 11)
        for op in Op.allCases where !op.isLeaf {
            for _ in 0 ..< 20 {
                let a = Self.operand(for: op, &generator)
                let b = op == .pow ? Double.random(in: 0.5 ... 3, using: &generator) : Self.operand(for: op, &generator)
                let parameter = Double(Int.random(in: -2 ... 4, using: &generator))
                let expected: (value: Double, partials: [Double])
                if op.arity == 1 {
                    let result = Primitive.unary(op, a, parameter: parameter)
                    expected = (result.value, [result.partial])
                } else {
                    let result = Primitive.binary(op, a, b)
                    expected = (result.value, [result.partials.0, result.partials.1])
                }
                let operands = op.arity == 1 ? [a] : [a, b]
                let expression = LocalDerivative.expression(op, parameter: parameter)
                #expect(close(expression?.evaluate(operands) ?? .nan, expected.value, tolerance: 1e-12), "\(op) value at \(operands)")
                for position in 0 ..< op.arity {
                    let formula = LocalDerivative.formula(op, operand: position, parameter: parameter)
                    #expect(close(formula.evaluate(operands), expected.partials[position], tolerance: 1e-12), "\(op) ∂/∂operand \(position) at \(operands)")
                }
            }
        }
    }

    @Test func tiesOfMinAndMaxSplitInHalves() {
        for op in [Op.min, .max] {
            #expect(LocalDerivative.formula(op, operand: 0).evaluate([2, 2]) == 0.5)
            #expect(LocalDerivative.formula(op, operand: 1).evaluate([2, 2]) == 0.5)
        }
    }

    @Test func formulasReadAsInPrint() {
        let u = Formula.symbol("u")
        let cube = LocalDerivative.formula(.powConstant, operand: 0, parameter: 3).substituting { _ in u }
        #expect(cube.text() == "3u²")
        #expect(LocalDerivative.formula(.powConstant, operand: 0, parameter: 3).substituting { _ in .value(5) }.text() == "3·(5)²")
        #expect(LocalDerivative.formula(.powConstant, operand: 0, parameter: 2).substituting { _ in .symbol("x") }.text() == "2x")
        #expect(LocalDerivative.formula(.sigmoid, operand: 0).substituting { _ in u }.text() == "σ(u)(1 − σ(u))")
        #expect(LocalDerivative.formula(.mul, operand: 0).text() == "b")
        #expect(LocalDerivative.formula(.div, operand: 1).text() == "−a/b²")
        #expect(LocalDerivative.formula(.tanh, operand: 0).text() == "1 − tanh²(a)")
        #expect(LocalDerivative.formula(.sqrt, operand: 0).text() == "1/(2√a)")
        #expect(LocalDerivative.formula(.powConstant, operand: 0, parameter: 0.5).text() == "0.5a^(−0.5)")
        #expect(LocalDerivative.formula(.relu, operand: 0).text() == "[a > 0]")
        let root = Formula.function(.sqrt, [.symbol("x")])
        #expect(LocalDerivative.formula(.div, operand: 1).substituting { $0 == 0 ? .symbol("u") : root }.text() == "−u/(√x)²")
        #expect(LocalDerivative.formula(.sin, operand: 0).substituting { _ in .value(4) }.text() == "cos(4)")
    }

    @Test func mathMLIsAWholeMathElement() {
        let cube = LocalDerivative.formula(.powConstant, operand: 0, parameter: 3).substituting { _ in .symbol("u") }
        #expect(cube.mathML() == "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>3</mn><mo>&#x2062;</mo><msup><mi>u</mi><mn>2</mn></msup></mrow></math>")
        let ratio = LocalDerivative.formula(.div, operand: 0).substituting { $0 == 0 ? .symbol("a<b") : .symbol("b") }
        #expect(ratio.mathML().contains("<mfrac><mn>1</mn><mi>b</mi></mfrac>"))
        #expect(!Formula.symbol("a<b").mathML().contains("a<b"))
    }
}
