import ChainTrace
import Foundation

/// Workloads 1–3: micrograd's demo step through the library, by hand, and by compiler autodiff.
/// Writes the data and the library's loss and gradients for the micrograd peer, and the step as
/// a `.ct` program for the CLI workload.
func stepWorkloads(_ settings: Settings) throws {
    let network = Network()
    let moons = Moons(count: settings.points)
    let names = network.parameterNames
    let traced = network.tracedStep(on: moons, names: names)
    libraryStep(settings, network: network, moons: moons, names: names)

    let handWritten = network.handWrittenStep(on: moons)
    let untraced = Stopwatch.best(settings.untracedRepeats) { _ = network.handWrittenStep(on: moons) }
    Report.figure("step.untraced", untraced * 1e3, "ms", "the same step, untraced hand-written Swift forward + backward")
    compare("step.untraced", handWritten, traced)

    let autodiff = network.autodiffStep(on: moons)
    let compiled = Stopwatch.best(settings.autodiffRepeats) { _ = network.autodiffStep(on: moons) }
    Report.figure("step.autodiff", compiled * 1e3, "ms", "the same step, Swift compiler autodiff (_Differentiation)")
    compare("step.autodiff", autodiff, traced)

    try network.peerData(on: moons, loss: traced.loss, gradients: traced.gradients)
        .write(toFile: settings.directory + "/moons.json", atomically: true, encoding: .utf8)
    try network.program(on: moons).write(toFile: settings.directory + "/moons.ct", atomically: true, encoding: .utf8)
}

/// Workload 1 alone (`--library-step`, for `perf record` of the engine): the library's step, repeated.
func libraryStepWorkload(_ settings: Settings) {
    let network = Network()
    libraryStep(settings, network: network, moons: Moons(count: settings.points), names: network.parameterNames)
}

/// Times the library's step: recording, then the backward pass with its full record; the fastest of
/// ``Settings/stepRepeats`` runs of each. Twice: each neuron's sum written with the operators
/// (`step.library`), then with the library's `weightedSum` (`step.library.weightedSum`), after a
/// check that both record the same tape.
private func libraryStep(_ settings: Settings, network: Network, moons: Moons, names: [String]) {
    // A training loop records the same step again and again: it reserves the tape the first step
    // needed, so recording does not regrow (and copy) its storage from empty every time.
    let first = Trace()
    _ = network.tracedLoss(on: moons, trace: first, names: names)
    let summed = Trace()
    _ = network.tracedLoss(on: moons, trace: summed, names: names, weightedSums: true)
    Report.check("step.library.weightedSum.tape", summed.tape == first.tape,
                 "weightedSum records the tape the operators record (\(first.tape.count) nodes)")
    let size = (nodes: first.tape.count, edges: first.tape.edgeCount)
    for (key, weightedSums) in [("step.library", false), ("step.library.weightedSum", true)] {
        var recording = Double.infinity, backward = Double.infinity
        let step = Stopwatch.best(settings.stepRepeats) {
            var trace = Trace()
            var loss: Traced = 0
            recording = min(recording, Stopwatch.seconds {
                trace = Trace(reservingNodes: size.nodes, edges: size.edges)
                loss = network.tracedLoss(on: moons, trace: trace, names: names, weightedSums: weightedSums).loss
            })
            backward = min(backward, Stopwatch.seconds { _ = trace.backward(from: loss) })
        }
        let nodes = Double(size.nodes)
        let spelling = weightedSums ? ", each neuron's sum by weightedSum" : ", each neuron's sum by the operators"
        Report.figure(key, step * 1e3, "ms", "micrograd's demo step, library, forward + backward with the full record" + spelling)
        Report.figure(key + ".node", step / nodes * 1e9, "ns/node", "the same per recorded node")
        Report.figure(key + ".recording.node", recording / nodes * 1e9, "ns/node", "recording alone (fastest run)")
        Report.figure(key + ".recording", recording * 1e3, "ms", "recording alone (fastest run)")
        Report.figure(key + ".backward.node", backward / nodes * 1e9, "ns/node", "backward pass alone (fastest run)")
    }
    Report.figure("step.nodes", Double(size.nodes), "nodes", "nodes recorded by one step")
}

/// Checks an untraced loss and gradient against the library's, to 1e-12 relative.
private func compare(_ key: String, _ result: (loss: Double, gradients: [Double]), _ traced: (loss: Double, gradients: [Double], nodes: Int)) {
    let lossDifference = largestRelativeDifference([result.loss], [traced.loss])
    let gradientDifference = largestRelativeDifference(result.gradients, traced.gradients)
    Report.figure(key + ".difference", gradientDifference, "relative", "largest relative gradient difference from the library's")
    Report.check(key + ".gradients", lossDifference <= 1e-12 && gradientDifference <= 1e-12,
                 "loss \(result.loss) vs \(traced.loss); \(result.gradients.count) gradients within \(gradientDifference) relative")
}
