import ChainTrace

/// The functions a program may call, by name, and the closest name to a misspelt one.
enum FunctionCatalog {
    static let names: [String] = (Op.unaryFunctions + Op.binaryFunctions).map(\.rawValue) + TensorFunction.allCases.map(\.rawValue)

    /// A scalar function (also elementwise on tensors).
    static func op(named name: String) -> Op? {
        guard let op = Op(rawValue: name), Op.unaryFunctions.contains(op) || Op.binaryFunctions.contains(op) else { return nil }
        return op
    }

    /// The function that name calls, scalar or tensor-only.
    static func callee(named name: String) -> Callee? {
        op(named: name).map(Callee.scalar) ?? TensorFunction(rawValue: name).map(Callee.tensor)
    }

    /// The function name nearest in edit distance, if it is near enough to be a likely typo.
    static func closest(to name: String) -> String? {
        let lowered = name.lowercased()
        let scored = names.map { ($0, Tape.editDistance(Array(lowered), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 2) else { return nil }
        return best.0
    }
}

/// What a call calls: a scalar function (elementwise on tensors) or a tensor-only one.
enum Callee: Sendable {
    case scalar(Op)
    case tensor(TensorFunction)

    var arity: Int {
        switch self {
        case .scalar(let op): op.arity
        case .tensor(let function): function.arity
        }
    }
}
