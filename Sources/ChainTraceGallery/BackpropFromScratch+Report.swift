import ChainTrace
import ChainTraceBundle
import ChainTraceExamples
import ChainTraceRender
import ChainTraceReport

extension BackpropFromScratch {
    /// The loss-per-epoch plot of a training: the article's error Σ(expected − output)² against the epoch.
    public static func lossPlot(_ training: Training) -> String {
        LineChart(
            title: "Error per epoch (learning rate \(NumberText.full(training.rate)))", xLabel: "epoch", yLabel: "error Σ(expected − output)²",
            points: training.epochErrors.enumerated().map { LineChart.Point(x: Double($0.offset), y: $0.element) }
        ).svg
    }

    /// The report's annotations for the training's first row: each neuron's delta marked on its
    /// activation node and set beside error × σ′, each weight's gradient beside delta × input,
    /// the first update step, and the loss per epoch.
    public static func reportAnnotations(_ training: Training) -> ReportAnnotations {
        let pass = training.firstRow
        let tape = pass.document.tape
        let number = { (x: Double) in NumberText.significant(x, digits: 6) }
        var notes: [NodeID: String] = [:]

        var deltaRows: [[String]] = []
        for (layer, deltas) in training.firstDeltas.enumerated() {
            for (index, delta) in deltas.enumerated() {
                let nodes = pass.neurons[layer][index]
                let output = tape.value(of: nodes.output)
                let product = delta.error * delta.activationSlope
                deltaRows.append([
                    delta.name, number(output), number(delta.error), number(delta.activationSlope), number(product),
                    number(delta.gradientAtActivation), number(delta.articleDelta),
                    NumberText.significant(abs(delta.gradientAtActivation - delta.articleDelta), digits: 2),
                ])
                notes[nodes.activation] = "Delta of neuron \(delta.name): ∂loss/∂\(delta.name).activation = error × σ′ = "
                    + "\(number(delta.error)) × \(number(delta.activationSlope)) = \(number(delta.gradientAtActivation)); "
                    + "the article's formula gives \(number(delta.articleDelta))."
            }
        }

        var gradientRows: [[String]] = []
        var updateRows: [[String]] = []
        var changes = training.firstUpdate.makeIterator()
        for nodes in pass.neurons.joined() {
            for (weight, node) in nodes.weights.enumerated() {
                guard let change = changes.next() else { preconditionFailure("the first update lists every weight") }
                let input = weight < nodes.inputs.count
                    ? "\(tape.name(of: nodes.inputs[weight]) ?? "#\(nodes.inputs[weight])") = \(number(change.input))" : "1 (bias)"
                gradientRows.append([change.name, number(change.delta), input, number(change.delta * change.input), number(change.gradient)])
                updateRows.append([change.name, number(change.before), number(change.gradient), number(change.after)])
                notes[node] = "∂loss/∂\(change.name) = delta(\(nodes.name)) × input (\(input)) = "
                    + "\(number(change.delta)) × \(number(change.input)) = \(number(change.gradient)). "
                    + "Update: \(number(change.before)) − \(NumberText.full(training.rate)) × \(number(change.gradient)) = \(number(change.after))."
            }
        }

        let errors = training.epochErrors
        let decreasing = zip(errors, errors.dropFirst()).allSatisfy { $1 < $0 }
        let rate = NumberText.full(training.rate)
        let sections = [
            ReportSection(
                title: "Each neuron's delta is a chain-rule product",
                paragraphs: [
                    "The article computes a delta per neuron with its own formulas: for an output neuron (output − expected) · output · (1 − output); for a hidden neuron (Σ weight · delta over the neurons it feeds) · output · (1 − output).",
                    "The engine never uses those formulas; it multiplies upstream gradients by local partials. The gradient arriving at a neuron's output is its error (for a hidden neuron the branch sum of the contributions from the neurons it feeds), and the sigmoid edge's local partial is σ′ = output · (1 − output). So the gradient at the activation node is error × σ′, which is the article's delta. Activation nodes are marked in the diagram; select one to read its note.",
                ],
                table: ReportTable(
                    columns: ["neuron", "output", "error ∂loss/∂output", "σ′ = output·(1 − output)", "error × σ′", "gradient at activation", "article's delta", "|difference|"],
                    rows: deltaRows,
                    caption: "Epoch 0, first row, before its update; loss = ½ Σ (expected − output)²."
                )
            ),
            ReportSection(
                title: "A weight's gradient is delta × the input on its edge",
                paragraphs: ["The weight's edge into the product weight · input has the local partial input, so the contribution it receives is delta × input; the bias multiplies nothing, so its input is 1."],
                table: ReportTable(columns: ["weight", "delta of its neuron", "input on the edge", "delta × input", "gradient ∂loss/∂weight"], rows: gradientRows)
            ),
            ReportSection(
                title: "One weight update step",
                paragraphs: ["The article's update, weight −= rate · delta · input, is a gradient-descent step: new = old − \(rate) × gradient."],
                table: ReportTable(columns: ["weight", "old", "gradient", "new = old − \(rate) × gradient"], rows: updateRows)
            ),
            ReportSection(
                title: "Loss per epoch",
                paragraphs: ["The error Σ (expected − output)² summed over the ten rows, as the article prints it each epoch (online updates, learning rate \(rate)): from \(number(errors[0])) at epoch 0 to \(number(errors[errors.count - 1])) at epoch \(errors.count - 1)"
                    + (decreasing ? ", decreasing every epoch." : ".")],
                figure: ReportFigure(svg: lossPlot(training), description: "Line chart of the error per epoch, epochs 0 to \(errors.count - 1): \(errors.map(number).joined(separator: ", ")).")
            ),
        ]
        return ReportAnnotations(nodeNotes: notes, sections: sections)
    }

    /// The diagram options that keep the article's network legible: top to bottom, constants left out.
    public static var diagramOptions: DiagramOptions {
        var options = DiagramOptions()
        options.rankDirection = .topToBottom
        options.hidesConstants = true
        return options
    }

    /// The files the sample writes besides its CSV tables: the first row's backward diagram
    /// (`first-row.svg`), the annotated report (`report.html`) and the loss plot (`loss.svg`).
    public static func renderedFiles(_ training: Training) throws(BundleError) -> [BundleFile] {
        let document = training.firstRow.document
        var reportOptions = ReportOptions()
        reportOptions.diagram.rankDirection = diagramOptions.rankDirection
        reportOptions.diagram.hidesConstants = diagramOptions.hidesConstants
        let diagram = try BundleArtifacts.diagramSVG(document, view: .backward, options: diagramOptions)
        let report = try BundleArtifacts.reportHTML(
            document, title: "Backprop from scratch: epoch 0, first row", options: reportOptions,
            annotations: reportAnnotations(training))
        return [
            BundleFile(name: "first-row.svg", bytes: diagram.svg),
            BundleFile(name: "report.html", bytes: report.html),
            BundleFile(name: "loss.svg", text: lossPlot(training)),
        ]
    }
}
