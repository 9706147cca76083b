import ChainTrace
import ChainTraceTensor

// Trace JSON version 2 (tensor traces), checked by recording the trace again: every operation is
// applied to its operands' recorded values, so the shapes, the values, each edge's rule and
// Jacobian kind, and the backward record are recomputed and compared with the file's, and every
// difference is reported at its JSON path.
extension TraceJSONReader {
    /// The largest rank a tensor of a trace JSON may have: the language writes scalars, vectors and matrices.
    public static let maximumTensorRank = 2

    /// How far a number of a version-2 document may stray from its recomputation: 1e-12 relative to
    /// the largest magnitude in its tensor (another tool may sum a matrix product in another order).
    static let tensorTolerance = 1e-12

    /// The operations only tensors have, by their JSON names (the scalar primitives' names are ``Op``'s).
    private static let tensorOnlyOps: [TensorOp] = [.matmul, .dot, .sum(axis: nil), .mean(axis: nil), .transpose, .softmax, .logsumexp(axis: nil), .index([]), .crossEntropy]

    /// Records one node: a leaf with the file's value, any other by applying its operation, whose
    /// shape, value, rules and partials must then agree with the file's.
    static func append(_ node: NodeV2, at path: String, index: Int, to tape: inout TensorTape) throws(TraceJSONError) {
        guard node.id == index else {
            throw TraceJSONError(path: path + ".id", message: "expected \(index): ids are the nodes' positions, from 0")
        }
        let known = Op.allCases.map(\.rawValue) + tensorOnlyOps.map(\.name)
        guard known.contains(node.op) else {
            throw TraceJSONError(path: path + ".op", message: "unknown operation '\(node.op)' (known: \(known.joined(separator: ", ")))")
        }
        try checkOwnKeys(node, at: path)
        guard let op = TensorOp(name: node.op, axis: node.axis ?? nil, index: node.index) else {
            throw TraceJSONError(path: path + ".op", message: "'\(node.op)' cannot be recorded with the keys given")
        }
        let shape = try self.shape(node, at: path)
        if let grad = node.grad, grad.values.count != shape.count {
            throw TraceJSONError(path: path + ".grad", message: "expected \(shape.count) elements for shape \(shape), found \(grad.values.count)")
        }
        if let line = node.line, line < 1 || line > Int(Int32.max) {
            throw TraceJSONError(path: path + ".line", message: "expected a line number from 1, or null")
        }
        let line = Int32(node.line ?? 0)
        let value = Tensor(shape: shape, elements: node.value.values)
        if op.isLeaf {
            guard node.inputs.isEmpty else {
                throw TraceJSONError(path: path + ".inputs", message: "'\(node.op)' is a leaf and has no operands; found \(node.inputs.count)")
            }
            let id = op == .input ? tape.appendInput(value, name: node.name ?? "", line: line) : tape.appendConstant(value, name: node.name, line: line)
            tape.setName(node.name, of: id)
            return
        }
        guard node.inputs.count == op.arity else {
            throw TraceJSONError(path: path + ".inputs", message: "'\(node.op)' takes \(op.arity) operand\(op.arity == 1 ? "" : "s"), found \(node.inputs.count)")
        }
        for (position, input) in node.inputs.enumerated() where input.node >= index {
            throw TraceJSONError(path: path + ".inputs[\(position)].node", message: "\(input.node) is not an earlier node: operands precede their consumer")
        }
        let id: TensorNodeID
        do {
            id = try tape.append(op, node.inputs.map(\.node), parameter: node.exponent ?? 0, name: node.name, line: line)
        } catch {
            let place = error.op.selectedIndex != nil ? ".index" : (error.op.axis != nil ? ".axis" : "")
            throw TraceJSONError(path: path + place, message: "\(error)")
        }
        guard tape.shape(of: id) == shape else {
            let operands = node.inputs.map { "\(tape.shape(of: $0.node))" }.joined(separator: " and ")
            throw TraceJSONError(path: path + ".shape", message: "'\(node.op)' of \(operands) gives shape \(tape.shape(of: id)), not \(shape)")
        }
        try expect(node.value, near: tape.value(of: id), at: path + ".value", what: "the value recomputed from the operands")
        for (position, edge) in zip(node.inputs.indices, tape.edges(of: id)) {
            try check(node.inputs[position], edge: edge, on: tape, at: path + ".inputs[\(position)]")
        }
    }

    /// `exponent`, `axis` and `index` belong to `powc`, the reductions and `index` respectively, and to no other operation.
    private static func checkOwnKeys(_ node: NodeV2, at path: String) throws(TraceJSONError) {
        let owners: [(key: String, present: Bool, owns: Bool, owner: String)] = [
            ("exponent", node.exponent != nil, node.op == UnaryOp.powConstant.rawValue, "powc"),
            ("axis", node.axis != nil, ["sum", "mean", "logsumexp"].contains(node.op), "sum, mean and logsumexp"),
            ("index", node.index != nil, node.op == "index", "index"),
        ]
        for (key, present, owns, owner) in owners {
            if owns && !present {
                throw TraceJSONError(path: path, message: "missing key \"\(key)\": a '\(node.op)' node needs it")
            }
            if !owns && present {
                throw TraceJSONError(path: path + "." + key, message: "only \(owner) nodes have \"\(key)\"; this is a '\(node.op)' node")
            }
        }
    }

    /// The node's shape (rank 0 without a `shape` key), which its value must fill exactly.
    private static func shape(_ node: NodeV2, at path: String) throws(TraceJSONError) -> Shape {
        let dimensions = node.shape ?? []
        guard dimensions.count <= maximumTensorRank else {
            throw TraceJSONError(path: path + ".shape", message: "rank \(dimensions.count); tensors have rank 0 to \(maximumTensorRank)")
        }
        let found = node.value.values.count
        // Multiplied with a check, so a shape like [1e18, 1e18] is a clear error rather than an overflow.
        var count = 1
        for dimension in dimensions {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw TraceJSONError(path: path + ".value", message: "shape \(dimensions) has more elements than a trace can hold; found \(found)")
            }
            count = product
        }
        let shape = Shape(dimensions)
        guard count == found else {
            throw TraceJSONError(path: path + ".value", message: "expected \(count) elements for shape \(shape), found \(found)")
        }
        return shape
    }

    /// An edge must name its rule and Jacobian kind as the engine does, and carry its partial exactly
    /// when both ends have rank 0.
    private static func check(_ stored: EdgeV2, edge: Int, on tape: TensorTape, at path: String) throws(TraceJSONError) {
        let rule = tape.rule(of: edge)
        guard stored.rule == rule.id else {
            throw TraceJSONError(path: path + ".rule", message: "expected '\(rule.id)' (\(rule)), found '\(stored.rule)'")
        }
        guard let kind = JacobianKind(rawValue: stored.jacobian) else {
            let known = JacobianKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw TraceJSONError(path: path + ".jacobian", message: "unknown Jacobian kind '\(stored.jacobian)' (known: \(known))")
        }
        guard kind == rule.kind else {
            throw TraceJSONError(path: path + ".jacobian", message: "expected '\(rule.kind.rawValue)' for rule '\(rule.id)', found '\(kind.rawValue)'")
        }
        try checkPartial(stored.partial, edge: edge, on: tape, at: path)
    }

    private static func checkPartial(_ stored: Double?, edge: Int, on tape: TensorTape, at path: String) throws(TraceJSONError) {
        switch (stored, tape.scalarPartial(of: edge)) {
        case (nil, nil): return
        case (nil, .some):
            throw TraceJSONError(path: path, message: "missing key \"partial\": an edge between two rank-0 nodes carries its local partial")
        case (.some, nil):
            throw TraceJSONError(path: path + ".partial", message: "only an edge between two rank-0 nodes carries a partial; this one has a tensor at one end")
        case (.some(let found), .some(let partial)):
            try expect(.number(found), near: Tensor(scalar: partial), at: path + ".partial", what: "the edge's local partial")
        }
    }

    /// The backward record must be the one the engine computes from the output: every node's
    /// gradient, every step (in order) with its upstream and contribution, and every sum.
    static func check(_ stored: StoredBackward, outputs: [Int], gradients: [JSONElements?], tape: TensorTape) throws(TraceJSONError) -> TensorBackward {
        guard stored.output == outputs[0] else {
            throw TraceJSONError(path: "$.backward.output", message: "expected \(outputs[0]), the first of \"outputs\"")
        }
        let backward: TensorBackward
        do {
            backward = try TensorBackward(tape: tape, from: stored.output)
        } catch {
            throw TraceJSONError(path: "$.backward.output", message: "\(error)")
        }
        for (index, grad) in gradients.enumerated() {
            guard let grad else {
                throw TraceJSONError(path: "$.nodes[\(index)].grad", message: "expected a gradient: the trace has a backward record")
            }
            try expect(grad, near: backward.gradient(of: index), at: "$.nodes[\(index)].grad", what: "the gradient the backward pass gives")
        }
        for (index, step) in stored.steps.enumerated() {
            try check(step, at: "$.backward.steps[\(index)]", index: index, of: backward, on: tape)
        }
        guard stored.steps.count == backward.steps.count else {
            throw TraceJSONError(path: "$.backward.steps", message: "expected \(backward.steps.count) steps, one per edge the pass reaches; found \(stored.steps.count)")
        }
        try checkSums(stored, of: backward, on: tape)
        return backward
    }

    private static func check(_ step: StoredStep, at path: String, index: Int, of backward: TensorBackward, on tape: TensorTape) throws(TraceJSONError) {
        guard index < backward.steps.count else {
            throw TraceJSONError(path: path, message: "the pass takes only \(backward.steps.count) steps")
        }
        let edge = backward.steps[index]
        let consumer = tape.consumer(of: edge), operand = tape.position(of: edge)
        let order = "the pass visits consumers from the output down, operands in order"
        guard step.consumer == consumer else {
            throw TraceJSONError(path: path + ".consumer", message: "expected \(consumer): \(order)")
        }
        guard step.operand == operand else {
            throw TraceJSONError(path: path + ".operand", message: "expected \(operand): \(order)")
        }
        guard step.node == tape.operand(of: edge) else {
            throw TraceJSONError(path: path + ".node", message: "expected \(tape.operand(of: edge)), operand \(operand) of node \(consumer)")
        }
        try expect(step.upstream, near: backward.upstream(of: edge, on: tape), at: path + ".upstream", what: "the consumer's gradient")
        try checkPartial(step.partial, edge: edge, on: tape, at: path)
        if let contribution = backward.contribution(of: edge) {
            try expect(step.contribution, near: contribution, at: path + ".contribution", what: "the edge's rule applied to the upstream")
        }
    }

    /// `backward.sums` lists, in node order, every node that received contributions, the steps that
    /// sent them (in arrival order) and their total, which is the node's gradient.
    private static func checkSums(_ stored: StoredBackward, of backward: TensorBackward, on tape: TensorTape) throws(TraceJSONError) {
        var stepOfEdge: [Int: Int] = [:]
        for (index, edge) in backward.steps.enumerated() { stepOfEdge[edge] = index }
        let expected = backward.arrivals(on: tape).enumerated().filter { !$0.element.isEmpty }
        for (index, sum) in stored.sums.enumerated() {
            let path = "$.backward.sums[\(index)]"
            guard index < expected.count else {
                throw TraceJSONError(path: path, message: "only \(expected.count) nodes received contributions")
            }
            let (node, edges) = expected[index]
            guard sum.node == node else { throw TraceJSONError(path: path + ".node", message: "expected \(node), found \(sum.node)") }
            let steps = edges.compactMap { stepOfEdge[$0] }
            guard sum.steps == steps else {
                throw TraceJSONError(path: path + ".steps", message: "expected \(steps), the steps that sent node \(node) its contributions")
            }
            // The file's own contributions, added in arrival order: a gradient must be their sum.
            var total = Tensor(repeating: 0, shape: tape.shape(of: node))
            for step in steps {
                for (i, contribution) in zip(total.elements.indices, stored.steps[step].contribution.values) { total.elements[i] += contribution }
            }
            try expect(sum.grad, near: total, at: path + ".grad", what: "the sum of its contributions")
        }
        guard stored.sums.count == expected.count else {
            throw TraceJSONError(path: "$.backward.sums", message: "expected \(expected.count) sums, one per node that received contributions; found \(stored.sums.count)")
        }
    }

    /// The file's number or elements against the recomputed tensor: same shape (a number for rank 0),
    /// each element within ``tensorTolerance`` of the tensor's largest magnitude, NaN matching NaN.
    private static func expect(_ found: JSONElements, near expected: Tensor, at path: String, what: String) throws(TraceJSONError) {
        let rank0 = expected.shape.rank == 0
        guard found.isArray != rank0 else {
            throw TraceJSONError(path: path, message: rank0 ? "expected a number (rank 0), found an array" : "expected an array of \(expected.shape.count) elements (shape \(expected.shape)), found a number")
        }
        let values = found.values
        guard values.count == expected.elements.count else {
            throw TraceJSONError(path: path, message: "expected \(expected.elements.count) elements for shape \(expected.shape), found \(values.count)")
        }
        var scale = 0.0
        for x in values + expected.elements where x.isFinite { scale = Swift.max(scale, Swift.abs(x)) }
        for (offset, (a, b)) in zip(values, expected.elements).enumerated() {
            let agree = a == b || (a.isNaN && b.isNaN) || (a.isFinite && b.isFinite && Swift.abs(a - b) <= tensorTolerance * scale)
            guard agree else {
                let place = rank0 ? path : "\(path)[\(offset)]"
                let element = rank0 ? "" : " (element \(expected.shape.index(of: offset)))"
                throw TraceJSONError(path: place, message: "\(NumberText.exact(a)) disagrees with \(what)\(element), \(NumberText.exact(b))")
            }
        }
    }
}
