import ArgumentParser
import ChainTrace
import ChainTraceExamples
import ChainTraceFormat
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
            """
    )

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out = "out/backprop-from-scratch"

    func run() throws {
        var network = BackpropFromScratch.initializeNetwork()
        let training = BackpropFromScratch.trainNetwork(&network) { epoch, error in
            print(">epoch=\(epoch), lrate=\(String(format: "%.3f", ArticleSetup.learningRate)), error=\(String(format: "%.3f", error))")
        }
        let files: [(String, String)] = [
            ("errors.csv", TrainingTables.errors(training)),
            ("first-row.json", TraceJSONWriter.json(training.firstRow.document)),
            ("deltas.csv", TrainingTables.deltas(training.firstDeltas)),
            ("first-update.csv", TrainingTables.update(training.firstUpdate)),
            ("final-network.json", TraceJSONWriter.json(training.finalPass.document)),
        ]
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(out): cannot write: \((error as NSError).localizedDescription)\n".utf8))
            throw ExitCode.failure
        }
        print("wrote \(files.map { folder.appendingPathComponent($0.0).relativePath }.joined(separator: ", "))")
    }
}
