/// The kind of a recorded node, as trace JSON spells it: a leaf (input or constant) or a primitive.
///
/// Each primitive is also a case of ``UnaryOp`` or ``BinaryOp``, whose `rule` is its one rule record
/// (value, local partials, symbolic value and partials). ``kind`` maps every case to its arity's type
/// with an exhaustive switch, so a case added here without a rule does not compile. Compound operations
/// (for example `x - y` written as a sum with a negation) are never recorded as such: they are built
/// from these primitives, so only these carry local partials.
public enum Op: String, Sendable, CaseIterable, Hashable {
    /// A named input leaf: its gradient is what a user asks for.
    case input
    /// A constant leaf (a literal in the program).
    case constant = "const"
    /// `a + b`.
    case add
    /// `a − b`.
    case sub
    /// `a · b`.
    case mul
    /// `a / b`.
    case div
    /// `−a`.
    case neg
    /// `aᵇ` with a traced exponent.
    case pow
    /// `aᵖ` with a constant exponent `p` (the node's parameter).
    case powConstant = "powc"
    /// `eᵃ`.
    case exp
    /// `ln a`.
    case log
    /// `√a`.
    case sqrt
    /// `sin a`.
    case sin
    /// `cos a`.
    case cos
    /// `tan a`.
    case tan
    /// `tanh a`.
    case tanh
    /// `sinh a`.
    case sinh
    /// `cosh a`.
    case cosh
    /// `arcsin a`.
    case asin
    /// `arccos a`.
    case acos
    /// `arctan a`.
    case atan
    /// `arsinh a`.
    case asinh
    /// `arcosh a`.
    case acosh
    /// `artanh a`.
    case atanh
    /// `eᵃ − 1`, accurate near 0.
    case expm1
    /// `ln(1 + a)`, accurate near 0.
    case log1p
    /// `σ(a) = 1/(1 + e⁻ᵃ)`.
    case sigmoid
    /// `max(0, a)`.
    case relu
    /// `|a|`.
    case abs
    /// `min(a, b)`.
    case min
    /// `max(a, b)`.
    case max

    /// What a node of this kind is: a leaf, or a primitive of one or two operands.
    public enum Kind: Sendable, Hashable {
        /// An input or a constant: no operands, no rule.
        case leaf
        /// A one-operand primitive.
        case unary(UnaryOp)
        /// A two-operand primitive.
        case binary(BinaryOp)
    }

    /// The kind of node, with the primitive typed by its arity.
    public var kind: Kind {
        switch self {
        case .input, .constant: .leaf
        case .add: .binary(.add)
        case .sub: .binary(.sub)
        case .mul: .binary(.mul)
        case .div: .binary(.div)
        case .pow: .binary(.pow)
        case .min: .binary(.min)
        case .max: .binary(.max)
        case .neg: .unary(.neg)
        case .powConstant: .unary(.powConstant)
        case .exp: .unary(.exp)
        case .log: .unary(.log)
        case .sqrt: .unary(.sqrt)
        case .sin: .unary(.sin)
        case .cos: .unary(.cos)
        case .tan: .unary(.tan)
        case .tanh: .unary(.tanh)
        case .sinh: .unary(.sinh)
        case .cosh: .unary(.cosh)
        case .asin: .unary(.asin)
        case .acos: .unary(.acos)
        case .atan: .unary(.atan)
        case .asinh: .unary(.asinh)
        case .acosh: .unary(.acosh)
        case .atanh: .unary(.atanh)
        case .expm1: .unary(.expm1)
        case .log1p: .unary(.log1p)
        case .sigmoid: .unary(.sigmoid)
        case .relu: .unary(.relu)
        case .abs: .unary(.abs)
        }
    }

    /// How many operands the operation takes (0 for leaves).
    public var arity: Int {
        switch kind {
        case .leaf: 0
        case .unary: 1
        case .binary: 2
        }
    }

    /// Whether the node is a leaf (an input or a constant).
    public var isLeaf: Bool { arity == 0 }

    /// The one-argument functions a program may call by name, in the order documentation lists them.
    public static let unaryFunctions: [Op] = UnaryOp.allCases.filter { $0.rule.isCallable }.map(Op.init)

    /// The two-argument functions a program may call by name.
    public static let binaryFunctions: [Op] = BinaryOp.allCases.filter { $0.rule.isCallable }.map(Op.init)

    /// The operator sign of an operation written with one (`+`, `−`, `·`, `/`, `^`), or nil for
    /// functions written by name and for leaves.
    public var symbol: String? {
        switch kind {
        case .leaf: nil
        case .unary(let op): op.rule.symbol
        case .binary(let op): op.rule.symbol
        }
    }

    /// The node kind of a one-operand primitive.
    @inlinable public init(_ op: UnaryOp) {
        switch op {
        case .neg: self = .neg
        case .powConstant: self = .powConstant
        case .exp: self = .exp
        case .log: self = .log
        case .sqrt: self = .sqrt
        case .sin: self = .sin
        case .cos: self = .cos
        case .tan: self = .tan
        case .tanh: self = .tanh
        case .sigmoid: self = .sigmoid
        case .relu: self = .relu
        case .abs: self = .abs
        case .sinh: self = .sinh
        case .cosh: self = .cosh
        case .asin: self = .asin
        case .acos: self = .acos
        case .atan: self = .atan
        case .asinh: self = .asinh
        case .acosh: self = .acosh
        case .atanh: self = .atanh
        case .expm1: self = .expm1
        case .log1p: self = .log1p
        }
    }

    /// The node kind of a two-operand primitive.
    @inlinable public init(_ op: BinaryOp) {
        switch op {
        case .add: self = .add
        case .sub: self = .sub
        case .mul: self = .mul
        case .div: self = .div
        case .min: self = .min
        case .max: self = .max
        case .pow: self = .pow
        }
    }
}

/// The one-operand primitives, each with its rule record (``rule``).
///
/// The order is the order documentation lists the callable functions in.
public enum UnaryOp: String, Sendable, CaseIterable, Hashable {
    /// `−a`.
    case neg
    /// `aᵖ` with a constant exponent `p` (the node's parameter).
    case powConstant = "powc"
    /// `eᵃ`.
    case exp
    /// `ln a`.
    case log
    /// `√a`.
    case sqrt
    /// `sin a`.
    case sin
    /// `cos a`.
    case cos
    /// `tan a`.
    case tan
    /// `tanh a`.
    case tanh
    /// `σ(a) = 1/(1 + e⁻ᵃ)`.
    case sigmoid
    /// `max(0, a)`.
    case relu
    /// `|a|`.
    case abs
    /// `sinh a`.
    case sinh
    /// `cosh a`.
    case cosh
    /// `arcsin a`.
    case asin
    /// `arccos a`.
    case acos
    /// `arctan a`.
    case atan
    /// `arsinh a`.
    case asinh
    /// `arcosh a`.
    case acosh
    /// `artanh a`.
    case atanh
    /// `eᵃ − 1`, accurate near 0.
    case expm1
    /// `ln(1 + a)`, accurate near 0.
    case log1p
}

/// The two-operand primitives, each with its rule record (``rule``).
public enum BinaryOp: String, Sendable, CaseIterable, Hashable {
    /// `a + b`.
    case add
    /// `a − b`.
    case sub
    /// `a · b`.
    case mul
    /// `a / b`.
    case div
    /// `min(a, b)`.
    case min
    /// `max(a, b)`.
    case max
    /// `aᵇ` with a traced exponent.
    case pow
}

extension UnaryOp {
    /// The case's position in declaration order, which is also its place in `allCases`.
    ///
    /// Swift's ABI lays out an enum without payloads as its case index (one byte below 256 cases),
    /// so this reads that byte instead of switching or hashing; a test checks it against `allCases`.
    package var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}

extension BinaryOp {
    /// The case's position in declaration order; see ``UnaryOp/ordinal``.
    package var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}
