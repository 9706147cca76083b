import ChainTrace
import ChainTraceTensor

extension Program {
    /// Runs a tensor program, recording every operation on a new tensor tape (scalars are rank-0 tensors).
    ///
    /// - Parameters:
    ///   - inputs: values that override inputs' literals (same shape) or supply inputs the program never assigns.
    ///   - output: the node to differentiate, by `TensorTape.node(named:)` (a
    ///     name's last node, or `#id`); the last statement's node when nil. It may have any shape:
    ///     a backward pass needs one element, and says so.
    public func runTensors(inputs: [String: Tensor] = [:], output: String? = nil) throws(ProgramError) -> TensorProgramRun {
        var evaluator = TensorEvaluator(program: self, inputs: inputs)
        for statement in statements {
            try evaluator.execute(statement)
        }
        let last = try checkInputs(inputs.keys, used: evaluator.usedInputs, bound: evaluator.nodes)
        let chosen: TensorNodeID?
        do {
            chosen = try output.map(evaluator.tape.node(named:)) ?? evaluator.nodes[last.target.index]
        } catch {
            throw self.error(nil, "--output: \(error)")
        }
        guard let outputNode = chosen else { throw error(nil, "the last statement, '\(last.target.text)', has no value to differentiate") }
        return TensorProgramRun(tape: evaluator.tape, output: outputNode, bindings: bindings(evaluator.nodes), file: file)
    }

    /// A tensor program run and expanded to its scalar trace (``TensorProgramRun/expanded(output:)``), for
    /// ``run(inputs:output:)``: `inputs` may set whole rank-0 inputs (`b`) or single elements by
    /// their expanded names (`W1[1,0]`), as the scalar trace's inputs are named.
    func runExpanded(inputs: [String: Double], output: String?) throws(ProgramError) -> ProgramRun {
        var whole: [String: Tensor] = [:], elements: [String: Double] = [:]
        for (name, value) in inputs {
            if name.hasSuffix("]") { elements[name] = value } else { whole[name] = Tensor(scalar: value) }
        }
        var run = try runTensors(inputs: whole)
        if !elements.isEmpty {
            // Set the named elements of the inputs' tensors, then run again with them.
            var tensors = whole
            for node in 0 ..< run.tape.count where run.tape.op(of: node) == .input {
                guard let name = run.tape.name(of: node) else { continue }
                var value = run.tape.value(of: node)
                for offset in value.elements.indices {
                    let element = TensorExpansion.elementName(name, shape: value.shape, offset: offset)
                    if let given = elements.removeValue(forKey: element) {
                        value.elements[offset] = given
                        tensors[name] = value
                    }
                }
            }
            if let unknown = elements.keys.sorted().first {
                throw error(nil, "--at \(unknown)=…: the program has no input element named '\(unknown)'" + listing(inputNames, "its inputs"))
            }
            run = try runTensors(inputs: tensors)
        }
        return try run.expanded(output: output)
    }
}

/// The result of running a tensor program: the tensor tape, the output node and each name's final node.
public struct TensorProgramRun: Sendable {
    /// Every recorded tensor node.
    public let tape: TensorTape
    /// The node chosen as the output.
    public let output: TensorNodeID
    /// Each name's node at the end of the program.
    public let bindings: [String: TensorNodeID]
    /// The program's file name, for messages.
    let file: String

    /// The backward pass from the output; an error naming the program when the output has more than one element.
    public func backward() throws(ProgramError) -> TensorBackward {
        do {
            return try TensorBackward(tape: tape, from: output)
        } catch {
            throw ProgramError(file: file, location: nil, message: error.description, sourceLine: nil)
        }
    }

    /// The scalar trace the run stands for (`TensorExpansion`), as a scalar
    /// program's run, so every scalar tool works on it. Its bindings name each rank-0 name's node and
    /// each element of the other names (`h[0]`).
    ///
    /// - Parameter output: a node of the scalar trace by `Tape.node(named:)` (`J`, `h[0]`, `#12`);
    ///   when nil, the one element of the run's output (an error if it has more).
    public func expanded(output: String? = nil) throws(ProgramError) -> ProgramRun {
        let expansion = TensorExpansion(expanding: tape)
        var scalarBindings: [String: NodeID] = [:]
        for (name, node) in bindings {
            let shape = tape.shape(of: node)
            for (offset, element) in expansion.elements[node].enumerated() {
                scalarBindings[TensorExpansion.elementName(name, shape: shape, offset: offset)] = element
            }
        }
        let scalarOutput: NodeID
        if let output {
            do {
                scalarOutput = try expansion.tape.node(named: output)
            } catch {
                throw ProgramError(file: file, location: nil, message: "--output: \(error)", sourceLine: nil)
            }
        } else {
            _ = try backward()
            scalarOutput = expansion.scalarOutput(of: self.output)
        }
        return ProgramRun(tape: expansion.tape, output: scalarOutput, bindings: scalarBindings)
    }
}

extension TensorTape {
    /// The node a user means by `term`, by the scalar tape's one rule (`Tape.node(named:)`):
    /// `#3` is the node with id 3, a name its last node; an unknown name suggests close ones.
    public func node(named term: String) throws(NodeLookupError) -> TensorNodeID {
        // The scalar rule reads only names and ids: a tape of named leaves, one per node, gives it here unchanged.
        var names = Tape()
        for node in 0 ..< count { names.appendLeaf(.constant, value: 0, name: name(of: node)) }
        return try names.node(named: term)
    }
}
