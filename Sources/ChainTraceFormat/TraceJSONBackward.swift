import ChainTrace

// What both versions share: node ids, numbers that are a rank-0 value or a tensor's elements, and
// the backward record (`output`, `steps`, `sums`), read as the schemas state them. Version 1 has
// numbers where version 2 may have arrays; its ids are any whole number (a negative one is then
// reported as no node id), version 2's are whole numbers from 0.

/// A rank-0 node's number or a tensor node's flat row-major elements.
enum JSONElements {
    case number(Double)
    case elements([Double])

    /// The elements, a rank-0 node's number as one.
    var values: [Double] {
        switch self {
        case .number(let value): [value]
        case .elements(let elements): elements
        }
    }

    /// The number (version 1 has no arrays here).
    var scalar: Double {
        switch self {
        case .number(let value): value
        case .elements(let elements): elements.first ?? .nan
        }
    }

    /// Whether this is an array, which a node of any shape but rank 0 has.
    var isArray: Bool {
        if case .elements = self { return true }
        return false
    }
}

/// One step of a stored backward record: upstream × local partial = contribution on one edge.
struct StoredStep {
    var consumer = 0, operand = 0, node = 0
    var upstream = JSONElements.number(0)
    /// Present where both ends of the edge have rank 0 (always in version 1).
    var partial: Double?
    var contribution = JSONElements.number(0)
}

/// One node's sum in a stored backward record: the steps that sent it contributions, and its gradient.
struct StoredSum {
    var node = 0
    var steps: [Int] = []
    var grad = JSONElements.number(0)
}

/// A stored backward record.
struct StoredBackward {
    var output = 0
    var steps: [StoredStep] = []
    var sums: [StoredSum] = []
}

extension JSONPull {
    private static let backwardKeys = [JSONKeys(["output", "steps", "sums"], closed: false), JSONKeys(["output", "steps", "sums"], closed: true)]
    private static let stepKeys = [
        JSONKeys(["consumer", "operand", "node", "upstream", "partial", "contribution"], closed: true),
        JSONKeys(["consumer", "operand", "node", "upstream", "partial", "contribution"], optional: ["partial"], closed: true),
    ]
    private static let sumKeys = JSONKeys(["node", "steps", "grad"], closed: true)

    /// A rank-0 number, or an array of a tensor's elements, which must come next.
    mutating func elements() throws(TraceJSONError) -> JSONElements {
        guard next() == UInt8(ascii: "[") else { return .number(try number()) }
        try beginArray()
        var elements: [Double] = []
        while try element() { elements.append(try number()) }
        return .elements(elements)
    }

    /// Reads the array of nodes, one element at a time with `node` (given its index), refusing more
    /// than `limit` nodes: the rest are skipped to say how many there are.
    mutating func nodes(limit: Int, _ node: (inout JSONPull, Int) throws(TraceJSONError) -> Void) throws(TraceJSONError) {
        try beginArray()
        var count = 0
        while try element() {
            guard count < limit else {
                var total = count
                repeat {
                    try skipValue()
                    total += 1
                } while try element()
                throw TraceJSONError(path: "$.nodes", message: "\(total) nodes " + Limits.hit("node", limit, option: "--max-trace-nodes"))
            }
            try node(&self, count)
            count += 1
        }
    }

    /// A node id of the given version: any whole number in version 1, from 0 in version 2.
    mutating func id(version: Int) throws(TraceJSONError) -> Int {
        version == 1 ? try whole() : try index()
    }

    /// An array of node ids of the given version.
    mutating func ids(version: Int) throws(TraceJSONError) -> [Int] {
        try beginArray()
        var ids: [Int] = []
        while try element() { ids.append(try id(version: version)) }
        return ids
    }

    /// The backward record (version 2's is closed; version 1's numbers are all rank 0).
    mutating func backward(version: Int) throws(TraceJSONError) -> StoredBackward {
        let tensor = version == 2
        var backward = StoredBackward()
        try beginObject()
        while let key = try key(in: Self.backwardKeys[tensor ? 1 : 0]) {
            switch key {
            case 0: backward.output = try id(version: version)
            case 1:
                try beginArray()
                while try element() { backward.steps.append(try step(tensor: tensor)) }
            default:
                try beginArray()
                while try element() { backward.sums.append(try sum(tensor: tensor)) }
            }
        }
        return backward
    }

    private mutating func step(tensor: Bool) throws(TraceJSONError) -> StoredStep {
        var step = StoredStep()
        let keys = Self.stepKeys[tensor ? 1 : 0]
        try beginObject()
        while let key = try key(in: keys) {
            switch key {
            case 0: step.consumer = try id(version: tensor ? 2 : 1)
            case 1: step.operand = try id(version: tensor ? 2 : 1)
            case 2: step.node = try id(version: tensor ? 2 : 1)
            case 3: step.upstream = tensor ? try elements() : .number(try number())
            case 4: step.partial = try number()
            default: step.contribution = tensor ? try elements() : .number(try number())
            }
        }
        return step
    }

    private mutating func sum(tensor: Bool) throws(TraceJSONError) -> StoredSum {
        var sum = StoredSum()
        let keys = Self.sumKeys
        try beginObject()
        while let key = try key(in: keys) {
            switch key {
            case 0: sum.node = try id(version: tensor ? 2 : 1)
            case 1:
                sum.steps = try ids(version: tensor ? 2 : 1)
                if tensor && sum.steps.isEmpty { throw fault("expected at least one step") }
            default: sum.grad = tensor ? try elements() : .number(try number())
            }
        }
        return sum
    }
}
