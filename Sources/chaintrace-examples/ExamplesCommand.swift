import ArgumentParser
import ChainTraceBundle
import ChainTraceExamples
import ChainTraceGallery
import Foundation

/// `chaintrace-examples`: every Swift-built sample's bundle, one folder each.
@main
struct ExamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaintrace-examples",
        abstract: "Write every sample of ChainTraceExamples (chain rule, branch, micrograd, softmax, shared weights, vanishing gradients, …) into its own folder.",
        discussion: """
            Each folder (named after the sample, e.g. out/examples/composite-chain) receives trace.json, \
            backward.svg, forward.svg, report.html (with the sample's explanation) and explain.txt, \
            as `chaintrace bundle` writes them. Every file is made before any is written.
            """
    )

    @Option(name: .customLong("out"), help: ArgumentHelp("The folder to write the sample folders into.", valueName: "dir"))
    var out = "out/examples"

    @Option(help: ArgumentHelp("Write only the samples with these names (comma-separated), e.g. softmax-cross-entropy.", valueName: "names"))
    var only: [String] = []

    func validate() throws {
        let known = Set(ExampleGallery.all().map(\.slug))
        for name in selected where !known.contains(name) {
            throw ValidationError("no sample is named '\(name)'; the samples are \(ExampleGallery.all().map(\.slug).joined(separator: ", "))")
        }
    }

    func run() throws {
        let examples = ExampleGallery.all().filter { selected.isEmpty || selected.contains($0.slug) }
        do {
            var bundles: [(String, TraceBundle)] = []
            for example in examples {
                bundles.append((example.slug, try example.bundle()))
            }
            for (slug, bundle) in bundles {
                for note in bundle.notes {
                    FileHandle.standardError.write(Data("note: \(slug): \(note)\n".utf8))
                }
                let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(slug).relativePath
                try bundle.write(to: folder)
                print("wrote \(folder)/ (\(bundle.files.map(\.name).joined(separator: ", ")))")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private var selected: [String] { only.flatMap { $0.split(separator: ",").map(String.init) } }
}
