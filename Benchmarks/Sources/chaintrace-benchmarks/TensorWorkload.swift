import ChainTrace
import ChainTraceFormat
import ChainTraceTensor
import Foundation

/// Workload 10: an MLP at tensor level (784-128-10, batch 64, sigmoid or relu hidden layer, softmax
/// cross-entropy), recorded on a `TensorTape` with the full backward record (every edge's upstream and
/// contribution), against the same forward and backward written by hand on flat arrays.
/// Checks: the gradients against the hand-written ones, a few entries against central differences, and
/// a small net's tensor gradients against its scalar expansion.
func tensorWorkload(_ settings: Settings) throws {
    for activation in [UnaryOp.sigmoid, .relu] {
        let net = TensorMLP(widths: settings.tensorWidths, batch: settings.tensorBatch, activation: activation, seed: 42)
        var recording = Double.infinity, backward = Double.infinity
        var result: (tape: TensorTape, record: TensorBackward)?
        let step = try Stopwatch.best(settings.tensorRepeats) {
            var tape = TensorTape()
            var loss = 0
            recording = min(recording, try Stopwatch.seconds { (tape, loss) = try net.record(net.parameters) })
            try backward = min(backward, Stopwatch.seconds { result = (tape, try TensorBackward(tape: tape, from: loss)) })
        }
        let untraced = Stopwatch.best(settings.tensorRepeats * 3) { _ = net.handWritten() }
        let key = "tensor.mlp.\(activation.rawValue)"
        let ops = Double(result?.tape.count ?? 0)
        let (n, d, k) = settings.tensorWidths
        Report.figure(key, step * 1e3, "ms", "\(n)-\(d)-\(k) MLP (\(activation.rawValue)), batch \(settings.tensorBatch): forward + backward with the full record")
        Report.figure(key + ".recording", recording * 1e3, "ms", "recording alone (fastest run)")
        Report.figure(key + ".backward", backward * 1e3, "ms", "backward pass alone (fastest run)")
        Report.figure(key + ".nodes", ops, "nodes", "tensor nodes recorded")
        Report.figure(key + ".untraced", untraced * 1e3, "ms", "the same step by hand on flat arrays")
        guard let (tape, record) = result else { continue }
        let hand = net.handWritten()
        let recorded = net.parameterIDs.flatMap { record.gradient(of: $0).elements }
        let difference = largestRelativeDifference(hand.gradients, recorded, floor: 1e-12)
        Report.check(key + ".gradients", difference <= 1e-9 && abs(hand.loss - tape.value(of: tape.count - 1).elements[0]) <= 1e-12,
                     "\(recorded.count) gradients within \(difference) relative of the hand-written step")
        try checkFiniteDifferences(net, record, key: key)
        if activation == .sigmoid { try tensorJSON(tape, record, settings) }
    }
    try checkExpansion()
}

/// The MLP's record as trace JSON version 2 (every value, gradient, upstream and contribution),
/// written into memory; it must read back as the same document.
private func tensorJSON(_ tape: TensorTape, _ record: TensorBackward, _ settings: Settings) throws {
    let document = TensorTraceDocument(tape: tape, outputs: [record.output], backward: record)
    var bytes: [UInt8] = []
    let export = Stopwatch.best(settings.tensorRepeats) { bytes = TraceJSONWriter.utf8(document) }
    Report.figure("tensor.json.export", Double(bytes.count) / 1e6 / export, "MB/s", "the sigmoid MLP's record as trace JSON version 2 (\(bytes.count / 1000) kB), into memory")
    guard case .tensor(let read) = try TraceJSONReader.readAny(Data(bytes)) else { return Report.check("tensor.json.roundtrip", false, "not read back as a tensor trace") }
    Report.check("tensor.json.roundtrip", read == document, "the record read back equals the one written")
}

/// A few entries of each parameter's gradient against central differences of the recorded loss.
private func checkFiniteDifferences(_ net: TensorMLP, _ record: TensorBackward, key: String) throws {
    var worst = 0.0
    for (parameter, id) in net.parameterIDs.enumerated() {
        for element in [0, net.parameters[parameter].shape.count / 2, net.parameters[parameter].shape.count - 1] {
            let step = 1e-6
            var up = net.parameters, down = net.parameters
            up[parameter].elements[element] += step
            down[parameter].elements[element] -= step
            let (upTape, upLoss) = try net.record(up), (downTape, downLoss) = try net.record(down)
            let estimate = (upTape.value(of: upLoss).elements[0] - downTape.value(of: downLoss).elements[0]) / (2 * step)
            let exact = record.gradient(of: id).elements[element]
            worst = max(worst, abs(estimate - exact) / max(abs(exact), 1e-3))
        }
    }
    Report.check(key + ".finite-differences", worst <= 1e-5, "12 entries within \(worst) of central differences (relative, floor 1e-3)")
}

/// A small net (6-4-3, batch 2) against its scalar expansion: every parameter gradient.
private func checkExpansion() throws {
    let net = TensorMLP(widths: (6, 4, 3), batch: 2, activation: .sigmoid, seed: 7)
    let (tape, loss) = try net.record(net.parameters)
    let record = try TensorBackward(tape: tape, from: loss)
    let expansion = TensorExpansion(expanding: tape)
    let scalar = Backward(tape: expansion.tape, from: expansion.scalarOutput(of: loss))
    let expanded = net.parameterIDs.flatMap { expansion.elements[$0].map { scalar.gradients[$0] } }
    let difference = largestRelativeDifference(expanded, net.parameterIDs.flatMap { record.gradient(of: $0).elements }, floor: 1e-12)
    Report.check("tensor.mlp.expansion", difference <= 1e-12,
                 "6-4-3 net, batch 2: \(expanded.count) gradients of \(expansion.tape.count) scalar nodes within \(difference) relative")
}
