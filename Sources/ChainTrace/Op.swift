/// The kind of a recorded node: a leaf (input or constant) or a primitive operation.
///
/// Every primitive has exactly one derivative rule, in ``Primitive``. Compound operations
/// (for example `x - y` written as a sum with a negation) are never recorded as such:
/// they are built from these primitives, so only these carry local partials.
public enum Op: String, Sendable, CaseIterable, Hashable {
    /// A named input leaf: its gradient is what a user asks for.
    case input
    /// A constant leaf (a literal in the program).
    case constant = "const"
    /// `a + b`; ∂/∂a = 1, ∂/∂b = 1.
    case add
    /// `a − b`; ∂/∂a = 1, ∂/∂b = −1.
    case sub
    /// `a · b`; ∂/∂a = b, ∂/∂b = a.
    case mul
    /// `a / b`; ∂/∂a = 1/b, ∂/∂b = −a/b².
    case div
    /// `−a`; ∂/∂a = −1.
    case neg
    /// `aᵇ` with a traced exponent; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a.
    case pow
    /// `aᵖ` with a constant exponent `p` (the node's parameter); ∂/∂a = p·aᵖ⁻¹.
    case powConstant = "powc"
    /// `eᵃ`; ∂/∂a = eᵃ.
    case exp
    /// `ln a`; ∂/∂a = 1/a.
    case log
    /// `√a`; ∂/∂a = 1/(2√a).
    case sqrt
    /// `sin a`; ∂/∂a = cos a.
    case sin
    /// `cos a`; ∂/∂a = −sin a.
    case cos
    /// `tan a`; ∂/∂a = 1 + tan²a.
    case tan
    /// `tanh a`; ∂/∂a = 1 − tanh²a.
    case tanh
    /// `sinh a`; ∂/∂a = cosh a.
    case sinh
    /// `cosh a`; ∂/∂a = sinh a.
    case cosh
    /// `arcsin a`; ∂/∂a = 1/√(1 − a²).
    case asin
    /// `arccos a`; ∂/∂a = −1/√(1 − a²).
    case acos
    /// `arctan a`; ∂/∂a = 1/(1 + a²).
    case atan
    /// `arsinh a`; ∂/∂a = 1/√(a² + 1).
    case asinh
    /// `arcosh a`; ∂/∂a = 1/√(a² − 1).
    case acosh
    /// `artanh a`; ∂/∂a = 1/(1 − a²).
    case atanh
    /// `eᵃ − 1`, accurate near 0; ∂/∂a = eᵃ.
    case expm1
    /// `ln(1 + a)`, accurate near 0; ∂/∂a = 1/(1 + a).
    case log1p
    /// `σ(a) = 1/(1 + e⁻ᵃ)`; ∂/∂a = σ(a)(1 − σ(a)).
    case sigmoid
    /// `max(0, a)`; ∂/∂a = 1 if a > 0, else 0.
    case relu
    /// `|a|`; ∂/∂a = sign(a), 0 at a = 0.
    case abs
    /// `min(a, b)`; the smaller operand gets ∂ = 1, the other 0; a tie splits ½, ½.
    case min
    /// `max(a, b)`; the larger operand gets ∂ = 1, the other 0; a tie splits ½, ½.
    case max

    /// How many operands the operation takes (0 for leaves).
    public var arity: Int {
        switch self {
        case .input, .constant: 0
        case .add, .sub, .mul, .div, .pow, .min, .max: 2
        case .neg, .powConstant, .exp, .log, .sqrt, .sin, .cos, .tan, .tanh, .sinh, .cosh, .asin, .acos, .atan,
             .asinh, .acosh, .atanh, .expm1, .log1p, .sigmoid, .relu, .abs: 1
        }
    }

    /// Whether the node is a leaf (an input or a constant).
    public var isLeaf: Bool { arity == 0 }

    /// The one-argument functions a program may call by name, in the order documentation lists them.
    public static let unaryFunctions: [Op] = [
        .exp, .log, .sqrt, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .abs,
        .sinh, .cosh, .asin, .acos, .atan, .asinh, .acosh, .atanh, .expm1, .log1p,
    ]

    /// The two-argument functions a program may call by name.
    public static let binaryFunctions: [Op] = [.min, .max, .pow]

    /// The infix symbol of a binary arithmetic operation, or nil for functions and leaves.
    public var symbol: String? {
        switch self {
        case .add: "+"
        case .sub: "−"
        case .mul: "·"
        case .div: "/"
        case .neg: "−"
        case .pow, .powConstant: "^"
        default: nil
        }
    }
}
