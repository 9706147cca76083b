import ArgumentParser
import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceTensor
import ChainTraceText
import FoundationEssentials

/// `chaintrace render`: draw the forward and backward pass as SVG, PNG, PDF or DOT.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a computation and its backward pass as a diagram (SVG, PNG, PDF, TikZ or Graphviz DOT).",
        discussion: """
        Nodes show values and gradients; edges run from operand to result and show the local partial \
        and, in the backward view, upstream × local partial = contribution. Graphviz runs in-process. \
        A .tex file is a TikZ picture of the same layout (compile it with pdflatex); --animate plays the backward pass in an SVG or an animated PNG.
        Examples:
          chaintrace render samples/chain.ct -o chain.svg
          chaintrace render trace.json --format png -o trace.png
          chaintrace render samples/chain.ct --scale 2 -o slide.png
          chaintrace render samples/chain.ct --dpi 300 -o paper.png
          chaintrace render samples/chain.ct -o chain.tex
          chaintrace render samples/branch.ct --animate -o backward.svg
          chaintrace render samples/branch.ct --animate -o backward.png
          chaintrace render samples/layered-tensor.ct --chain W1 -o chain.svg
          chaintrace render samples/article-first-row.ct --highlight x0,loss -o path.svg
        """
    )

    /// A file format the command writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg, png, pdf, dot
        /// A standalone LaTeX document with a TikZ picture of Graphviz's layout.
        case tex
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

    @Option(parsing: .unconditional, help: ArgumentHelp("PNG only: the resolution in dots per inch, from 10 to 960 (96 is one pixel per CSS pixel); instead of --scale.", valueName: "n"))
    var dpi: Int?

    @Option(help: ArgumentHelp("A tensor program: draw ∂output/∂NAME as the chain rule on Jacobians instead, one picture per local Jacobian, one row per path (at most 16), then their product and sum.", valueName: "name"))
    var chain: String?

    @Flag(help: "SVG or PNG: play the backward pass (edges light up in the order multiplied, gradients appear when known, branch points show their running sum); CSS in SVG, an animated PNG (APNG, at most \(BackwardFrames.maxFrames) frames) in PNG.")
    var animate = false

    func validate() throws {
        guard !idPrefix.isEmpty, idPrefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("--id-prefix may use only letters, digits, '-' and '_'")
        }
        guard scale.isFinite, scale > 0, scale <= 10 else { throw ValidationError("--scale must be a number above 0 and at most 10") }
        let format = try resolvedFormat()
        guard scale == 1 || format == .png else { throw ValidationError("--scale applies to PNG only") }
        if animate {
            guard format == .svg || format == .png else { throw ValidationError("--animate writes SVG or an animated PNG: use a .svg or .png file name") }
            guard view == .backward else { throw ValidationError("--animate plays the backward pass: leave out --view forward") }
            guard detail != .compact else { throw ValidationError("--animate shows gradients in node tables: leave out --detail compact") }
        }
        if chain != nil {
            // `format` is the resolved one: a .tex file name without --format is .tex here.
            guard !animate, highlight.isEmpty, view == .backward, format != .tex else {
                throw ValidationError("--chain draws SVG, PNG, PDF or DOT, without --animate, --highlight or --view forward")
            }
        }
        if let dpi {
            guard (10 ... 960).contains(dpi) else { throw ValidationError("--dpi must be from 10 to 960, not \(dpi)") }
            guard scale == 1 else { throw ValidationError("give --dpi or --scale, not both") }
            guard format == .png else { throw ValidationError("--dpi applies to PNG only") }
        }
    }

    func run() throws {
        try reportingFailures {
            var options = diagrams.applied(to: DiagramOptions())
            options.view = view
            options.highlight = highlight.flatMap { $0.split(separator: ",").map { $0.trimmingSpaces } }
            options.idPrefix = idPrefix
            options.showsLegend = !noLegend
            options.detail = animate ? .full : detail
            let document: TraceDocument
            switch try input.computation() {
            case .tensor(let trace) where chain != nil:
                try target.write(try drawn(try chainDiagram(trace, options: options).dot), sparing: input)
                return
            case .scalar where chain != nil:
                throw ValidationError("--chain draws a tensor program's chain of Jacobians; for a scalar trace, use explain --wrt")
            case .tensor(let trace) where !animate:
                // A first tensor diagram: one node per tensor op (issue 12); highlights are the scalar diagram's.
                guard options.highlight.isEmpty else {
                    throw ValidationError("--highlight draws paths of the scalar trace; add --scalar to highlight in a tensor program's expansion")
                }
                try target.write(try drawn(TensorDiagram(tape: trace.tape, backward: view == .backward ? trace.backward : nil, options: options).dot), sparing: input)
                return
            case .tensor(let trace):
                // The animation plays scalar steps: a tensor program's plays on its expansion (with the note).
                document = input.expansion(of: trace)
            case .scalar(let scalar):
                document = scalar
            }
            for term in options.highlight { _ = try document.tape.node(named: term, option: "--highlight") }
            let diagram: Diagram
            do {
                diagram = try Diagram(document, options: options)
            } catch {
                throw CommandFailure("cannot draw \(input.file ?? "the expression"): \(error)")
            }
            for note in diagram.notes {
                StandardStream.error("note: \(note)\n")
            }
            let bytes: [UInt8]
            switch try resolvedFormat() {
            case .svg where animate:
                let svg = String(decoding: try graphviz(diagram.dot, .svg), as: UTF8.self)
                do {
                    bytes = Array(try BackwardAnimation.svg(svg, document: document, diagram: diagram, options: options).utf8)
                } catch {
                    throw CommandFailure("cannot animate \(input.file ?? "the expression"): \(error)")
                }
            case .png where animate: bytes = try animatedPNG(document, options: options)
            default: bytes = try drawn(diagram.dot)
            }
            try target.write(bytes, sparing: input)
        }
    }

    /// ∂output/∂`--chain` as a picture of the chain of local Jacobians.
    private func chainDiagram(_ trace: TensorTrace, options: DiagramOptions) throws -> JacobianChainDiagram {
        let node: TensorNodeID
        do {
            node = try trace.tape.node(named: chain ?? "")
        } catch {
            throw ValidationError("--chain: \(error)")
        }
        // Paths as rows, top to bottom, unless --rankdir says otherwise (the chain's default, not a diagram's LR).
        return JacobianChainDiagram(chain: TensorChain(tape: trace.tape, backward: trace.backward, wrt: node), tape: trace.tape, options: options,
                                    direction: diagrams.rankdir ?? .topToBottom)
    }

    /// The diagram's DOT in the chosen format, still (not animated).
    private func drawn(_ dot: String) throws -> [UInt8] {
        switch try resolvedFormat() {
        case .dot: Array(dot.utf8)
        case .svg: try graphviz(dot, .svg)
        case .png: try graphviz(dot, .png)
        case .pdf: try graphviz(dot, .pdf)
        case .tex: Array(TikZ.document(try layout(dot)).utf8)
        }
    }

    private func graphviz(_ dot: String, _ format: GraphvizFormat) throws -> [UInt8] {
        do {
            // Graphviz draws PNG at 96 dpi × scale, so a resolution is a scale.
            return try Graphviz.render(dot, format: format, scale: dpi.map { Double($0) / 96 } ?? scale)
        } catch {
            throw CommandFailure("\(target.destination): \(error)")
        }
    }

    /// The backward pass as an APNG: every frame rendered at the whole pass's layout.
    private func animatedPNG(_ document: TraceDocument, options: DiagramOptions) throws -> [UInt8] {
        let frames: BackwardFrames
        do {
            frames = try BackwardFrames(document, options: options)
        } catch {
            throw CommandFailure("cannot animate \(input.file ?? "the expression"): \(error)")
        }
        do {
            let images = try Graphviz.renderFrames(frames.dots, pinnedTo: frames.dots[frames.dots.count - 1], scale: dpi.map { Double($0) / 96 } ?? scale)
            return try APNG.animation(images, milliseconds: frames.milliseconds)
        } catch {
            throw CommandFailure("\(target.destination): \(error)")
        }
    }

    private func layout(_ dot: String) throws -> GraphvizDrawing {
        do {
            return try Graphviz.drawing(dot)
        } catch {
            throw CommandFailure("\(target.destination): \(error)")
        }
    }

    private func resolvedFormat() throws -> Format {
        if let format { return format }
        let suffix = target.destination.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard target.destination.contains("."), let format = Format(rawValue: suffix) else {
            throw ValidationError("cannot tell the format of '\(target.destination)': use a .svg, .png, .pdf, .tex or .dot file name, or --format")
        }
        return format
    }
}
