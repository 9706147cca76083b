import ChainTrace

/// A parsed `.ct` program: statements one per line, ready to run with input values.
///
/// ```
/// x = 2          # an input leaf (a name first assigned a plain number)
/// u = x^2 + 1
/// y = u^3        # the output: the last statement, unless another is chosen
/// ```
public struct Program: Sendable {
    /// The file name used in messages.
    public let file: String
    private let lines: [String]
    private let statements: [Statement]
    /// The bounds on nesting, names and nodes recorded.
    let limits: Limits

    /// Parses program text; `file` names it in error messages; `limits` bound its nesting depth,
    /// its names' length and the nodes a run may record.
    public init(source: String, file: String, limits: Limits = Limits()) throws(ProgramError) {
        let lines = source.replacingLineEndings().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fail = { (location: SourceLocation, message: String) in
            ProgramError(file: file, location: location, message: message,
                         sourceLine: lines.indices.contains(location.line - 1) ? lines[location.line - 1] : nil)
        }
        var lexer = Lexer(source, fail: fail)
        let tokens = try lexer.tokens()
        for token in tokens {
            guard case .name(let name) = token.kind, limits.exceedsNameLength(name) else { continue }
            throw fail(token.location, limits.nameLengthMessage(name))
        }
        var parser = Parser(tokens: tokens, limits: limits, fail: fail)
        self.statements = try parser.statements()
        self.limits = limits
        self.file = file
        self.lines = lines
    }

    /// Names the program treats as inputs, in order of appearance: those first assigned a plain
    /// number, and those used without ever being assigned (which `--at` must supply).
    public var inputNames: [String] {
        var assigned: Set<String> = []
        var seen: Set<String> = []
        var inputs: [String] = []
        for statement in statements {
            for name in statement.expression.names where !assigned.contains(name) && seen.insert(name).inserted {
                inputs.append(name)
            }
            if statement.compound == nil, !assigned.contains(statement.target), statement.expression.literal != nil,
               seen.insert(statement.target).inserted {
                inputs.append(statement.target)
            }
            assigned.insert(statement.target)
        }
        return inputs
    }

    /// Runs the program, recording every operation on a new tape.
    ///
    /// - Parameters:
    ///   - inputs: values that override inputs' literals or supply inputs the program never assigns.
    ///   - output: the node to differentiate, by `Tape.node(named:)` (a name's last node, or `#id`);
    ///     the last statement's node when nil.
    public func run(inputs: [String: Double] = [:], output: String? = nil) throws(ProgramError) -> ProgramRun {
        var evaluator = Evaluator(program: self, inputs: inputs)
        for statement in statements {
            try evaluator.execute(statement)
            // Checked per statement: one line records at most a few nodes per character of it.
            if evaluator.tape.count > limits.nodes {
                throw error(statement.targetLocation, "the program records more than \(limits.nodes) nodes "
                    + Limits.hit("node", limits.nodes, option: "--max-trace-nodes"))
            }
        }
        let known = Set(inputNames)
        for name in inputs.keys.sorted() where !evaluator.usedInputs.contains(name) {
            if known.contains(name) || evaluator.bindings[name] == nil {
                throw error(nil, "--at \(name)=…: the program has no input named '\(name)'" + listing(inputNames, "its inputs"))
            }
            throw error(nil, "--at \(name)=…: '\(name)' is computed by the program, not an input; --at sets inputs only" + listing(inputNames, "its inputs"))
        }
        guard let last = statements.last else { throw error(nil, "the program has no statements; write one such as 'y = x^2'") }
        let chosen: NodeID?
        do {
            chosen = try output.map(evaluator.tape.node(named:)) ?? evaluator.bindings[last.target]
        } catch {
            throw self.error(nil, "--output: \(error)")
        }
        guard let outputNode = chosen else { throw error(nil, "the last statement, '\(last.target)', has no value to differentiate") }
        return ProgramRun(tape: evaluator.tape, output: outputNode, bindings: evaluator.bindings)
    }

    func error(_ location: SourceLocation?, _ message: String) -> ProgramError {
        ProgramError(file: file, location: location, message: message,
                     sourceLine: location.flatMap { lines.indices.contains($0.line - 1) ? lines[$0.line - 1] : nil })
    }

    func assignmentLine(of name: String, after line: Int) -> Int? {
        statements.first { $0.target == name && $0.targetLocation.line > line }?.targetLocation.line
    }

    private func listing(_ names: [String], _ what: String) -> String {
        names.isEmpty ? "" : " (\(what): \(names.joined(separator: ", ")))"
    }
}

/// The result of running a program: the tape, the output node and each name's final node.
public struct ProgramRun: Sendable {
    /// Every recorded node.
    public let tape: Tape
    /// The node chosen as the output.
    public let output: NodeID
    /// Each name's node at the end of the program.
    public let bindings: [String: NodeID]
}

extension Expression {
    /// Every name the expression reads, in order.
    var names: [String] {
        switch self {
        case .number: []
        case .name(let name, _): [name]
        case .negate(let a, _), .powConstant(let a, _, _): a.names
        case .binary(_, let a, let b, _): a.names + b.names
        case .chain(let first, let links): first.names + links.flatMap(\.operand.names)
        case .call(_, let arguments, _): arguments.flatMap(\.names)
        }
    }
}
