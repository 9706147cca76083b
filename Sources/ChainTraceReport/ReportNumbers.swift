import ChainTrace
import ChainTraceAnalysis
import ChainTraceText

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
    func write(to json: inout JSONWriter) {
        let text = { (x: Double) in NumberText.significant(x, digits: Self.digits) }
        json.beginObject(.rows)
        json.key("value")
        json.array(tape.values, .compact) { $0.string(text($1)) }
        json.key("op")
        json.array(0 ..< tape.count, .compact) { $0.string(opText($1)) }
        json.key("partial")
        json.array(0 ..< tape.edgeCount, .compact) { $0.string(text(tape.partial(of: $1))) }
        if let backward {
            let contributions = (0 ..< tape.edgeCount).map { backward.contribution(of: $0, on: tape) }
            json.key("gradient")
            json.array(backward.gradients, .compact) { $0.string(text($1)) }
            json.key("contribution")
            json.array(contributions, .compact) { $0.string(text($1)) }
            json.key("term")
            json.array(contributions, .compact) { $0.string(NumberText.term($1, digits: Self.digits)) }
            json.key("running")
            json.array(runningSums(backward), .compact) { $0.string(text($1.sum)) }
        }
        json.end()
    }

    /// For a backward diagram drawn with `digits`, as members of the diagram's object: each node's
    /// gradient as drawn (so the page can find it), and after each step the branch-point sum so far
    /// as drawn (`1.53 + … = `, `1.53`), or null where the step completes its operand's gradient.
    func writeDiagram(digits: Int, to json: inout JSONWriter) {
        guard let backward else { return }
        let arrivals = backward.arrivals(on: tape)
        var sums: [String?] = [], running: [String?] = []
        for entry in runningSums(backward) {
            let edges = arrivals[entry.node]
            guard entry.received < edges.count else {
                sums.append(nil)
                running.append(nil)
                continue
            }
            let terms = edges.prefix(Swift.min(entry.received, 4)).map { backward.contribution(of: $0, on: tape) }
            sums.append(NumberText.sum(terms, digits: digits) + " + … = ")
            running.append(NumberText.significant(entry.sum, digits: digits))
        }
        json.key("gradient")
        json.array(backward.gradients, .compact) { $0.string(NumberText.significant($1, digits: digits)) }
        json.key("stepSum")
        json.array(sums, .compact) { $0.string($1) }
        json.key("stepRunning")
        json.array(running, .compact) { $0.string($1) }
    }

    /// The path's route (operands tagged where a node is used twice, long routes shortened), its local
    /// partials and product, as members of the path's object.
    func writePath(_ path: Path, to json: inout JSONWriter) {
        let arrows = path.arrows(on: tape)
        let names = path.nodes.map(short)
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
            ? path.edges.map { NumberText.significant(tape.partial(of: $0), digits: Self.digits) }.joined(separator: " × ")
            : "\(path.edges.count) local partials"
        json.key("route")
        json.string(route)
        json.key("factors")
        json.string(factors)
        json.key("productText")
        json.string(NumberText.significant(path.product, digits: Self.digits))
    }

    /// The sum of the listed paths' products, added in the order the page lists them, as the page shows it.
    func sumText(_ paths: [Path]) -> String {
        NumberText.significant(paths.reduce(0) { $0 + $1.product }, digits: Self.digits)
    }

    /// After each backward step: its operand, how many contributions that operand has received, and their sum.
    private func runningSums(_ backward: Backward) -> [(node: NodeID, received: Int, sum: Double)] {
        var sums = [Double](repeating: 0, count: tape.count), counts = [Int](repeating: 0, count: tape.count)
        return backward.steps.map { step in
            let edge = Int(step), node = tape.operand(of: edge)
            sums[node] += backward.contribution(of: edge, on: tape)
            counts[node] += 1
            return (node, counts[node], sums[node])
        }
    }

    private func short(_ node: NodeID) -> String { tape.name(of: node) ?? "#\(node)" }

    private func opText(_ node: NodeID) -> String {
        switch tape.op(of: node) {
        case .powConstant: "power ^" + NumberText.full(tape.parameter(of: node))
        case .constant: "constant"
        default: tape.op(of: node).rawValue
        }
    }
}
