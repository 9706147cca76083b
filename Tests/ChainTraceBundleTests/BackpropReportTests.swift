import ChainTrace
import ChainTraceBundle
import ChainTraceExamples
import ChainTraceFormat
import ChainTraceGallery
import ChainTraceReport
import Foundation
import RealModule
import Testing

/// The backprop sample's report: the deltas and weight gradients it shows equal the article's
/// formulas computed here independently, in plain arithmetic; the loss plot has every epoch.
struct BackpropReportTests {
    /// The article's network on its first row, by its own formulas.
    struct Article {
        var hiddenOutputs: [Double] = []
        var outputs: [Double] = []
        var hiddenDeltas: [Double] = []
        var outputDeltas: [Double] = []
        /// Per neuron (hidden then output), per weight (bias last): delta × input.
        var weightGradients: [[Double]] = []

        init(row: [Double], weights: [[[Double]]]) {
            let sigmoid = { (x: Double) in 1 / (1 + exp(-x)) }
            func activate(_ w: [Double], _ inputs: [Double]) -> Double {
                zip(w, inputs).reduce(w[w.count - 1]) { $0 + $1.0 * $1.1 }
            }
            let features = Array(row.prefix(2))
            hiddenOutputs = weights[0].map { sigmoid(activate($0, features)) }
            outputs = weights[1].map { sigmoid(activate($0, hiddenOutputs)) }
            let expected = (0 ..< 2).map { $0 == Int(row[2]) ? 1.0 : 0.0 }
            outputDeltas = (0 ..< 2).map { (outputs[$0] - expected[$0]) * outputs[$0] * (1 - outputs[$0]) }
            hiddenDeltas = (0 ..< 2).map { j in
                let error = (0 ..< 2).reduce(0.0) { $0 + weights[1][$1][j] * outputDeltas[$1] }
                return error * hiddenOutputs[j] * (1 - hiddenOutputs[j])
            }
            weightGradients = hiddenDeltas.map { d in features.map { d * $0 } + [d] }
                + outputDeltas.map { d in hiddenOutputs.map { d * $0 } + [d] }
        }
    }

    static let training: Training = {
        var network = BackpropFromScratch.initializeNetwork()
        return BackpropFromScratch.trainNetwork(&network)
    }()
    static let article = Article(row: ArticleSetup.dataset[0], weights: ArticleSetup.initialWeights)

    func section(_ title: String, _ annotations: ReportAnnotations) throws -> ReportSection {
        try #require(annotations.sections.first { $0.title == title })
    }

    @Test func deltaTableMatchesTheArticlesFormulas() throws {
        let annotations = BackpropFromScratch.reportAnnotations(Self.training)
        let table = try #require(try section("Each neuron's delta is a chain-rule product", annotations).table)
        #expect(table.rows.map { $0[0] } == ["h0", "h1", "o0", "o1"])
        let expected = Self.article.hiddenDeltas + Self.article.outputDeltas
        let outputs = Self.article.hiddenOutputs + Self.article.outputs
        for (row, (delta, output)) in zip(table.rows, zip(expected, outputs)) {
            let cells = row.dropFirst().map { number($0) }
            #expect(cells.allSatisfy { $0 != nil }, "\(row)")
            let out = try #require(cells[0]), error = try #require(cells[1]), slope = try #require(cells[2])
            #expect(out.isApproximatelyEqual(to: output, relativeTolerance: 1e-5), "\(row[0]) output")
            #expect(slope.isApproximatelyEqual(to: output * (1 - output), relativeTolerance: 1e-5), "\(row[0]) σ′")
            // error × σ′, the gradient at the activation node, and the article's delta all agree.
            for column in [3, 4, 5] { #expect((try #require(cells[column])).isApproximatelyEqual(to: delta, relativeTolerance: 1e-5), "\(row[0]) column \(column + 1)") }
            #expect((error * slope).isApproximatelyEqual(to: delta, relativeTolerance: 1e-4))
            #expect(try #require(cells[6]) < 1e-12)
        }
    }

    @Test func everyActivationAndWeightHasANote() throws {
        let annotations = BackpropFromScratch.reportAnnotations(Self.training)
        let pass = Self.training.firstRow
        let neurons = Array(pass.neurons.joined())
        #expect(annotations.nodeNotes.count == neurons.count + neurons.reduce(0) { $0 + $1.weights.count })
        let deltas = Self.article.hiddenDeltas + Self.article.outputDeltas
        for (neuron, delta) in zip(neurons, deltas) {
            let note = try #require(annotations.nodeNotes[neuron.activation])
            #expect(note.hasPrefix("Delta of neuron \(neuron.name): ∂loss/∂\(neuron.name).activation = error × σ′ = "))
            #expect(note.contains("= " + NumberText.significant(delta, digits: 6).replacingOccurrences(of: "-", with: "−") + ";"), "\(note)")
        }
    }

    @Test func weightGradientIsDeltaTimesInput() throws {
        let annotations = BackpropFromScratch.reportAnnotations(Self.training)
        let table = try #require(try section("A weight's gradient is delta × the input on its edge", annotations).table)
        let expected = Array(Self.article.weightGradients.joined())
        #expect(table.rows.count == 12)
        #expect(table.rows.map { $0[0] }.prefix(3) == ["h0.w0", "h0.w1", "h0.bias"])
        for (row, gradient) in zip(table.rows, expected) {
            #expect((try #require(number(row[3]))).isApproximatelyEqual(to: gradient, relativeTolerance: 1e-5), "\(row[0]) delta × input")
            #expect((try #require(number(row[4]))).isApproximatelyEqual(to: gradient, relativeTolerance: 1e-5), "\(row[0]) engine gradient")
        }
        #expect(table.rows[2][2] == "1 (bias)")
        #expect(table.rows[0][2].hasPrefix("x0 = 2.78108"))
    }

    @Test func updateStepIsOldMinusRateTimesGradient() throws {
        let annotations = BackpropFromScratch.reportAnnotations(Self.training)
        let table = try #require(try section("One weight update step", annotations).table)
        let old = Array(ArticleSetup.initialWeights.joined().joined())
        let gradients = Array(Self.article.weightGradients.joined())
        for (index, row) in table.rows.enumerated() {
            #expect((try #require(number(row[1]))).isApproximatelyEqual(to: old[index], relativeTolerance: 1e-5))
            #expect((try #require(number(row[2]))).isApproximatelyEqual(to: gradients[index], relativeTolerance: 1e-5))
            #expect((try #require(number(row[3]))).isApproximatelyEqual(to: old[index] - 0.5 * gradients[index], relativeTolerance: 1e-5))
        }
    }

    @Test func lossPlotHasOnePointPerEpochAndTheLossDecreases() throws {
        let errors = Self.training.epochErrors
        #expect(errors.count == 20)
        #expect(zip(errors, errors.dropFirst()).allSatisfy { $1 < $0 })
        let elements = try xmlElements(Array(BackpropFromScratch.lossPlot(Self.training).utf8))
        let points = elements.filter { $0.localName == "circle" && attribute("class", of: $0) == "point" }
        #expect(points.count == 20)
        for (point, error) in zip(points, errors) {
            let title = point.elements(forName: "title").first?.stringValue ?? ""
            let value = try #require(title.split(separator: " ").last.flatMap { Double($0) })
            #expect(value.isApproximatelyEqual(to: error, relativeTolerance: 1e-5))
        }
        let annotations = BackpropFromScratch.reportAnnotations(Self.training)
        let loss = try section("Loss per epoch", annotations)
        #expect(loss.figure?.svg == BackpropFromScratch.lossPlot(Self.training))
        #expect(loss.paragraphs[0].hasSuffix("decreasing every epoch."))
    }

    @Test func renderedFilesHoldTheAnnotatedReport() throws {
        let files = try BackpropFromScratch.renderedFiles(Self.training)
        #expect(files.map(\.name) == ["first-row.svg", "report.html", "loss.svg"])
        let svg = try xmlElements(files[0].bytes)
        #expect(svg.first?.localName == "svg")
        let html = String(decoding: files[1].bytes, as: UTF8.self)
        let embedded = try #require(between(html, "<script type=\"application/json\" id=\"ct-trace\">", "</script>"))
        #expect(try TraceJSONReader.read(Data(embedded.utf8)) == Self.training.firstRow.document)
        let data = try #require(between(html, "<script type=\"application/json\" id=\"ct-report\">", "</script>"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        #expect((report["nodeNotes"] as? [Any])?.count == 16)
        #expect(html.contains("<h2 id=\"annotation-h0\">Each neuron&#39;s delta is a chain-rule product</h2>"))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(files[2].bytes == Array(BackpropFromScratch.lossPlot(Self.training).utf8))
        // Everything but Graphviz's coordinates is the same on a second run (within one process, Graphviz
        // 2.42 orders clusters by the addresses of their names, so a layout with scopes can shift).
        let again = try BackpropFromScratch.renderedFiles(Self.training)
        #expect(again[2] == files[2])
        let againHTML = String(decoding: again[1].bytes, as: UTF8.self)
        for block in ["ct-trace", "ct-report"] {
            let open = "<script type=\"application/json\" id=\"\(block)\">"
            #expect(between(againHTML, open, "</script>") == between(html, open, "</script>"), "\(block)")
        }
        let sections = try #require(between(html, "<div class=\"annotations\">", "<p id=\"live\""))
        #expect(sections.contains("One weight update step"))
        #expect(between(againHTML, "<div class=\"annotations\">", "<p id=\"live\"") == sections)
    }
}
