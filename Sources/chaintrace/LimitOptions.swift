import ArgumentParser
import ChainTrace

/// The options that raise (or lower) the bounds on what a command reads; README "Limits" lists them.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-trace-nodes"), help: ArgumentHelp("The most nodes a program may record or a trace JSON may hold.", valueName: "n"))
    var nodes = Limits().nodes

    @Option(name: .customLong("max-depth"), help: ArgumentHelp("How deeply brackets, calls, signs and exponents may nest in one expression (at most \(Limits.nestingDepthCeiling)).", valueName: "n"))
    var nestingDepth = Limits().nestingDepth

    @Option(name: .customLong("max-scope-depth"), help: ArgumentHelp("How deeply a node's scope may nest in a trace JSON.", valueName: "n"))
    var scopeDepth = Limits().scopeDepth

    @Option(name: .customLong("max-name-length"), help: ArgumentHelp("The most characters of a name in a program or a trace JSON.", valueName: "n"))
    var nameLength = Limits().nameLength

    func validate() throws {
        for (value, option) in [(nodes, "--max-trace-nodes"), (nestingDepth, "--max-depth"), (scopeDepth, "--max-scope-depth"), (nameLength, "--max-name-length")] where value < 1 {
            throw ValidationError("\(option) must be at least 1")
        }
        guard nestingDepth <= Limits.nestingDepthCeiling else {
            throw ValidationError("--max-depth must be at most \(Limits.nestingDepthCeiling): deeper expressions would overflow the evaluator's stack")
        }
    }

    /// The limits these options set.
    var limits: Limits {
        var limits = Limits()
        limits.nodes = nodes
        limits.nestingDepth = nestingDepth
        limits.scopeDepth = scopeDepth
        limits.nameLength = nameLength
        return limits
    }
}
