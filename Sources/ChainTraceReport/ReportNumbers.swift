import ChainTrace
import ChainTraceAnalysis

/// Every number the page shows, written in Swift by ``NumberText`` so the page and the command line
/// share one number format; the page's script only places these strings.
struct ReportNumbers {
    /// Significant digits of the panels' numbers.
    static let digits = 6
    /// Paths longer than this many nodes are shortened to their ends.
    static let routeLimit = 14

    let tape: Tape
    let backward: Backward?

    /// `"numbers": {…}`: per node `value`, `gradient` (null without a backward pass) and `op`; per edge
    /// `partial`, `contribution` and `term` (the contribution as a later term of a sum, ` − 2`); per
    /// backward step `running`, the sum its operand has received so far.
    func json() -> String {
        let digits = Self.digits
        let text = { (x: Double) in Escaping.jsonString(NumberText.significant(x, digits: digits)) }
        var fields = [
            "\"value\": [" + tape.values.map(text).joined(separator: ",") + "]",
            "\"op\": [" + (0 ..< tape.count).map { Escaping.jsonString(opText($0)) }.joined(separator: ",") + "]",
            "\"partial\": [" + tape.partials.map(text).joined(separator: ",") + "]",
        ]
        if let backward {
            let contributions = (0 ..< tape.edgeCount).map { backward.contribution(of: $0, on: tape) }
            fields.append("\"gradient\": [" + backward.gradients.map(text).joined(separator: ",") + "]")
            fields.append("\"contribution\": [" + contributions.map(text).joined(separator: ",") + "]")
            fields.append("\"term\": [" + contributions.map { Escaping.jsonString(NumberText.term($0, digits: digits)) }.joined(separator: ",") + "]")
            fields.append("\"running\": [" + runningSums(backward).map { text($0.sum) }.joined(separator: ",") + "]")
        }
        return "{" + fields.joined(separator: ",\n") + "}"
    }

    /// For a backward diagram drawn with `digits`: each node's gradient as drawn (so the page can find
    /// it), and after each step the branch-point sum so far as drawn (`1.53 + … = `, `1.53`), or null
    /// where the step completes its operand's gradient.
    func diagramJSON(digits: Int) -> String {
        guard let backward else { return "" }
        let arrivals = backward.arrivals(on: tape)
        let gradients = backward.gradients.map { Escaping.jsonString(NumberText.significant($0, digits: digits)) }
        var sums: [String] = [], running: [String] = []
        for entry in runningSums(backward) {
            let edges = arrivals[entry.node]
            guard entry.received < edges.count else {
                sums.append("null")
                running.append("null")
                continue
            }
            let terms = edges.prefix(Swift.min(entry.received, 4)).map { backward.contribution(of: $0, on: tape) }
            sums.append(Escaping.jsonString(NumberText.sum(terms, digits: digits) + " + … = "))
            running.append(Escaping.jsonString(NumberText.significant(entry.sum, digits: digits)))
        }
        return ", \"gradient\": [" + gradients.joined(separator: ",") + "], \"stepSum\": [" + sums.joined(separator: ",")
            + "], \"stepRunning\": [" + running.joined(separator: ",") + "]"
    }

    /// The path's route (operands tagged where a node is used twice, long routes shortened), its local
    /// partials and product, as JSON fields.
    func pathJSON(_ path: ReportPath, from input: NodeID) -> String {
        let full = Path(edges: path.edges, from: input, on: tape)
        let arrows = full.arrows(on: tape)
        let names = full.nodes.map(short)
        var route = names[0]
        for index in 1 ..< names.count {
            if names.count > Self.routeLimit, index == 6 {
                route += " → … (\(names.count - 12) more) …"
            }
            if names.count <= Self.routeLimit || index < 6 || index >= names.count - 6 {
                route += arrows[index - 1] + names[index]
            }
        }
        let factors = path.edges.count <= 10
            ? path.edges.map { NumberText.significant(tape.partials[$0], digits: Self.digits) }.joined(separator: " × ")
            : "\(path.edges.count) local partials"
        return "\"route\": " + Escaping.jsonString(route) + ", \"factors\": " + Escaping.jsonString(factors)
            + ", \"productText\": " + Escaping.jsonString(NumberText.significant(path.product, digits: Self.digits))
    }

    /// The sum of the listed paths' products, added in the order the page lists them.
    func sumJSON(_ paths: [ReportPath]) -> String {
        Escaping.jsonString(NumberText.significant(paths.reduce(0) { $0 + $1.product }, digits: Self.digits))
    }

    /// After each backward step: its operand, how many contributions that operand has received, and their sum.
    private func runningSums(_ backward: Backward) -> [(node: NodeID, received: Int, sum: Double)] {
        var sums = [Double](repeating: 0, count: tape.count), counts = [Int](repeating: 0, count: tape.count)
        return backward.steps.map { step in
            let edge = Int(step), node = Int(tape.edgeInputs[edge])
            sums[node] += backward.contribution(of: edge, on: tape)
            counts[node] += 1
            return (node, counts[node], sums[node])
        }
    }

    private func short(_ node: NodeID) -> String { tape.names[node] ?? "#\(node)" }

    private func opText(_ node: NodeID) -> String {
        switch tape.ops[node] {
        case .powConstant: "power ^" + NumberText.full(tape.parameters[node])
        case .constant: "constant"
        default: tape.ops[node].rawValue
        }
    }
}
