import ArgumentParser
import ChainTrace
import ChainTraceFormat

/// Finding the node a user names on the command line, and the backward record to analyse.
extension TraceDocument {
    /// The node called `name` (`x`, or `#3` by id): the input of that name if there is one, else
    /// the last node given that name (a name reassigned in a program refers to its latest node).
    func node(named name: String, option: String) throws -> NodeID {
        if name.hasPrefix("#"), let id = Int(name.dropFirst()) {
            guard id >= 0 && id < tape.count else {
                throw ValidationError("\(option) \(name): the trace has nodes #0 to #\(tape.count - 1)")
            }
            return id
        }
        let named = (0 ..< tape.count).filter { tape.names[$0] == name }
        if let input = named.first(where: { tape.ops[$0] == .input }) { return input }
        if let last = named.last { return last }
        let inputs = inputNodes.compactMap { tape.names[$0] }
        throw ValidationError("\(option) \(name): no node is named '\(name)'" + (inputs.isEmpty ? "" : " (inputs: \(inputs.joined(separator: ", ")))"))
    }

    /// The input leaves, in id order.
    var inputNodes: [NodeID] { (0 ..< tape.count).filter { tape.ops[$0] == .input } }

    /// The recorded backward pass, or one run now from the first output.
    var backwardRecord: Backward { backward ?? Backward(tape: tape, from: outputs[0]) }
}
