import ChainTrace

/// Every primitive written symbolically: its value and its local derivatives, in terms of its operands.
///
/// These mirror the numeric rules in `Primitive` (in the core) one for one (a test evaluates both at random
/// points), so the explanation's formulas are the derivatives the engine actually used.
public enum LocalDerivative {
    /// The node's value as a formula of its operands `a` (and `b`): `a + b`, `aᵖ`, `σ(a)`.
    ///
    /// `parameter` is the constant exponent of `Op.powConstant`. Leaves have no formula of operands.
    public static func expression(_ op: Op, parameter: Double = 0) -> Formula? {
        let a = Formula.operand(0), b = Formula.operand(1)
        switch op {
        case .input, .constant: return nil
        case .add: return .sum([a, b])
        case .sub: return .difference(a, b)
        case .mul: return .product([a, b])
        case .div: return .quotient(a, b)
        case .neg: return .negation(a)
        case .pow: return .power(a, b)
        case .powConstant: return .power(a, .number(parameter))
        case .min: return .function(.min, [a, b])
        case .max: return .function(.max, [a, b])
        default:
            guard let function = function(of: op) else { return nil }
            return .function(function, [a])
        }
    }

    /// The local partial ∂node/∂operand as a formula of the operands, for operand `position` (0 = `a`, 1 = `b`).
    public static func formula(_ op: Op, operand position: Int, parameter: Double = 0) -> Formula {
        precondition(position >= 0 && position < op.arity, "\(op.rawValue) has \(op.arity) operand(s), not \(position + 1)")
        let a = Formula.operand(0), b = Formula.operand(1)
        let first = position == 0
        func f(_ function: Formula.Function, _ x: Formula = .operand(0)) -> Formula { .function(function, [x]) }
        func squared(_ x: Formula) -> Formula { .power(x, .number(2)) }
        let one = Formula.number(1)
        switch op {
        case .input, .constant:
            preconditionFailure("leaves have no operands")
        case .add: return one
        case .sub: return first ? one : .number(-1)
        case .mul: return first ? b : a
        case .div: return first ? .quotient(one, b) : .negation(.quotient(a, squared(b)))
        case .neg: return .number(-1)
        case .pow:
            return first ? .product([b, .power(a, .difference(b, one))]) : .product([.power(a, b), f(.ln)])
        case .powConstant:
            switch parameter {
            case 0: return .number(0)
            case 1: return one
            case 2: return Formula.times([.number(2), a])
            default: return Formula.times([.number(parameter), .power(a, .number(parameter - 1))])
            }
        case .exp: return f(.exp)
        case .log: return .quotient(one, a)
        case .sqrt: return .quotient(one, .product([.number(2), f(.sqrt)]))
        case .sin: return f(.cos)
        case .cos: return .negation(f(.sin))
        case .tan: return .sum([one, squared(f(.tan))])
        case .tanh: return .difference(one, squared(f(.tanh)))
        case .sinh: return f(.cosh)
        case .cosh: return f(.sinh)
        case .asin: return .quotient(one, f(.sqrt, .difference(one, squared(a))))
        case .acos: return .negation(.quotient(one, f(.sqrt, .difference(one, squared(a)))))
        case .atan: return .quotient(one, .sum([one, squared(a)]))
        case .asinh: return .quotient(one, f(.sqrt, .sum([squared(a), one])))
        case .acosh: return .quotient(one, f(.sqrt, .difference(squared(a), one)))
        case .atanh: return .quotient(one, .difference(one, squared(a)))
        case .expm1: return f(.exp)
        case .log1p: return .quotient(one, .sum([one, a]))
        case .sigmoid: return .product([f(.sigmoid), .difference(one, f(.sigmoid))])
        case .relu: return .indicator(a, .greater, .number(0))
        case .abs: return f(.sign)
        case .min, .max:
            // The chosen operand gets 1, the other 0; a tie splits ½, ½.
            let wins: Formula.Comparison = (op == .min) == first ? .less : .greater
            return .sum([.indicator(a, wins, b), .product([.number(0.5), .indicator(a, .equal, b)])])
        }
    }

    private static func function(of op: Op) -> Formula.Function? {
        switch op {
        case .exp: .exp
        case .log: .ln
        case .sqrt: .sqrt
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .tanh: .tanh
        case .sinh: .sinh
        case .cosh: .cosh
        case .asin: .asin
        case .acos: .acos
        case .atan: .atan
        case .asinh: .asinh
        case .acosh: .acosh
        case .atanh: .atanh
        case .expm1: .expm1
        case .log1p: .log1p
        case .sigmoid: .sigmoid
        case .relu: .relu
        case .abs: .abs
        default: nil
        }
    }
}
