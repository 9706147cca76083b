import ArgumentParser
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceText
import Foundation

/// `chaintrace render`: draw the forward and backward pass as SVG, PNG, PDF or DOT.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a computation and its backward pass as a diagram (SVG, PNG, PDF or Graphviz DOT).",
        discussion: """
        Nodes show values and gradients; edges run from operand to result and show the local partial \
        and, in the backward view, upstream × local partial = contribution. Graphviz runs in-process.
        Examples:
          chaintrace render samples/chain.ct -o chain.svg
          chaintrace render trace.json --format png -o trace.png
          chaintrace render samples/chain.ct --scale 2 -o slide.png
          chaintrace render samples/article-first-row.ct --highlight x0,loss -o path.svg
        """
    )

    /// A file format the command writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg, png, pdf, dot
    }

    @OptionGroup var input: ComputationInput

    @OptionGroup var target: DestinationOption

    @Option(help: "The output format (default: from the file's extension).")
    var format: Format?

    @Option(help: "forward: values and local partials; backward: also gradients and contributions.")
    var view: DiagramView = .backward

    @Option(help: ArgumentHelp("Names or ids (#3) whose paths to the output stand out, e.g. x,loss.", valueName: "names"))
    var highlight: [String] = []

    @OptionGroup var diagrams: DiagramLayoutOptions

    @Option(help: ArgumentHelp("Prefix of the SVG ids (letters, digits, '-', '_').", valueName: "prefix"))
    var idPrefix = "ct"

    @Option(help: "full: node tables and labelled edges; compact: two-line nodes and unlabelled edges (numbers in tooltips); auto: compact above 600 drawn nodes.")
    var detail: DiagramDetail = .automatic

    @Flag(help: "Leave the legend out.")
    var noLegend = false

    @Option(parsing: .unconditional, help: ArgumentHelp("PNG only: multiply the pixel size, e.g. 2 or 3 for a slide (96 dpi × factor).", valueName: "factor"))
    var scale = 1.0

    func validate() throws {
        guard !idPrefix.isEmpty, idPrefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("--id-prefix may use only letters, digits, '-' and '_'")
        }
        guard scale.isFinite, scale > 0, scale <= 10 else { throw ValidationError("--scale must be a number above 0 and at most 10") }
        let format = try resolvedFormat()
        guard scale == 1 || format == .png else { throw ValidationError("--scale applies to PNG only") }
    }

    func run() throws {
        try reportingFailures {
            var options = diagrams.applied(to: DiagramOptions())
            options.view = view
            options.highlight = highlight.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            options.idPrefix = idPrefix
            options.showsLegend = !noLegend
            options.detail = detail
            let dot: String
            switch try input.computation() {
            case .tensor(let trace):
                // A first tensor diagram: one node per tensor op (issue 12); highlights are the scalar diagram's.
                guard options.highlight.isEmpty else {
                    throw ValidationError("--highlight draws paths of the scalar trace; add --scalar to highlight in a tensor program's expansion")
                }
                dot = TensorDiagram(tape: trace.tape, backward: view == .backward ? trace.backward : nil, options: options).dot
            case .scalar(let document):
                for term in options.highlight { _ = try document.tape.node(named: term, option: "--highlight") }
                let diagram: Diagram
                do {
                    diagram = try Diagram(document, options: options)
                } catch {
                    throw CommandFailure("cannot draw \(input.file ?? "the expression"): \(error)")
                }
                for note in diagram.notes {
                    FileHandle.standardError.write(Data("note: \(note)\n".utf8))
                }
                dot = diagram.dot
            }
            let bytes: [UInt8]
            switch try resolvedFormat() {
            case .dot: bytes = Array(dot.utf8)
            case .svg: bytes = try graphviz(dot, .svg)
            case .png: bytes = try graphviz(dot, .png)
            case .pdf: bytes = try graphviz(dot, .pdf)
            }
            try target.write(bytes, sparing: input)
        }
    }

    private func graphviz(_ dot: String, _ format: GraphvizFormat) throws -> [UInt8] {
        do {
            return try Graphviz.render(dot, format: format, scale: scale)
        } catch {
            throw CommandFailure("\(target.destination): \(error)")
        }
    }

    private func resolvedFormat() throws -> Format {
        if let format { return format }
        let suffix = target.destination.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard target.destination.contains("."), let format = Format(rawValue: suffix) else {
            throw ValidationError("cannot tell the format of '\(target.destination)': use a .svg, .png, .pdf or .dot file name, or --format")
        }
        return format
    }
}
