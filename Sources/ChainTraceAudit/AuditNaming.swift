import ChainTrace
import ChainTraceAnalysis

/// How the audit names nodes and edges, and which of several equally good nodes it reports.
struct AuditNaming {
    let tape: Tape
    let names: NodeNames

    init(tape: Tape) {
        self.tape = tape
        self.names = NodeNames(tape: tape)
    }

    /// A named node by its distinct name; an unnamed one by its formula (`h0w0·x0`).
    func node(_ id: NodeID) -> AuditedNode {
        AuditedNode(id: id, name: tape.name(of: id) == nil ? names.formula(of: id).text() : names.distinctLabels[id])
    }

    func edge(_ index: Int) -> AuditedEdge {
        let consumer = tape.consumer(of: index)
        let op = tape.op(of: consumer)
        let derivative = op == .sigmoid ? "σ′" : (Op.unaryFunctions.contains(op) ? op.rawValue + "′" : nil)
        return AuditedEdge(index: index, consumer: node(consumer), operand: node(tape.operand(of: index)), derivativeName: derivative, rule: nil)
    }

    /// 0 for a named computed node (what the author called it), 1 for a named input, 2 for an intermediate.
    func rank(_ id: NodeID) -> Int {
        tape.name(of: id) == nil ? 2 : (tape.op(of: id) == .input ? 1 : 0)
    }

    /// Whether `a` is reported rather than `b`: the better rank, then the later node (the activation
    /// `o0act`, not the partial sums its chain recorded first).
    func preferred(_ a: NodeID, over b: NodeID) -> Bool {
        rank(a) != rank(b) ? rank(a) < rank(b) : a > b
    }
}
