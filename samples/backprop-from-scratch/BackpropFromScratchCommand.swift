import ArgumentParser
import ChainTrace
import ChainTraceBundle
import ChainTraceExamples
import ChainTraceFormat
import ChainTraceGallery
import Foundation

/// `backprop-from-scratch`: trains the article's network through chaintrace and saves what it saw.
@main
struct BackpropFromScratchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop-from-scratch",
        abstract: "Train the backprop-from-scratch article's network (20 epochs, rate 0.5) through chaintrace.",
        discussion: """
            Prints each epoch's error as the article does and writes into the output folder:
              errors.csv          epoch, rate and error of every epoch
              first-row.json      trace JSON of epoch 0's first row: forward pass, loss, backward pass
              deltas.csv          that row's deltas: the article's formula beside the chain-rule product
              first-update.csv    that row's weight update step
              final-network.json  trace JSON of the trained network on the first row
              first-row.svg       that row's backward pass drawn: values, gradients, upstream × local partial
              report.html         that row's interactive report, each neuron's delta marked and checked
                                  against error × σ′, weight gradients as delta × input, the first update
                                  step, and the loss plot
              loss.svg            the error per epoch as a line chart
            Every file is made before any is written.
            """
    )

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out = "out/backprop-from-scratch"

    func run() throws {
        var network = BackpropFromScratch.initializeNetwork()
        let training = BackpropFromScratch.trainNetwork(&network) { epoch, error in
            print(">epoch=\(epoch), lrate=\(String(format: "%.3f", ArticleSetup.learningRate)), error=\(String(format: "%.3f", error))")
        }
        do {
            let files = [
                BundleFile(name: "errors.csv", text: TrainingTables.errors(training)),
                BundleFile(name: "first-row.json", text: TraceJSONWriter.json(training.firstRow.document)),
                BundleFile(name: "deltas.csv", text: TrainingTables.deltas(training.firstDeltas)),
                BundleFile(name: "first-update.csv", text: TrainingTables.update(training.firstUpdate)),
                BundleFile(name: "final-network.json", text: TraceJSONWriter.json(training.finalPass.document)),
            ] + (try BackpropFromScratch.renderedFiles(training))
            print("wrote \(try BundleFile.write(files, to: out).joined(separator: ", "))")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
