import ChainTrace
import RealModule

/// Every gradient and every local partial of a tape compared with central finite differences.
///
/// Gradients come from the backward record (so from the partials on the tape); the finite
/// differences come from replaying the primitives' rules (``Replay``). A partial recorded by a wrong
/// derivative rule therefore shows up twice: at its edge, and at every input whose gradient it reaches.
///
/// The step for a value `v` is `h = ∛ε · max(|v|, 1)` (ε the double's machine epsilon), which
/// balances the truncation error (∝ h²) of a central difference against rounding (∝ ε/h).
/// Errors are relative: `|a − b| / max(|a|, |b|, 1)`, so values near zero are compared absolutely.
public struct GradientCheck: Sendable {
    /// How one input's gradient compares with the finite difference of the output.
    public struct InputResult: Sendable {
        /// The input node.
        public let node: NodeID
        /// ∂output/∂input from the backward pass.
        public let gradient: Double
        /// (f(v + h) − f(v − h)) / 2h.
        public let finiteDifference: Double
        /// The step h.
        public let step: Double
        /// The relative error between the two (infinite when only one is finite).
        public let error: Double
        /// Whether a relu, abs, min or max switched sides within ±h, where a finite difference says nothing.
        public let crossesKink: Bool
    }

    /// How one edge's local partial compares with the finite difference of its primitive.
    public struct EdgeResult: Sendable {
        /// The edge index.
        public let edge: Int
        /// The recorded local partial.
        public let partial: Double
        /// The finite difference of the consumer's primitive in this operand, at the recorded operand values.
        public let finiteDifference: Double
        /// The relative error between the two.
        public let error: Double
        /// Why the edge was not compared, if it was not: the operands sit on a kink, or the difference is undefined.
        public let skipped: String?
    }

    /// The inputs compared, in id order: all of them, or when there are more than the limit, those
    /// with the largest |gradient| (NaN first).
    public let inputs: [InputResult]
    /// How many inputs the tape has (more than ``inputs`` when the limit left some out).
    public let inputCount: Int
    /// Every edge, in index order.
    public let edges: [EdgeResult]
    /// The node whose recorded value differs most from its replayed value, with that relative error.
    public let worstValue: (node: NodeID, error: Double)?
    /// The largest relative error accepted.
    public let tolerance: Double

    /// Checks `backward` (run on `tape`) with the given tolerance, comparing at most `maxInputs`
    /// inputs' gradients with finite differences (each costs a replay of what depends on it).
    public init(tape: Tape, backward: Backward, tolerance: Double = 1e-5, maxInputs: Int = 1000) {
        precondition(maxInputs >= 0, "GradientCheck: maxInputs must not be negative")
        self.tolerance = tolerance
        let base = Replay.run(tape, overriding: [:])
        var worstValue: (node: NodeID, error: Double)?
        for node in 0 ..< tape.count where !tape.op(of: node).isLeaf {
            let error = Self.relativeError(tape.value(of: node), base.values[node])
            if error > (worstValue?.error ?? 0) { worstValue = (node, error) }
        }
        self.worstValue = worstValue
        var chosen = (0 ..< tape.count).filter { tape.op(of: $0) == .input }
        self.inputCount = chosen.count
        if chosen.count > maxInputs {
            let magnitude = { (node: NodeID) in Swift.abs(backward.gradients[node]).nanAsInfinity }
            chosen = chosen.sorted { magnitude($0) != magnitude($1) ? magnitude($0) > magnitude($1) : $0 < $1 }
            chosen = chosen.prefix(maxInputs).sorted()
        }
        var perturbation = Perturbation(tape: tape, base: base, reading: backward.output)
        self.inputs = chosen.map { node in
            let value = tape.value(of: node)
            let h = Self.step(for: value)
            let plus = perturbation.value(setting: node, to: value + h)
            let minus = perturbation.value(setting: node, to: value - h)
            let difference = (plus.value - minus.value) / (2 * h)
            let gradient = backward.gradients[node]
            return InputResult(node: node, gradient: gradient, finiteDifference: difference, step: h,
                               error: Self.relativeError(gradient, difference),
                               crossesKink: plus.crossesKink || minus.crossesKink)
        }
        self.edges = (0 ..< tape.edgeCount).map { Self.checkEdge($0, on: tape) }
    }

    /// Whether every gradient is finite, every compared gradient and partial is within the tolerance, and every value replays.
    public var passed: Bool {
        inputs.allSatisfy { $0.gradient.isFinite && ($0.crossesKink || $0.error <= tolerance) }
            && edges.allSatisfy { $0.skipped != nil || $0.error <= tolerance }
            && (worstValue.map { $0.error <= tolerance } ?? true)
    }

    /// The compared input with the largest error.
    public var worstInput: InputResult? {
        inputs.filter { !$0.crossesKink }.max { Self.less($0.error, $1.error) }
    }

    /// The compared edge with the largest error.
    public var worstEdge: EdgeResult? {
        edges.filter { $0.skipped == nil }.max { Self.less($0.error, $1.error) }
    }

    /// The central-difference step for a value: ∛ε · max(|v|, 1), rounded so that v ± h is exact.
    public static func step(for value: Double) -> Double {
        let h = Double.root(Double.ulpOfOne, 3) * Swift.max(Swift.abs(value), 1)
        let rounded = (value + h) - value
        return rounded > 0 ? rounded : h
    }

    /// `|a − b| / max(|a|, |b|, 1)`; 0 when both are the same infinity or both NaN, infinite when only one is finite.
    public static func relativeError(_ a: Double, _ b: Double) -> Double {
        if a == b || (a.isNaN && b.isNaN) { return 0 }
        guard a.isFinite && b.isFinite else { return .infinity }
        return Swift.abs(a - b) / Swift.max(Swift.abs(a), Swift.abs(b), 1)
    }

    private static func less(_ a: Double, _ b: Double) -> Bool { a.nanAsInfinity < b.nanAsInfinity }

    private static func checkEdge(_ edge: Int, on tape: Tape) -> EdgeResult {
        let consumer = tape.consumer(of: edge)
        let op = tape.op(of: consumer)
        let position = tape.position(of: edge)
        let operands = tape.inputs(of: consumer).map { tape.value(of: $0) }
        let partial = tape.partial(of: edge)
        let h = step(for: operands[position])
        func evaluate(_ shift: Double) -> Double {
            var shifted = operands
            shifted[position] += shift
            switch op.kind {
            case .leaf: return .nan
            case .unary(let unary): return unary.evaluate(shifted[0], tape.parameter(of: consumer)).value
            case .binary(let binary): return binary.evaluate(shifted[0], shifted[1]).value
            }
        }
        let difference = (evaluate(h) - evaluate(-h)) / (2 * h)
        var skipped: String?
        if (op == .relu || op == .abs) && Swift.abs(operands[0]) <= h {
            skipped = "the operand is within a step of the kink at 0"
        } else if (op == .min || op == .max) && Swift.abs(operands[0] - operands[1]) <= h {
            skipped = "the operands are within a step of each other (the kink of \(op.rawValue))"
        } else if !difference.isFinite && !partial.isFinite {
            skipped = "neither the partial nor the finite difference is finite"
        } else if !difference.isFinite {
            skipped = "the finite difference is undefined (a step leaves the function's domain)"
        }
        return EdgeResult(edge: edge, partial: partial, finiteDifference: difference,
                          error: relativeError(partial, difference), skipped: skipped)
    }
}
