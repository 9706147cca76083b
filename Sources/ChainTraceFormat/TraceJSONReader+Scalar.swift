import ChainTrace

/// A version-1 document as it is read: the tape built node by node, each node's gradient, and what
/// the other keys hold, checked together by ``document()`` once the text has been read.
struct ScalarReading {
    let limits: Limits
    var tape = Tape()
    /// Each node's gradient, NaN where the file has null.
    var gradients: [Double] = []
    /// The first node whose gradient is null.
    var firstWithoutGradient: Int?
    var outputs: [Int] = []
    var backward: StoredBackward?
    var paths: SectionIDs?
    var tangentInput: SectionIDs?
    var formulas: SectionIDs?

    init(limits: Limits) {
        self.limits = limits
    }

    /// The document, once the tape, the outputs, the sections' ids and the backward record agree.
    func document() throws(TraceJSONError) -> TraceDocument {
        if let problem = tape.validate().first { throw Self.error(problem) }
        guard !outputs.isEmpty else {
            throw TraceJSONError(path: "$.outputs", message: "expected at least one output node id")
        }
        for (index, output) in outputs.enumerated() where output < 0 || output >= tape.count {
            throw TraceJSONError(path: "$.outputs[\(index)]", message: "\(output) is not a node id (the trace has \(tape.count) nodes)")
        }
        for section in [paths, tangentInput, formulas] {
            for (id, path) in section?.ids ?? [] where id >= tape.count {
                throw TraceJSONError(path: path, message: "\(id) is not a node id (the trace has \(tape.count) nodes)")
            }
        }
        guard let backward else {
            return TraceDocument(tape: tape, outputs: outputs, backward: nil)
        }
        return TraceDocument(tape: tape, outputs: outputs, backward: try check(backward))
    }

    private func check(_ stored: StoredBackward) throws(TraceJSONError) -> Backward {
        guard stored.output == outputs[0] else {
            throw TraceJSONError(path: "$.backward.output", message: "expected \(outputs[0]), the first of \"outputs\"")
        }
        if let node = firstWithoutGradient {
            throw TraceJSONError(path: "$.nodes[\(node)].grad", message: "expected a gradient: the trace has a backward record")
        }
        var steps: [Int32] = []
        steps.reserveCapacity(stored.steps.count)
        for (index, step) in stored.steps.enumerated() {
            // Made only when needed: a string per step would cost as much as reading it.
            let path = { "$.backward.steps[\(index)]" }
            guard step.consumer >= 0 && step.consumer < tape.count else {
                throw TraceJSONError(path: path() + ".consumer", message: "\(step.consumer) is not a node id")
            }
            let edges = tape.edges(of: step.consumer)
            guard step.operand >= 0 && step.operand < edges.count else {
                throw TraceJSONError(path: path() + ".operand", message: "node \(step.consumer) has \(edges.count) operands, not \(step.operand + 1)")
            }
            let edge = edges.lowerBound + step.operand
            let upstream = step.upstream.scalar, partial = step.partial ?? .nan
            try Self.expect(step.node, equals: tape.operand(of: edge), at: path() + ".node")
            try Self.expect(upstream, near: gradients[step.consumer], at: path() + ".upstream", what: "the consumer's gradient")
            try Self.expect(partial, near: tape.partial(of: edge), at: path() + ".partial", what: "the edge's partial")
            try Self.expect(step.contribution.scalar, near: upstream * partial, at: path() + ".contribution", what: "upstream × partial")
            steps.append(Int32(edge))
        }
        let record = Backward(output: stored.output, gradients: gradients, steps: steps)
        if let problem = tape.validate(record).first { throw Self.error(problem) }
        try checkGradients(of: record, contributions: stored.steps)
        try checkSums(stored.sums, of: record)
        return record
    }

    /// Each node's gradient must be what the backward pass gives it: the seed 1 at the output, plus
    /// the contributions the steps sent it (0 for a node none reached). A leaf's gradient is checked
    /// nowhere else. The tolerance is relative to the contributions' magnitudes, so that a writer
    /// adding them in another order agrees.
    private func checkGradients(of record: Backward, contributions: [StoredStep]) throws(TraceJSONError) {
        var sums = [Double](repeating: 0, count: tape.count), magnitudes = sums
        sums[record.output] = 1
        magnitudes[record.output] = 1
        for (step, edge) in record.steps.enumerated() {
            let node = tape.operand(of: Int(edge)), contribution = contributions[step].contribution.scalar
            sums[node] += contribution
            magnitudes[node] += Swift.abs(contribution)
        }
        for (node, gradient) in record.gradients.enumerated() {
            let sum = sums[node]
            let agree = gradient == sum || (gradient.isNaN && sum.isNaN) || (gradient.isFinite && sum.isFinite
                && Swift.abs(gradient - sum) <= 1e-12 * Swift.max(Swift.abs(gradient), magnitudes[node]))
            guard !agree else { continue }
            let expected = node == record.output ? "the output's seed, 1"
                : magnitudes[node] == 0 ? "0: no step sends it a contribution"
                : "the sum of the contributions it received, \(NumberText.exact(sum))"
            throw TraceJSONError(path: "$.nodes[\(node)].grad", message: "\(NumberText.exact(gradient)) disagrees with \(expected)")
        }
    }

    /// `backward.sums` must list, in node order, every node that received contributions, with the
    /// steps that sent them (in arrival order) and their total, the node's gradient.
    private func checkSums(_ sums: [StoredSum], of record: Backward) throws(TraceJSONError) {
        var stepOfEdge = [Int](repeating: -1, count: tape.edgeCount)
        for (index, edge) in record.steps.enumerated() { stepOfEdge[Int(edge)] = index }
        let expected = record.arrivals(on: tape).enumerated().filter { !$0.element.isEmpty }
        for (index, sum) in sums.enumerated() {
            let path = { "$.backward.sums[\(index)]" }
            guard index < expected.count else {
                throw TraceJSONError(path: path(), message: "only \(expected.count) nodes received contributions")
            }
            let (node, edges) = expected[index]
            try Self.expect(sum.node, equals: node, at: path() + ".node")
            let steps = edges.map { stepOfEdge[$0] }.filter { $0 >= 0 }
            guard sum.steps == steps else {
                throw TraceJSONError(path: path() + ".steps", message: "expected \(steps), the steps that sent node \(node) its contributions")
            }
            try Self.expect(sum.grad.scalar, near: record.gradients[node], at: path() + ".grad", what: "the node's gradient")
        }
        guard sums.count == expected.count else {
            throw TraceJSONError(path: "$.backward.sums", message: "expected \(expected.count) sums, one per node that received contributions; found \(sums.count)")
        }
    }

    private static func expect(_ found: Int, equals expected: Int, at path: @autoclosure () -> String) throws(TraceJSONError) {
        guard found == expected else { throw TraceJSONError(path: path(), message: "expected \(expected), found \(found)") }
    }

    private static func expect(_ found: Double, near expected: Double, at path: @autoclosure () -> String, what: String) throws(TraceJSONError) {
        let agree = found == expected || (found.isNaN && expected.isNaN)
            || Swift.abs(found - expected) <= 1e-12 * Swift.max(Swift.abs(found), Swift.abs(expected))
        guard agree else {
            throw TraceJSONError(path: path(), message: "\(NumberText.exact(found)) disagrees with \(what), \(NumberText.exact(expected))")
        }
    }

    private static func error(_ problem: TapeProblem) -> TraceJSONError {
        let path = switch problem.place {
        case .node(let node): "$.nodes[\(node)]"
        case .operand(let node, let index): "$.nodes[\(node)].inputs[\(index)]"
        case .backwardOutput: "$.backward.output"
        case .gradients: "$.nodes"
        case .step(let index): "$.backward.steps[\(index)]"
        }
        return TraceJSONError(path: path, message: problem.message)
    }
}
