import _Differentiation
import ChainTrace
import Foundation
import RealModule
import Testing

/// Generic functions written once for any `TraceableReal`, run unmodified on `Double` and on `Traced`.
func bump<T: TraceableReal>(_ x: T) -> T {
    T.exp(-x * x / 2) * T.sin(3 * x) + T.log(onePlus: x * x) + T.sqrt(x + 2) / (x + 3)
}

func mixture<T: TraceableReal>(_ x: T) -> T {
    T.tanh(x) * T.cosh(x / 2) - T.atan(x) + T.pow(x, 3) + T.pow(x + 1, 1 / 3 + x)
        + T.expMinusOne(x) * T.sinh(x) + T.asinh(x) + T.acosh(x + 2) + T.atanh(x / 2)
        + T.asin(x / 2) * T.acos(x / 3) + T.tan(x) * T.cos(x) + T.log(x + 1) + T.root(x + 1, 3)
}

func piecewise<T: TraceableReal>(_ x: T) -> T {
    x < 0 ? -x * 3 : x * x
}

@differentiable(reverse)
func bumpDouble(_ x: Double) -> Double {
    Foundation.exp(-x * x / 2) * Foundation.sin(3 * x) + Foundation.log1p(x * x) + Foundation.sqrt(x + 2) / (x + 3)
}

@differentiable(reverse)
func mixtureDouble(_ x: Double) -> Double {
    let a = Foundation.tanh(x) * Foundation.cosh(x / 2) - Foundation.atan(x) + Foundation.pow(x, 3)
    let b = Foundation.pow(x + 1, 1.0 / 3 + x) + Foundation.expm1(x) * Foundation.sinh(x) + Foundation.asinh(x)
    let c = Foundation.acosh(x + 2) + Foundation.atanh(x / 2) + Foundation.asin(x / 2) * Foundation.acos(x / 3)
    return a + b + c + Foundation.tan(x) * Foundation.cos(x) + Foundation.log(x + 1) + Foundation.pow(x + 1, 1.0 / 3)
}

/// The value and gradient of `f` traced at `x`.
func traced(_ f: (Traced) -> Traced, at x: Double) throws -> (value: Double, gradient: Double) {
    let trace = Trace()
    let input = trace.input("x", x)
    let output = f(input)
    let id = try #require(input.id)
    return (output.value, trace.backward(from: output).gradients[id])
}

/// The central finite difference (f(x + h) − f(x − h)) / 2h.
func centralDifference(_ f: (Double) -> Double, at x: Double, step h: Double = 1e-6) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
}

@Suite struct GenericFunctionTests {
    @Test(arguments: [-0.7, 0.3, 1.1])
    func bumpMatchesAutodiffAndFiniteDifferences(x: Double) throws {
        let result = try traced(bump, at: x)
        #expect(result.value.isApproximatelyEqual(to: bump(x), absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
        #expect(result.value.isApproximatelyEqual(to: bumpDouble(x), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(result.gradient.isApproximatelyEqual(to: gradient(at: x, of: bumpDouble), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(result.gradient.isApproximatelyEqual(to: centralDifference(bump, at: x), absoluteTolerance: 1e-7, relativeTolerance: 1e-7))
    }

    @Test(arguments: [-0.4, 0.25, 0.6])
    func everyElementaryFunctionMatchesAutodiffAndFiniteDifferences(x: Double) throws {
        let result = try traced(mixture, at: x)
        #expect(result.value.isApproximatelyEqual(to: mixture(x), absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
        #expect(result.value.isApproximatelyEqual(to: mixtureDouble(x), absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
        #expect(result.gradient.isApproximatelyEqual(to: gradient(at: x, of: mixtureDouble), absoluteTolerance: 1e-11, relativeTolerance: 1e-11))
        #expect(result.gradient.isApproximatelyEqual(to: centralDifference(mixture, at: x), absoluteTolerance: 1e-7, relativeTolerance: 1e-7))
    }

    @Test func comparisonsBranchOnValuesAndTraceTheBranchThatRan() throws {
        #expect(try traced(piecewise, at: -2).gradient == -3)
        #expect(try traced(piecewise, at: 2).gradient == 4)
        let trace = Trace()
        let a = trace.input("a", 1), b = trace.input("b", 2)
        #expect(a < b && a != b && a == Traced(1) && max(a, b).value == 2)
        #expect(trace.tape.count == 3)  // comparisons recorded nothing; max recorded one node
    }

    @Test func integerPowersAndRootsOfNegativeBases() throws {
        let square = try traced({ Traced.pow($0, 2) }, at: -3)
        #expect(square.value == 9 && square.gradient == -6)
        let cube = try traced({ pow($0, 3) }, at: -2)
        #expect(cube.value == -8 && cube.gradient == 12)
        let root = try traced({ Traced.root($0, 3) }, at: -8)
        #expect(root.value.isApproximatelyEqual(to: -2, absoluteTolerance: 1e-15, relativeTolerance: 1e-15) && root.gradient.isApproximatelyEqual(to: 1.0 / 12, absoluteTolerance: 1e-15, relativeTolerance: 1e-15))
        #expect(try traced({ Traced.root($0, 2) }, at: -4).value.isNaN)
    }

    @Test func numericAndFieldRequirementsRecordTheirPrimitives() throws {
        let trace = Trace()
        let x = trace.input("x", -4)
        var negated = x
        negated.negate()
        #expect(negated.value == 4)
        #expect(x.magnitude.value == 4)
        let reciprocal = try #require(x.reciprocal)
        #expect(reciprocal.value == -0.25)
        #expect(trace.backward(from: reciprocal).gradients[try #require(x.id)] == -1.0 / 16)
        #expect(Traced(exactly: 3)?.value == 3)
        #expect(Traced(exactly: UInt64.max) == nil)
        #expect(Traced(0).reciprocal?.value == .infinity)
        #expect(Traced(Double.greatestFiniteMagnitude).reciprocal == nil)  // 1/x would be subnormal
        #expect(Traced.zero.id == nil)
    }
}
