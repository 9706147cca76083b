import RealModule

/// The evaluation and local-derivative rule of every primitive, one rule per ``Op``.
///
/// Rules are plain functions of operand values, so the same table serves the forward pass,
/// finite-difference checks and any tool that re-derives partials from a saved tape.
public enum Primitive {
    /// The value of a one-operand primitive and its local partial ∂result/∂a.
    ///
    /// `parameter` is the constant exponent of ``Op/powConstant`` and ignored otherwise.
    public static func unary(_ op: Op, _ a: Double, parameter: Double = 0) -> (value: Double, partial: Double) {
        switch op {
        case .neg:
            return (-a, -1)
        case .powConstant:
            // An integer exponent is defined for every base; RealModule's pow(Double, Double) is NaN for a < 0.
            if let n = Int(exactly: parameter) {
                return (Double.pow(a, n), n == 0 ? 0 : parameter * Double.pow(a, n - 1))
            }
            let value = Double.pow(a, parameter)
            // p·aᵖ⁻¹; p = 0 is a constant function, whose slope is 0 even where a⁻¹ is infinite.
            let partial = parameter == 0 ? 0 : parameter * Double.pow(a, parameter - 1)
            return (value, partial)
        case .exp:
            let value = Double.exp(a)
            return (value, value)
        case .log:
            return (Double.log(a), 1 / a)
        case .sqrt:
            let value = a.squareRoot()
            return (value, 1 / (2 * value))
        case .sin:
            return (Double.sin(a), Double.cos(a))
        case .cos:
            return (Double.cos(a), -Double.sin(a))
        case .tan:
            let value = Double.tan(a)
            return (value, 1 + value * value)
        case .tanh:
            let value = Double.tanh(a)
            return (value, 1 - value * value)
        case .sinh:
            return (Double.sinh(a), Double.cosh(a))
        case .cosh:
            return (Double.cosh(a), Double.sinh(a))
        case .asin:
            return (Double.asin(a), 1 / (1 - a * a).squareRoot())
        case .acos:
            return (Double.acos(a), -1 / (1 - a * a).squareRoot())
        case .atan:
            return (Double.atan(a), 1 / (1 + a * a))
        case .asinh:
            return (Double.asinh(a), 1 / (a * a + 1).squareRoot())
        case .acosh:
            return (Double.acosh(a), 1 / (a * a - 1).squareRoot())
        case .atanh:
            return (Double.atanh(a), 1 / (1 - a * a))
        case .expm1:
            return (Double.expMinusOne(a), Double.exp(a))
        case .log1p:
            return (Double.log(onePlus: a), 1 / (1 + a))
        case .sigmoid:
            let value = sigmoid(a)
            return (value, value * (1 - value))
        case .relu:
            return (a > 0 ? a : 0, a > 0 ? 1 : 0)
        case .abs:
            return (Swift.abs(a), a > 0 ? 1 : (a < 0 ? -1 : 0))
        default:
            preconditionFailure("Primitive.unary: \(op) does not take one operand (arity \(op.arity))")
        }
    }

    /// The value of a two-operand primitive and its local partials (∂result/∂a, ∂result/∂b).
    public static func binary(_ op: Op, _ a: Double, _ b: Double) -> (value: Double, partials: (Double, Double)) {
        switch op {
        case .add:
            return (a + b, (1, 1))
        case .sub:
            return (a - b, (1, -1))
        case .mul:
            return (a * b, (b, a))
        case .div:
            return (a / b, (1 / b, -a / (b * b)))
        case .pow:
            let value = Double.pow(a, b)
            let da = b == 0 ? 0 : b * Double.pow(a, b - 1)
            // aᵇ·ln a; at a = 0 with b > 0 the limit is 0 (ln a → −∞ is beaten by aᵇ → 0).
            let db = (a == 0 && b > 0) ? 0 : value * Double.log(a)
            return (value, (da, db))
        case .min:
            return (Swift.min(a, b), a < b ? (1, 0) : (a > b ? (0, 1) : (0.5, 0.5)))
        case .max:
            return (Swift.max(a, b), a > b ? (1, 0) : (a < b ? (0, 1) : (0.5, 0.5)))
        default:
            preconditionFailure("Primitive.binary: \(op) does not take two operands (arity \(op.arity))")
        }
    }

    /// The logistic function σ(a) = 1/(1 + e⁻ᵃ), evaluated without overflow for large |a|.
    public static func sigmoid(_ a: Double) -> Double {
        if a >= 0 {
            return 1 / (1 + Double.exp(-a))
        }
        let e = Double.exp(a)
        return e / (1 + e)
    }
}
