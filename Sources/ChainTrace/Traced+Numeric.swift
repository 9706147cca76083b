extension Traced: AdditiveArithmetic, Numeric, SignedNumeric {
    /// The detached constant 0.
    public static var zero: Traced { Traced(0) }

    /// A detached constant equal to `source`, or nil if a `Double` cannot represent it exactly.
    public init?<Source: BinaryInteger>(exactly source: Source) {
        guard let value = Double(exactly: source) else { return nil }
        self.init(value)
    }

    /// `|a|`, recorded as ``Op/abs``; ∂/∂a = sign(a), 0 at a = 0.
    public var magnitude: Traced { apply(.abs) }

    /// Replaces the value with its negation, recording `−a`; ∂/∂a = −1.
    public mutating func negate() { self = -self }
}
