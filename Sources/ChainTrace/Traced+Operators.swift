// The binary operators take their operands `consuming`. The result needs one reference to the trace:
// it takes over the left operand's (a variable being rebound, `s = s + …`, or a temporary, `a * b`
// in `a * b + c`). The right operand's reference ends as soon as its node id is read, before
// anything is recorded (`Traced.apply`), so the copy a caller makes of it (`x[i]` read from an
// array) and its release meet with nothing between them and the optimizer removes both: micrograd's
// `s = s + w[i] * x[i]` costs one retain and one release per term, 9.6 instead of 12 ns per node.
extension Traced {
    /// `a + b`; ∂/∂a = 1, ∂/∂b = 1.
    @inlinable public static func + (a: consuming Traced, b: consuming Traced) -> Traced { apply(.add, a, b) }
    /// `a − b`; ∂/∂a = 1, ∂/∂b = −1.
    @inlinable public static func - (a: consuming Traced, b: consuming Traced) -> Traced { apply(.sub, a, b) }
    /// `a · b`; ∂/∂a = b, ∂/∂b = a.
    @inlinable public static func * (a: consuming Traced, b: consuming Traced) -> Traced { apply(.mul, a, b) }
    /// `a / b`; ∂/∂a = 1/b, ∂/∂b = −a/b².
    @inlinable public static func / (a: consuming Traced, b: consuming Traced) -> Traced { apply(.div, a, b) }
    /// `−a`; ∂/∂a = −1.
    @inlinable public static prefix func - (a: consuming Traced) -> Traced { a.apply(.neg) }
    /// `a += b`, recording `a + b` and rebinding `a` to it.
    @inlinable public static func += (a: inout Traced, b: Traced) { a = a + b }
    /// `a −= b`, recording `a − b` and rebinding `a` to it.
    @inlinable public static func -= (a: inout Traced, b: Traced) { a = a - b }
    /// `a ·= b`, recording `a · b` and rebinding `a` to it.
    @inlinable public static func *= (a: inout Traced, b: Traced) { a = a * b }
    /// `a /= b`, recording `a / b` and rebinding `a` to it.
    @inlinable public static func /= (a: inout Traced, b: Traced) { a = a / b }
}

/// `aᵖ` with a constant exponent; ∂/∂a = p·aᵖ⁻¹.
public func pow(_ a: Traced, _ p: Double) -> Traced { a.apply(.powConstant, parameter: p) }
/// `aⁿ` with a constant integer exponent (so `pow(x, 3)` reads as maths); ∂/∂a = n·aⁿ⁻¹.
public func pow(_ a: Traced, _ n: Int) -> Traced { a.apply(.powConstant, parameter: Double(n)) }
/// `aᵇ`; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a. The same as `Traced.pow(a, b)`: a detached exponent
/// (`Traced(2.5)`) is recorded as a constant exponent, so both spellings record the same tape.
public func pow(_ a: Traced, _ b: Traced) -> Traced { Traced.pow(a, b) }
/// `eᵃ`; ∂/∂a = eᵃ.
public func exp(_ a: consuming Traced) -> Traced { a.apply(.exp) }
/// `ln a`; ∂/∂a = 1/a.
public func log(_ a: consuming Traced) -> Traced { a.apply(.log) }
/// `√a`; ∂/∂a = 1/(2√a).
public func sqrt(_ a: consuming Traced) -> Traced { a.apply(.sqrt) }
/// `sin a`; ∂/∂a = cos a.
public func sin(_ a: consuming Traced) -> Traced { a.apply(.sin) }
/// `cos a`; ∂/∂a = −sin a.
public func cos(_ a: consuming Traced) -> Traced { a.apply(.cos) }
/// `tan a`; ∂/∂a = 1 + tan²a.
public func tan(_ a: consuming Traced) -> Traced { a.apply(.tan) }
/// `tanh a`; ∂/∂a = 1 − tanh²a.
@inlinable public func tanh(_ a: consuming Traced) -> Traced { a.apply(.tanh) }
/// `σ(a) = 1/(1 + e⁻ᵃ)`; ∂/∂a = σ(a)(1 − σ(a)).
public func sigmoid(_ a: consuming Traced) -> Traced { a.apply(.sigmoid) }
/// `max(0, a)`; ∂/∂a = 1 if a > 0, else 0.
@inlinable public func relu(_ a: consuming Traced) -> Traced { a.apply(.relu) }
/// `|a|`; ∂/∂a = sign(a), 0 at a = 0.
public func abs(_ a: consuming Traced) -> Traced { a.apply(.abs) }
/// `min(a, b)`; ∂ = 1 for the smaller operand, 0 for the other, ½ each on a tie.
public func min(_ a: consuming Traced, _ b: consuming Traced) -> Traced { Traced.apply(.min, a, b) }
/// `max(a, b)`; ∂ = 1 for the larger operand, 0 for the other, ½ each on a tie.
public func max(_ a: consuming Traced, _ b: consuming Traced) -> Traced { Traced.apply(.max, a, b) }
