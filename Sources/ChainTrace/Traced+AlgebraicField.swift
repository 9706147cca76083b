import RealModule

extension Traced: AlgebraicField {
    /// `1/a`, recorded as a division, when the reciprocal of the value is a normal number (or 0 or
    /// infinite, as `Double.reciprocal` allows), and nil otherwise; ∂/∂a = −1/a².
    public var reciprocal: Traced? {
        guard value.reciprocal != nil else { return nil }
        return 1 / self
    }
}
