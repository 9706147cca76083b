import ArgumentParser
import ChainTrace

extension Tape {
    /// ``Tape/node(named:)`` for a command-line option: an unknown name is a usage error naming the option.
    func node(named term: String, option: String) throws -> NodeID {
        do {
            return try node(named: term)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    /// The input leaves, in id order.
    var inputNodes: [NodeID] { (0 ..< count).filter { ops[$0] == .input } }
}
