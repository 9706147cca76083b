import ChainTrace

/// What the scalar ``Evaluator`` and the ``TensorEvaluator`` share: the rules for one statement and for
/// names, so the two languages cannot drift apart. A compound assignment (`x += e`) updates a bound name;
/// an alias (`b = a`) records nothing; the first assignment of a literal is an input (its `--at` value
/// when one is given) and a later one a constant; any other expression is recorded and its result named.
/// A name nothing has assigned is an input when `--at` gives it, else a located error.
protocol StatementRunner {
    /// A recorded node: `NodeID` or `TensorNodeID`.
    associatedtype Node
    /// A literal's value: `Double` or `Tensor`.
    associatedtype Value

    var program: Program { get }
    var inputs: [String: Value] { get }
    /// Each name's node by ``Symbol/index``, nil until the name is bound.
    var nodes: [Node?] { get set }
    var usedInputs: Set<String> { get set }
    /// The line of the statement being run, recorded on every node.
    var line: Int32 { get set }
    /// How an unbound-name error writes an example value (`1.5`, `[1, 2]`).
    static var exampleValue: String { get }

    /// The value of a literal statement, nil for any other expression.
    func literal(of expression: ExpressionID) -> Value?
    /// Records `current op= expression` as a node named `name`.
    mutating func update(_ current: Node, by op: BinaryOp, with expression: ExpressionID, named name: String,
                         at location: SourceLocation) throws(ProgramError) -> Node
    /// The value of an input its program assigns: its `--at` value when given (checked against the
    /// literal, located at the statement), else the literal.
    func inputValue(_ name: String, literal: Value, at location: SourceLocation) throws(ProgramError) -> Value
    /// Records an input leaf named `name`.
    mutating func recordInput(_ name: String, value: Value) -> Node
    /// Records a constant leaf named `name`.
    mutating func recordConstant(_ name: String, literal: Value) -> Node
    /// Records an expression's operations and returns its result.
    mutating func evaluate(_ expression: ExpressionID) throws(ProgramError) -> Node
    /// Names a recorded node after the statement's target.
    mutating func setName(_ name: String, of node: Node)
}

extension StatementRunner {
    /// Runs one statement and binds its target.
    mutating func execute(_ statement: Statement) throws(ProgramError) {
        line = Int32(statement.targetLocation.line)
        let name = statement.target.text
        let node: Node
        if let op = statement.compound {
            guard let current = nodes[statement.target.index] else {
                throw program.error(statement.targetLocation, "'\(name)' has no value to update yet; assign it first ('\(name) = …')")
            }
            node = try update(current, by: op, with: statement.expression, named: name, at: statement.targetLocation)
        } else if case .name(let source, let location) = program.expressions[statement.expression] {
            // An alias records nothing and renames nothing: `name` now refers to the same node.
            node = try lookup(source, at: location)
        } else if let literal = literal(of: statement.expression) {
            if nodes[statement.target.index] == nil {
                usedInputs.insert(name)
                node = recordInput(name, value: try inputValue(name, literal: literal, at: statement.targetLocation))
            } else {
                node = recordConstant(name, literal: literal)
            }
        } else {
            node = try evaluate(statement.expression)
            setName(name, of: node)
        }
        nodes[statement.target.index] = node
    }

    /// The node the name `symbol` (a ``Symbol/index``) refers to: its binding, or an input leaf when `--at` gives it a value.
    mutating func lookup(_ symbol: Int, at location: SourceLocation) throws(ProgramError) -> Node {
        if let node = nodes[symbol] { return node }
        let name = program.names[symbol]
        guard let value = inputs[name.text] else { throw program.unbound(name.text, at: location, example: Self.exampleValue) }
        usedInputs.insert(name.text)
        let node = recordInput(name.text, value: value)
        nodes[name.index] = node
        return node
    }
}
