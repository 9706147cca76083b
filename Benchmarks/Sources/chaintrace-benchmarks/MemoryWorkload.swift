import ChainTrace

/// Workload 4, run in a process of its own so that nothing before it raised the peak: records
/// about `settings.memoryNodes` nodes (the demo step on more points), runs the backward pass, and
/// divides the growth of the peak resident set by the nodes.
func memoryWorkload(_ settings: Settings) {
    let network = Network()
    let moons = Moons(count: max(1, settings.memoryNodes / 647))  // a point records 647 nodes
    let names = network.parameterNames
    let before = Memory.peakResident()
    let trace = Trace()
    let loss = network.tracedLoss(on: moons, trace: trace, names: names).loss
    let backward = trace.backward(from: loss)
    let after = Memory.peakResident()
    let nodes = Double(trace.tape.count)
    let tape = Memory.arrayBytes(of: trace.tape), record = Memory.arrayBytes(of: backward)
    let used = tape.used + record.used, allocated = tape.allocated + record.allocated
    Report.figure("memory.nodes", nodes, "nodes", "nodes recorded for the memory figure")
    Report.figure("memory.peak.node", Double(after - before) / nodes, "B/node", "peak RSS growth (VmHWM) per recorded node, backward included")
    Report.figure("memory.arrays.node", Double(used) / nodes, "B/node", "the tape's and backward record's arrays (count × stride) per node")
    Report.figure("memory.allocated.node", Double(allocated) / nodes, "B/node", "the same arrays' allocated capacity per node")
    Report.check("memory.measured", after > before && used > 0 && backward.gradients.count == trace.tape.count,
                 "peak \(before) → \(after) bytes, arrays \(used) bytes used of \(allocated) allocated")
}
