import ChainTrace
import ChainTraceLanguage
import ChainTraceTensor

extension Audit {
    /// Audits a tensor computation recorded at several points with one layout; `runs[0]` is the one reported.
    ///
    /// Each hand-written tensor is compared, every element at every point, with ∂output/∂node for the
    /// nodes of its shape, and with the transposed gradients of matrices of the transposed shape
    /// (``CandidateAudit/transposed``). Verdicts and factors are the scalar audit's, at tensor level.
    public init(tensorRuns runs: [TensorTape], output: TensorNodeID) throws(AuditError) {
        let evaluations = try TensorEvaluations(tapes: runs, output: output)
        let naming = TensorAuditNaming(tape: evaluations.base)
        let matchers = TensorMatchers(evaluations: evaluations, naming: naming)
        var decomposer = TensorDecomposer(evaluations: evaluations, naming: naming, matchers: matchers)
        var branchSearch: TensorBranchSearch?
        var candidates: [CandidateAudit] = []
        let tape = evaluations.base
        for node in Self.tensorCandidates(evaluations) {
            let values = evaluations.values(node), shape = tape.shape(of: node)
            let matcher = matchers.matcher(for: shape)
            var verdict = AuditVerdict.none, match: GradientMatcher.Target?, error = Double.infinity
            var factor: Double?, difference: Double?, sameGradient: [TensorNodeID] = [], branch: BranchPart?
            let equalGradients = matcher.equalGradients(values)
            if let equal = equalGradients.first {
                (verdict, match, error) = (.equal, equal.target, equal.error)
                sameGradient = equalGradients.map(\.target).filter { $0.node != equal.target.node && !$0.transposed && naming.rank($0.node) < 2 }.map(\.node)
                if !equal.target.transposed { decomposer.reusable[node] = equal.target.node }
            } else if let step = matcher.step(values), decomposer.writesTerm(step.target.node, in: node) {
                (verdict, match, error, factor) = (.step, step.target, step.error, step.rate)
            } else if let scaled = matcher.scaled(values) {
                (verdict, match, error, factor) = (.scaled, scaled.target, scaled.error, scaled.factor)
            } else if let partial = { () -> (incomplete: TensorBranchSearch.Incomplete, error: Double)? in
                if branchSearch == nil { branchSearch = TensorBranchSearch(evaluations: evaluations, budget: BranchSearch.budget) }
                return branchSearch?.match(values, shape: shape, evaluations: evaluations, naming: naming)
            }() {
                let found = partial.incomplete
                (verdict, error) = (.partial, partial.error)
                match = GradientMatcher.Target(node: found.node, transposed: false, gradient: found.gradient, weights: nil)
                branch = BranchPart(branchPoint: naming.node(found.branchPoint), included: found.edges.map(naming.edge),
                                    total: evaluations.arrivals[found.branchPoint].count)
            } else if let closest = matcher.closest(values) {
                let at = matcher.anchor(closest.target.gradient)
                (match, error) = (closest.target, closest.error)
                factor = values[at] / closest.target.gradient[at]
                difference = values[at] - closest.target.gradient[at]
            }
            let matched = match.flatMap { $0.transposed ? nil : $0.node }
            let terms = decomposer.decompose(node, matched: matched)
            let repaired = verdict == .none ? Self.repairedSigmoidPartial(values, terms: terms, numbers: evaluations.values, matcher: matcher) : nil
            candidates.append(CandidateAudit(
                node: naming.node(node), line: Int(tape.line(of: node)), value: values[0], shape: shape.dimensions,
                elements: Array(values[0 ..< shape.count]), transposed: match?.transposed ?? false, verdict: verdict,
                match: match.map { naming.node($0.node) }, sameGradient: sameGradient.map(naming.node), factor: factor,
                difference: difference, maxRelativeError: error, branch: branch,
                terms: terms, withOutputSigmoidPartial: repaired.map(naming.node)
            ))
        }
        self.output = naming.node(output)
        self.points = runs.count
        self.candidates = candidates
        self.partialSearchComplete = branchSearch?.complete ?? true
    }

    /// The hand-written tensors: the last node of each name, computed and outside the forward computation.
    static func tensorCandidates(_ evaluations: TensorEvaluations) -> [TensorNodeID] {
        let tape = evaluations.base
        return lastOfEachName(count: tape.count, name: tape.name(of:)) { !evaluations.inCone[$0] && !tape.op(of: $0).isLeaf }
    }

    /// Runs a tensor program at its inputs and at `points − 1` perturbed copies of them, then audits at tensor level.
    ///
    /// Every element of each named input the output depends on moves by up to ±``perturbation`` of its
    /// value (±0.05 when it is 0), from a fixed seed; other inputs (a learning rate) keep their values.
    ///
    /// - Parameters:
    ///   - program: a program with tensor syntax (`Program.isTensorProgram`).
    ///   - inputs: input tensors, as `--at` gives them.
    ///   - output: the name to differentiate (one element); ``defaultOutput(of:)`` when nil.
    ///   - points: how many input points every match must hold at, the program's own included.
    ///   - seed: the seed of the perturbations, so an audit repeats exactly.
    public init(tensorProgram program: Program, inputs: [String: Tensor] = [:], output: String? = nil, points: Int = 8, seed: UInt64 = 1) throws {
        precondition(points >= 1, "Audit(tensorProgram:) needs at least one point")
        var name = output
        if name == nil {
            name = Self.defaultOutput(of: try program.runTensors(inputs: inputs).bindings)
            guard name != nil else {
                throw AuditError("\(program.file): the program assigns neither 'loss' nor 'J'; name the output to audit with --output NAME")
            }
        }
        let base = try program.runTensors(inputs: inputs, output: name)
        let backward = try base.backward()
        let reached = backward.reachedNodes(on: base.tape)
        let moving = (0 ... base.output).filter { reached[$0] && base.tape.op(of: $0) == .input }.compactMap { node in
            base.tape.name(of: node).map { (name: $0, value: base.tape.value(of: node)) }
        }
        var generator = SplitMix64(seed: seed)
        var runs = [base.tape]
        for _ in 1 ..< points {
            var moved = inputs
            for input in moving {
                var value = input.value
                for i in value.elements.indices { value.elements[i] = Self.perturbed(value.elements[i], by: &generator) }
                moved[input.name] = value
            }
            runs.append(try program.runTensors(inputs: moved, output: name).tape)
        }
        try self.init(tensorRuns: runs, output: base.output)
    }
}
