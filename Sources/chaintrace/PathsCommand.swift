import ArgumentParser
import ChainTrace
import ChainTraceAnalysis
import ChainTraceFormat
import ChainTraceText
import FoundationEssentials

/// `chaintrace paths`: the paths from a node to the output, counted exactly, and listed or ranked.
struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Count the paths from a node to the output exactly; list them, or the top k by |product|; check their sum against the gradient.",
        discussion: "--json writes the count, the paths listed, their sum, whether the list is complete, and the gradient."
    )

    @OptionGroup var input: ComputationInput

    @Option(help: ArgumentHelp("The node the paths start from (a name, or #id).", valueName: "name"))
    var from: String

    @Option(parsing: .unconditional, help: ArgumentHelp("List only the k paths with the largest |product| (found without listing the others).", valueName: "k"))
    var top: Int?

    @Option(parsing: .unconditional, help: "Otherwise list paths in depth-first order, at most this many.")
    var limit: Int = 100

    @OptionGroup var jsonFile: JSONOutputOption

    @OptionGroup var precision: DigitsOption<TextDigits>

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        try reportingFailures {
            var document = try input.load()
            let backward = document.differentiate()
            let start = try document.tape.node(named: from, option: "--from")
            let analysis = backward.paths(from: start, on: document.tape)
            let section = PathsSection(analysis.listing(top: top, limit: limit), gradient: backward.gradients[start])
            if try jsonFile.write(sparing: input, { TraceJSONWriter.json(section) }) { return }
            print(Escape.terminalLines(report(section, pathSum: analysis.pathSum, tape: document.tape)), terminator: "")
        }
    }

    private func report(_ section: PathsSection, pathSum: Double, tape: Tape) -> String {
        let listing = section.listing, listed = listing.paths, complete = listing.complete, gradient = section.gradient
        let names = NodeNames(tape: tape, digits: precision.digits)
        let number = { (x: Double) in NumberText.significant(x, digits: precision.digits) }
        let start = names.distinctLabels[listing.start], end = names.distinctLabels[listing.end]
        var text = "\(listing.count) path\(listing.count == .one ? "" : "s") from \(start) to \(end)\n"
        if !listed.isEmpty {
            text += top != nil && !complete ? "the \(listed.count) with the largest |product|:\n" : ""
            for path in listed {
                let route = path.route(on: tape) { names.distinctLabels[$0] }
                text += "  \(route):  \(path.partials.map(number).joined(separator: " · ")) = \(number(path.product))\n"
            }
        }
        let sum = listing.sum
        if complete {
            text += "sum of all path products = \(number(sum)); gradient ∂\(end)/∂\(start) = \(number(gradient))\n"
        } else {
            text += "listed \(listed.count) of \(listing.count) paths (sum of these: \(number(sum)))"
            text += top == nil ? "; raise --limit or use --top k to see the largest\n" : "\n"
            text += "sum of all path products (by one forward sweep) = \(number(pathSum)); gradient ∂\(end)/∂\(start) = \(number(gradient))\n"
        }
        return text
    }
}
