/// Every expression of a program, flat: nodes in one array, children by index, and each kind of
/// list (chain links, call arguments, indices, tensor literals) in an array of its own, a node
/// holding its range.
///
/// The parser appends as it reduces, so children come before their parents and a list's elements
/// are appended together. A program of 65,818 nodes made one or two heap objects per `a * b`
/// (a boxed node and its array of links), each copied by reference count and freed one by one
/// when the program went; here the nodes are plain data in five arrays.
struct ExpressionStore: Sendable {
    private(set) var nodes: [Expression] = []
    private(set) var links: [ChainLink] = []
    private(set) var arguments: [ExpressionID] = []
    private(set) var indices: [Int] = []
    private(set) var literals: [TensorLiteral] = []

    /// A store with room for about `bytes` of source text (about one node per five bytes in
    /// generated programs), so appending does not regrow.
    init(sourceBytes bytes: Int) {
        nodes.reserveCapacity(bytes / 5)
        links.reserveCapacity(bytes / 10)
    }

    subscript(id: ExpressionID) -> Expression {
        nodes[Int(id.index)]
    }

    mutating func add(_ expression: Expression) -> ExpressionID {
        nodes.append(expression)
        return ExpressionID(index: Int32(truncatingIfNeeded: nodes.count - 1))
    }

    /// Puts `expression` in place of the node `id` (a negated literal becomes one constant).
    mutating func replace(_ id: ExpressionID, with expression: Expression) {
        nodes[Int(id.index)] = expression
    }

    /// Takes back the last node, a literal folded into its parent (`x^2` keeps the 2 as its parameter).
    mutating func removeLast(_ id: ExpressionID) {
        precondition(Int(id.index) == nodes.count - 1, "only the node just added can be taken back")
        nodes.removeLast()
    }

    /// Appends one link of the chain being built; the caller appends a chain's links together.
    mutating func addLink(_ link: ChainLink) {
        links.append(link)
    }

    /// The position the next link will take.
    var linkCount: Int32 { Int32(truncatingIfNeeded: links.count) }

    mutating func addArguments(_ ids: ArraySlice<ExpressionID>) -> Range<Int32> {
        let start = Int32(truncatingIfNeeded: arguments.count)
        arguments.append(contentsOf: ids)
        return start ..< Int32(truncatingIfNeeded: arguments.count)
    }

    mutating func addIndices(_ values: [Int]) -> Range<Int32> {
        let start = Int32(truncatingIfNeeded: indices.count)
        indices.append(contentsOf: values)
        return start ..< Int32(truncatingIfNeeded: indices.count)
    }

    mutating func addLiteral(_ literal: TensorLiteral) -> Int32 {
        literals.append(literal)
        return Int32(truncatingIfNeeded: literals.count - 1)
    }

    func link(_ position: Int32) -> ChainLink { links[Int(position)] }

    func argument(_ position: Int32) -> ExpressionID { arguments[Int(position)] }

    func indices(_ range: Range<Int32>) -> [Int] { Array(indices[Int(range.lowerBound) ..< Int(range.upperBound)]) }

    func literal(_ position: Int32) -> TensorLiteral { literals[Int(position)] }
}
