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
    /// The source with line endings normalised; its lines are cut out only for messages.
    private let text: String
    let statements: [Statement]
    /// The statements' expressions.
    let expressions: ExpressionStore
    /// The program's distinct names in order of first appearance; a ``Symbol``'s index points here.
    let names: [Symbol]
    /// The bounds on nesting, names and nodes recorded.
    let limits: Limits

    /// Parses program text; `file` names it in error messages; `limits` bound its nesting depth,
    /// its names' length and the nodes a run may record.
    public init(source: String, file: String, limits: Limits = Limits()) throws(ProgramError) {
        let text = source.replacingLineEndings()
        let fail = { (location: SourceLocation, message: String) in
            ProgramError(file: file, location: location, message: message, sourceLine: Self.line(location.line, of: text))
        }
        // Expression ids are 32-bit: a program has fewer nodes than bytes.
        guard text.utf8.count < Int(Int32.max) else {
            throw ProgramError(file: file, location: nil, message: "the program is \(text.utf8.count) bytes; programs up to 2 GiB can be read", sourceLine: nil)
        }
        // Tokens are read as the parser asks, so the first fault in the text is the one reported.
        var parser = try Parser(lexer: Lexer(text, lineEndingsNormalised: true, limits: limits, fail: fail), limits: limits, fail: fail)
        self.statements = try parser.statements()
        self.expressions = parser.store
        self.names = parser.names.symbols
        self.limits = limits
        self.file = file
        self.text = text
        self.isTensorProgram = parser.usesTensors
    }

    /// Line `number` (from 1) of `text`, without its newline; nil past the last line.
    private static func line(_ number: Int, of text: String) -> String? {
        guard number >= 1 else { return nil }
        var line = 1
        var start = text.utf8.startIndex
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
            if line == number { return String(text[start ..< index]) }
            line += 1
            start = text.utf8.index(after: index)
        }
        return line == number ? String(text[start...]) : nil
    }

    /// Names the program treats as inputs, in order of appearance: those first assigned a plain
    /// number, and those used without ever being assigned (which `--at` must supply).
    public var inputNames: [String] {
        var assigned: Set<String> = []
        var seen: Set<String> = []
        var inputs: [String] = []
        for statement in statements {
            for symbol in expressions.names(in: statement.expression) {
                let name = names[symbol].text
                if !assigned.contains(name) && seen.insert(name).inserted { inputs.append(name) }
            }
            let target = statement.target.text
            if statement.compound == nil, !assigned.contains(target), expressions[statement.expression].isLiteral, seen.insert(target).inserted {
                inputs.append(target)
            }
            assigned.insert(target)
        }
        return inputs
    }

    /// Whether the program uses tensor syntax anywhere (a `[` literal, `@`, indexing, or a tensor
    /// function such as `sum(x)`): then its values are tensors, and scalars are rank-0 tensors.
    public let isTensorProgram: Bool

    /// Runs the program, recording every operation on a new tape. A tensor program
    /// (``isTensorProgram``) is run with ``runTensors(inputs:output:)`` and expanded to its scalar
    /// trace; `inputs` then name rank-0 inputs or single elements (`W1[1,0]`), and the output must
    /// have one element.
    ///
    /// - Parameters:
    ///   - inputs: values that override inputs' literals or supply inputs the program never assigns.
    ///   - output: the node to differentiate, by `Tape.node(named:)` (a name's last node, or `#id`);
    ///     the last statement's node when nil.
    public func run(inputs: [String: Double] = [:], output: String? = nil) throws(ProgramError) -> ProgramRun {
        if isTensorProgram { return try runExpanded(inputs: inputs, output: output) }
        var evaluator = Evaluator(program: self, inputs: inputs)
        for position in statements.indices {
            try evaluator.execute(statements[position])
            // Checked per statement: one line records at most a few nodes per character of it.
            if evaluator.tape.count > limits.nodes {
                throw error(statements[position].targetLocation, "the program records more than \(limits.nodes) nodes "
                    + Limits.hit("node", limits.nodes, option: "--max-trace-nodes"))
            }
        }
        let last = try checkInputs(inputs.keys, used: evaluator.usedInputs, bound: evaluator.nodes)
        let chosen: NodeID?
        do {
            chosen = try output.map(evaluator.tape.node(named:)) ?? evaluator.nodes[last.target.index]
        } catch {
            throw self.error(nil, "--output: \(error)")
        }
        guard let outputNode = chosen else { throw error(nil, "the last statement, '\(last.target.text)', has no value to differentiate") }
        return ProgramRun(tape: evaluator.tape, output: outputNode, bindings: bindings(evaluator.nodes))
    }

    /// Each bound name's node, from an evaluator's nodes by ``Symbol/index``.
    func bindings<Node>(_ nodes: [Node?]) -> [String: Node] {
        var bindings: [String: Node] = [:]
        bindings.reserveCapacity(names.count)
        for symbol in names {
            if let node = nodes[symbol.index] { bindings[symbol.text] = node }
        }
        return bindings
    }

    /// Refuses `--at` names the run did not use as inputs, and a program without statements; returns
    /// the last statement. `bound` is an evaluator's node of each name by ``Symbol/index``.
    func checkInputs<Node>(_ given: some Collection<String>, used: Set<String>, bound: [Node?]) throws(ProgramError) -> Statement {
        for name in given.sorted() where !used.contains(name) {
            let isBound = names.contains { $0.text == name && bound[$0.index] != nil }
            if inputNames.contains(name) || !isBound {
                throw error(nil, "--at \(name)=…: the program has no input named '\(name)'" + listing(inputNames, "its inputs"))
            }
            throw error(nil, "--at \(name)=…: '\(name)' is computed by the program, not an input; --at sets inputs only" + listing(inputNames, "its inputs"))
        }
        guard let last = statements.last else { throw error(nil, "the program has no statements; write one such as 'y = x^2'") }
        return last
    }

    func error(_ location: SourceLocation?, _ message: String) -> ProgramError {
        ProgramError(file: file, location: location, message: message,
                     sourceLine: location.flatMap { Self.line($0.line, of: text) })
    }

    /// A name read with no value: assigned later, or never (then `example` shows a value to give it).
    func unbound(_ name: String, at location: SourceLocation, example: String) -> ProgramError {
        if let later = statements.first(where: { $0.target.text == name && $0.targetLocation.line > location.line })?.targetLocation.line {
            return error(location, "'\(name)' is used before it is assigned (on line \(later)); move the assignment up")
        }
        return error(location, "'\(name)' has no value; assign it on an earlier line ('\(name) = \(example)') or give it with --at \(name)=\(example)")
    }

    func listing(_ names: [String], _ what: String) -> String {
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

extension ExpressionStore {
    /// Every name the expression `id` reads, in order, as ``Symbol/index``es.
    func names(in id: ExpressionID) -> [Int] {
        switch self[id] {
        case .number, .tensor: []
        case .name(let symbol, _): [symbol]
        case .negate(let a, _), .powConstant(let a, _, _), .index(let a, _, _): names(in: a)
        case .binary(_, let a, let b, _): names(in: a) + names(in: b)
        case .chain(let first, let links): names(in: first) + links.flatMap { names(in: link($0).operand) }
        case .call(_, let arguments, _), .tensorCall(_, let arguments, _, _): arguments.flatMap { names(in: argument($0)) }
        }
    }
}
