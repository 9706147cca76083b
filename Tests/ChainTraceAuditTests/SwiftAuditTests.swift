import ChainTrace
import ChainTraceAudit
import Testing

/// Auditing gradient code written in Swift with `Trace`, recorded again at perturbed inputs.
@Suite struct SwiftAuditTests {
    /// A sigmoid neuron with its hand-written delta, its weight gradient and a wrong-sign bias gradient.
    static func record(_ values: [String: Double]) -> (tape: Tape, output: NodeID) {
        let trace = Trace()
        let w = trace.input("w", values["w"] ?? 0.4), x = trace.input("x", values["x"] ?? 1.5)
        let b = trace.input("b", values["b"] ?? -0.2), y = trace.input("y", values["y"] ?? 1)
        let a = (w * x + b).named("a")
        let o = sigmoid(a).named("o")
        let loss = (0.5 * (o - y) * (o - y)).named("loss")
        let delta = ((o - y) * o * (1 - o)).named("delta")
        _ = (delta * x).named("dw")
        _ = (-delta).named("db_wrong")
        return (trace.tape, loss.id ?? 0)
    }

    @Test func swiftCodeIsAuditedAtPerturbedPoints() throws {
        let audit = try Audit(record: Self.record)
        let verdicts = Dictionary(uniqueKeysWithValues: audit.candidates.map { ($0.node.name, ($0.verdict, $0.match?.name, $0.factor)) })
        #expect(verdicts["delta"]?.0 == .equal && verdicts["delta"]?.1 == "a")
        #expect(verdicts["dw"]?.0 == .equal && verdicts["dw"]?.1 == "w")
        #expect(verdicts["db_wrong"]?.0 == .scaled && verdicts["db_wrong"]?.2 == -1)
    }

    @Test func codeThatRecordsDifferentOperationsAtAnotherPointIsRefused() throws {
        #expect(throws: AuditError.self) {
            try Audit { values in
                let trace = Trace()
                let x = trace.input("x", values["x"] ?? 1)
                // Branching on the value: the perturbed points record another computation.
                let y = (values["x"] == nil ? x * x : x * x * x).named("y")
                return (trace.tape, y.id ?? 0)
            }
        }
    }
}
