import ArgumentParser
import ChainTrace
import ChainTraceAudit
import ChainTraceLanguage
import ChainTraceRender
import ChainTraceReport
import FoundationEssentials

/// `chaintrace report`: one self-contained, interactive HTML page about a computation and its backward pass.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an interactive HTML report: click nodes and edges, explore paths, step through the backward pass.",
        discussion: """
        The page is one file that works offline: the diagrams, the trace JSON, the style and the script \
        are all inside it, under a strict Content-Security-Policy.
        --audit adds an Audit section beside the diagram, as `chaintrace audit` finds it: each hand-written \
        line, selectable to highlight the node whose gradient it computes and the edges whose local partials \
        it multiplies; the backward pass then runs from the audit's output (--output, else 'loss' or 'J'). \
        A report has no Audit section unless asked: auditing runs the program at 8 points.
        A tensor program's report shows its tensor diagram: select an op to see its rule, shapes, upstream, \
        contribution and local Jacobian and to expand it into its scalar graph, an element for its scalar \
        paths; with --audit each hand-written line highlights the tensor node whose gradient it computes \
        and the edges whose local Jacobians it multiplies. --scalar reports on the scalar expansion instead.
        Examples:
          chaintrace report samples/article-first-row.ct -o article.html
          chaintrace report samples/article-backprop.ct --audit -o audit.html
          chaintrace report trace.json -o trace.html
          chaintrace report samples/layers.ct -o layers.html
        """
    )

    @OptionGroup var input: ComputationInput

    @OptionGroup var page: PageOptions

    @OptionGroup var diagrams: DiagramLayoutOptions

    @OptionGroup var target: DestinationOption

    @Flag(help: "Add an Audit section: which gradient each hand-written line computes (a program only; see `chaintrace audit`).")
    var audit = false

    func run() throws {
        try reportingFailures {
            // Read once: a FIFO or standard input cannot be read again for the audit.
            let program = audit ? try input.program() : nil
            if let program, program.isTensorProgram, !input.scalar { return try writeTensorAuditReport(program) }
            var document: TraceDocument
            if program != nil {
                document = try input.load(program)
            } else {
                switch try input.computation() {
                case .scalar(let scalar): document = scalar
                case .tensor(let trace): return try writeTensorReport(trace)
                }
            }
            var annotations = ReportAnnotations()
            if let program {
                let found: Audit
                do {
                    found = try Audit(program: program, inputs: input.runInputs(for: program), output: input.outputName)
                } catch let error as AuditError {
                    throw CommandFailure(error.description)
                }
                // The diagram's backward pass is the audit's: from its output, found as `audit` finds it.
                document.outputs = [found.output.id]
                document.differentiate(from: found.output.id)
                annotations.audit = found
            }
            let options = page.reportOptions(diagrams)
            let name = page.title(for: input)
            let content: ReportContent
            do {
                content = try ReportContent(rendering: document, title: name, options: options, annotations: annotations)
            } catch {
                throw CommandFailure("\(input.file ?? "the expression"): \(error)")
            }
            for note in content.notes {
                StandardStream.error("note: \(note)\n")
            }
            try target.write(Array(ReportPage.html(content).utf8), sparing: input)
        }
    }

    /// A tensor program's report with its Audit section: the backward pass runs from the audit's output,
    /// found as `chaintrace audit` finds it ('loss' or 'J' unless --output).
    private func writeTensorAuditReport(_ program: Program) throws {
        let inputs = try input.tensorInputs()
        let found: Audit
        do {
            found = try Audit(tensorProgram: program, inputs: inputs, output: input.outputName)
        } catch let error as AuditError {
            throw CommandFailure(error.description)
        }
        let run = try program.runTensors(inputs: inputs, output: input.outputName ?? found.output.name)
        try writeTensorReport(TensorTrace(tape: run.tape, output: run.output, backward: try run.backward()), audit: found)
    }

    /// A tensor program's report: the tensor diagram, each op expandable into its scalar graph.
    private func writeTensorReport(_ trace: TensorTrace, audit: Audit? = nil) throws {
        var options = page.reportOptions(diagrams)
        // The page shows the diagram in a column beside its panels: a chain of layers drawn top to bottom
        // fits it at a readable size, where left to right it would fit only very small (--rankdir LR asks).
        if diagrams.rankdir == nil { options.diagram.rankDirection = .topToBottom }
        let content: TensorReportContent
        do {
            content = try TensorReportContent(rendering: trace.tape, backward: trace.backward, title: page.title(for: input),
                                              options: options, audit: audit)
        } catch {
            throw CommandFailure("\(input.file ?? "the expression"): \(error)")
        }
        for note in content.notes {
            StandardStream.error("note: \(note)\n")
        }
        try target.write(Array(TensorReportPage.html(content).utf8), sparing: input)
    }
}
