extension Traced: Comparable {
    /// Whether the two values are equal; compares forward-pass values, not nodes, and records nothing.
    ///
    /// Equality is not differentiable: a branch taken on it (`if x == 0 { … }`) is part of the
    /// program, and the trace records only the arithmetic of the branch that ran.
    public static func == (a: Traced, b: Traced) -> Bool { a.value == b.value }

    /// Whether `a`'s value is less than `b`'s; records nothing (a comparison has no derivative).
    ///
    /// Code that branches on a comparison (`x < 0 ? -x : x`, `max` written by hand) is traced
    /// along the branch that ran, so its gradient is the one-sided derivative of that branch.
    public static func < (a: Traced, b: Traced) -> Bool { a.value < b.value }
}
