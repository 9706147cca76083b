import Foundation
import PackagePlugin

/// Embeds the report pages' scripts and stylesheets (`page/*.js`, `page/*.css` of the target) into
/// the build as Swift string literals: `ReportScript.source` and `ReportStyle.source` for the scalar
/// report, `TensorReportScript.source` and `TensorReportStyle.source` for the tensor report.
@main
struct EmbedPage: BuildToolPlugin {
    /// The script's files in page order: the pure helpers first, then the page's code that uses them.
    static let scriptFiles = ["model.js", "dom.js", "report.js"]
    /// The stylesheet's files.
    static let styleFiles = ["report.css"]
    /// The tensor report's script and stylesheet: the pure helpers first (the report's model for its
    /// path-sum check), the report's rules before the tensor page's own.
    static let tensorScriptFiles = ["model.js", "tensor-model.js", "dom.js", "tensor.js"]
    static let tensorStyleFiles = ["report.css", "tensor.css"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let page = Dictionary(
            target.sourceFiles.map(\.url).filter { $0.deletingLastPathComponent().lastPathComponent == "page" }.map { ($0.lastPathComponent, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let file = { (name: String) throws -> URL in
            guard let url = page[name] else { throw EmbedPageError(message: "\(target.name) has no page/\(name)") }
            return url
        }
        let script = try Self.scriptFiles.map(file)
        let style = try Self.styleFiles.map(file)
        let tensorScript = try Self.tensorScriptFiles.map(file)
        let tensorStyle = try Self.tensorStyleFiles.map(file)
        let output = context.pluginWorkDirectoryURL.appending(path: "PageSources.swift")
        var arguments: [String] = [output.path]
        for (name, files) in [("ReportScript", script), ("ReportStyle", style), ("TensorReportScript", tensorScript), ("TensorReportStyle", tensorStyle)] {
            arguments += ["--name", name] + files.map(\.path)
        }
        var inputs: [URL] = []
        for url in script + style + tensorScript + tensorStyle where !inputs.contains(url) { inputs.append(url) }
        return [
            .buildCommand(
                displayName: "Embedding the report pages' scripts and stylesheets",
                executable: try context.tool(named: "embed-page").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}

/// A page file the plugin needs is missing from the target.
struct EmbedPageError: Error, CustomStringConvertible {
    let message: String
    var description: String { "EmbedPage: " + message }
}
