import ArgumentParser

/// The `chaintrace` command: records a computation and shows where the chain rule acts.
@main
struct ChainTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaintrace",
        abstract: "Make the chain rule visible: trace a computation, its local partials and its backward pass.",
        version: "0.1.0",
        subcommands: [TraceCommand.self, RenderCommand.self, ExplainCommand.self, PathsCommand.self, CheckCommand.self, ReportCommand.self, BundleCommand.self, AuditCommand.self]
    )
}
