import ChainTrace
import Foundation
import RealModule
import Testing
import _Differentiation

/// Every primitive's local partial, as recorded on a tape, against central finite differences of its
/// own value rule and against Swift's compiler autodiff of an independent implementation.
struct PrimitiveTests {
    typealias Unary = @differentiable(reverse) (Double) -> Double
    typealias Binary = @differentiable(reverse) (Double, Double) -> Double

    struct UnaryOracle {
        let op: UnaryOp
        let function: Unary
        let points: [Double]
        init(_ op: UnaryOp, _ function: @escaping Unary, _ points: [Double]) {
            self.op = op
            self.function = function
            self.points = points
        }
    }

    struct BinaryOracle {
        let op: BinaryOp
        let function: Binary
        let points: [(Double, Double)]
        init(_ op: BinaryOp, _ function: @escaping Binary, _ points: [(Double, Double)]) {
            self.op = op
            self.function = function
            self.points = points
        }
    }

    /// Independent implementations, differentiated by the compiler, with points inside each domain.
    nonisolated(unsafe) static let unaryOracles: [UnaryOracle] = [
        .init(.neg, { -$0 }, [-1.5, 0.3, 2]),
        .init(.exp, { exp($0) }, [-2, 0, 1.3]),
        .init(.log, { log($0) }, [0.2, 1, 7.5]),
        .init(.sqrt, { sqrt($0) }, [0.04, 1, 9]),
        .init(.sin, { sin($0) }, [-1, 0.5, 3]),
        .init(.cos, { cos($0) }, [-1, 0.5, 3]),
        .init(.tan, { tan($0) }, [-1, 0.2, 1.2]),
        .init(.tanh, { tanh($0) }, [-2, 0.1, 1.5]),
        .init(.sinh, { sinh($0) }, [-2, 0.1, 1.5]),
        .init(.cosh, { cosh($0) }, [-2, 0.1, 1.5]),
        .init(.asin, { asin($0) }, [-0.9, 0, 0.5]),
        .init(.acos, { acos($0) }, [-0.9, 0, 0.5]),
        .init(.atan, { atan($0) }, [-3, 0, 0.5]),
        .init(.asinh, { asinh($0) }, [-3, 0, 0.5]),
        .init(.acosh, { acosh($0) }, [1.5, 3, 10]),
        .init(.atanh, { atanh($0) }, [-0.9, 0, 0.5]),
        .init(.expm1, { expm1($0) }, [-1, 1e-3, 2]),
        .init(.log1p, { log1p($0) }, [-0.5, 1e-3, 2]),
        .init(.sigmoid, { 1 / (1 + exp(-$0)) }, [-4, 0, 2.5]),
        .init(.relu, { $0 > 0 ? $0 : 0 }, [-2, 0.7, 3]),
        .init(.abs, { $0 < 0 ? -$0 : $0 }, [-2, 0.7, 3]),
    ]

    nonisolated(unsafe) static let binaryOracles: [BinaryOracle] = [
        .init(.add, { $0 + $1 }, [(1, 2), (-3, 0.5)]),
        .init(.sub, { $0 - $1 }, [(1, 2), (-3, 0.5)]),
        .init(.mul, { $0 * $1 }, [(1.5, 2), (-3, 0.5)]),
        .init(.div, { $0 / $1 }, [(1.5, 2), (-3, 0.5)]),
        .init(.pow, { pow($0, $1) }, [(2, 3), (1.5, -0.5), (0.7, 2.2)]),
        .init(.min, { $0 < $1 ? $0 : $1 }, [(1, 2), (3, -1)]),
        .init(.max, { $0 > $1 ? $0 : $1 }, [(1, 2), (3, -1)]),
    ]

    @Test func everyOperationHasAnOracle() {
        var covered: Set<Op> = [.powConstant, .input, .constant]
        for oracle in Self.unaryOracles { covered.insert(Op(oracle.op)) }
        for oracle in Self.binaryOracles { covered.insert(Op(oracle.op)) }
        #expect(covered == Set(Op.allCases))
    }

    @Test(arguments: 0 ..< unaryOracles.count)
    func unaryPartial(index: Int) {
        let op = Self.unaryOracles[index].op, oracle = Self.unaryOracles[index].function, points = Self.unaryOracles[index].points
        for a in points {
            var tape = Tape()
            let x = tape.appendLeaf(.input, value: a)
            let y = tape.appendUnary(op, x)
            let recorded = tape.partial(of: tape.edges(of: y).lowerBound)
            #expect(tape.value(of: y).isApproximatelyEqual(to: oracle(a), absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(op) value at \(a)")
            #expect(recorded.isApproximatelyEqual(to: gradient(at: a, of: oracle), absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(op) vs autodiff at \(a)")
            #expect(recorded.isApproximatelyEqual(to: centralDifference(at: a) { op.rule.evaluate($0, 0).value }, absoluteTolerance: 1e-6, relativeTolerance: 1e-6), "\(op) vs finite difference at \(a)")
        }
    }

    @Test(arguments: [2.0, 3, -1, 0.5, 1])
    func constantPower(p: Double) {
        let oracle: Unary = { pow($0, p) }
        for a in p.rounded() == p ? [-1.3, 0.5, 1.7, 3] : [0.5, 1.7, 3] {
            var tape = Tape()
            let y = tape.appendUnary(.powConstant, tape.appendLeaf(.input, value: a), parameter: p)
            let recorded = tape.partial(of: tape.edges(of: y).lowerBound)
            #expect(recorded.isApproximatelyEqual(to: gradient(at: a, of: oracle), absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "^\(p) vs autodiff at \(a)")
            #expect(recorded.isApproximatelyEqual(to: centralDifference(at: a) { UnaryOp.powConstant.rule.evaluate($0, p).value }, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        }
    }

    @Test(arguments: 0 ..< binaryOracles.count)
    func binaryPartials(index: Int) {
        let op = Self.binaryOracles[index].op, oracle = Self.binaryOracles[index].function, points = Self.binaryOracles[index].points
        for (a, b) in points {
            var tape = Tape()
            let x = tape.appendLeaf(.input, value: a)
            let y = tape.appendLeaf(.input, value: b)
            let z = tape.appendBinary(op, x, y)
            let edges = tape.edges(of: z)
            let (da, db) = gradient(at: a, b, of: oracle)
            #expect(tape.value(of: z).isApproximatelyEqual(to: oracle(a, b), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
            #expect(tape.partial(of: edges.lowerBound).isApproximatelyEqual(to: da, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(op) ∂a vs autodiff at \(a), \(b)")
            #expect(tape.partial(of: edges.lowerBound + 1).isApproximatelyEqual(to: db, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(op) ∂b vs autodiff at \(a), \(b)")
            #expect(tape.partial(of: edges.lowerBound).isApproximatelyEqual(to: centralDifference(at: a) { op.rule.evaluate($0, b).value }, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
            #expect(tape.partial(of: edges.lowerBound + 1).isApproximatelyEqual(to: centralDifference(at: b) { op.rule.evaluate(a, $0).value }, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        }
    }

    @Test func documentedChoicesAtKinksAndTies() {
        #expect(UnaryOp.relu.rule.evaluate(0, 0).partial == 0)
        #expect(UnaryOp.abs.rule.evaluate(0, 0).partial == 0)
        #expect(BinaryOp.max.rule.evaluate(2, 2).partials == (0.5, 0.5))
        #expect(BinaryOp.min.rule.evaluate(2, 2).partials == (0.5, 0.5))
        #expect(BinaryOp.pow.rule.evaluate(0, 2).partials.1 == 0)
        #expect(UnaryOp.powConstant.rule.evaluate(0, 0).partial == 0)
    }

    /// `pow(x, y)` and `Traced.pow(x, y)` record the same tape: a detached exponent becomes `powc`,
    /// a recorded one `pow`, whichever spelling the code uses.
    @Test func bothSpellingsOfPowRecordTheSameTape() {
        func record(_ power: (Traced, Traced) -> Traced, exponent: (Trace) -> Traced) -> Tape {
            let trace = Trace()
            _ = power(trace.input("x", 1.5), exponent(trace))
            return trace.tape
        }
        let detached = { (_: Trace) in Traced(2.5) }, recorded = { (trace: Trace) in trace.input("y", 2.5) }
        #expect(record(pow, exponent: detached) == record(Traced.pow, exponent: detached))
        #expect(record(pow, exponent: detached).ops == [.input, .powConstant])
        #expect(record(pow, exponent: recorded) == record(Traced.pow, exponent: recorded))
        #expect(record(pow, exponent: recorded).ops == [.input, .input, .pow])
    }

    @Test func sigmoidDoesNotOverflow() {
        #expect(UnaryOp.sigmoid.rule.evaluate(-800, 0).value >= 0)
        #expect(UnaryOp.sigmoid.rule.evaluate(800, 0).value.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(UnaryOp.sigmoid.rule.evaluate(-800, 0).partial.isFinite)
    }
}
