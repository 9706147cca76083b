import Foundation
import PackagePlugin

/// Embeds the report page's script and stylesheet (`page/*.js`, `page/report.css` of the target) into
/// the build as Swift string literals, `ReportScript.source` and `ReportStyle.source`.
@main
struct EmbedPage: BuildToolPlugin {
    /// The script's files in page order: the pure helpers first, then the page's code that uses them.
    static let scriptFiles = ["model.js", "report.js"]
    /// The stylesheet's files.
    static let styleFiles = ["report.css"]

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
        let output = context.pluginWorkDirectoryURL.appending(path: "PageSources.swift")
        return [
            .buildCommand(
                displayName: "Embedding the report page's script and stylesheet",
                executable: try context.tool(named: "embed-page").url,
                arguments: [output.path, "--name", "ReportScript"] + script.map(\.path) + ["--name", "ReportStyle"] + style.map(\.path),
                inputFiles: script + style,
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
