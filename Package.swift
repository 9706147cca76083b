// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "chaintrace",
    // Synchronization's `Mutex` (the Graphviz lock) needs these; Linux has no minimum.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "ChainTrace", targets: ["ChainTraceText", "ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceAnalysis"]),
        .library(name: "ChainTraceTensor", targets: ["ChainTraceTensor"]),
        .library(name: "ChainTraceRender", targets: ["ChainTraceRender"]),
        .library(name: "ChainTraceGraphviz", targets: ["ChainTraceGraphviz"]),
        .library(name: "ChainTraceReport", targets: ["ChainTraceReport"]),
        .executable(name: "chaintrace", targets: ["chaintrace"]),
        .executable(name: "backprop-from-scratch", targets: ["backprop-from-scratch"]),
        .library(name: "ChainTraceBundle", targets: ["ChainTraceBundle"]),
        .library(name: "ChainTraceAudit", targets: ["ChainTraceAudit"]),
        .executable(name: "chaintrace-examples", targets: ["chaintrace-examples"]),
        .executable(name: "library-example", targets: ["library-example"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // `swift package generate-documentation` builds the DocC catalogs.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // Escaping for every output context (XML, DOT, JSON, script, terminal), the one JSON emitter and
        // display shortening: the boundary between untrusted text and what chaintrace writes. Standard library only.
        .target(name: "ChainTraceText"),
        // The recording engine: tape, traced scalar, backward pass. Standard library plus
        // swift-numerics' RealModule for the elementary functions (no Foundation, no C).
        .target(name: "ChainTrace", dependencies: ["ChainTraceText", .product(name: "RealModule", package: "swift-numerics")]),
        // The `.ct` program language: lexer, parser, evaluators onto a scalar tape or a tensor tape. Standard library only.
        .target(name: "ChainTraceLanguage", dependencies: ["ChainTrace", "ChainTraceTensor"]),
        // Trace JSON: version 1 (scalar traces, with the analysis' sections) and version 2 (tensor traces), writer and validating reader.
        .target(name: "ChainTraceFormat", dependencies: ["ChainTrace", "ChainTraceAnalysis", "ChainTraceTensor"], exclude: ["trace-v1.schema.json", "trace-v2.schema.json"]),
        // Paths, symbolic local derivatives, forward mode, gradient check: the chain rule spelled out.
        .target(name: "ChainTraceAnalysis", dependencies: ["ChainTrace", .product(name: "RealModule", package: "swift-numerics")]),
        // Tensors: shapes, broadcasting, tensor ops, their backward record (vector-Jacobian products) and
        // the exact expansion to a scalar trace. Uses the core's rule records and Analysis' formula text.
        .target(
            name: "ChainTraceTensor",
            dependencies: ["ChainTrace", "ChainTraceAnalysis", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // `chaintrace audit`: which gradient each hand-written line of backpropagation computes. Standard library only.
        .target(
            name: "ChainTraceAudit",
            dependencies: ["ChainTrace", "ChainTraceLanguage", "ChainTraceAnalysis", "ChainTraceTensor"],
            exclude: ["audit-v1.schema.json"]
        ),
        // Diagrams as DOT text: pure Swift, testable and exportable without Graphviz.
        .target(
            name: "ChainTraceRender",
            dependencies: ["ChainTrace", "ChainTraceFormat", "ChainTraceAnalysis", "ChainTraceTensor", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // Graphviz's C libraries (apt: libgraphviz-dev): their headers, nothing of ours.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // The C chaintrace adds to Graphviz (a deterministic reader), written for Graphviz 2.42/2.43.
        .target(name: "CGraphvizShim", dependencies: ["CGraphviz"]),
        // In-process layout and rendering (SVG, PNG, PDF, TikZ from the layout); the one place that calls Graphviz.
        .target(name: "ChainTraceGraphviz", dependencies: ["CGraphviz", "CGraphvizShim", "ChainTraceText"]),
        // The interactive HTML report: one self-contained page (inline SVG, data, style, script; strict CSP).
        // Its script and stylesheet are real files (page/*.js, page/report.css), embedded at build time.
        .target(
            name: "ChainTraceReport",
            dependencies: ["ChainTrace", "ChainTraceFormat", "ChainTraceAnalysis", "ChainTraceRender", "ChainTraceGraphviz", "ChainTraceAudit", "ChainTraceTensor"],
            plugins: ["EmbedPage"]
        ),
        // Writes the page's .js and .css files into a Swift source as string literals (one binary, exact CSP hashes).
        .executableTarget(name: "embed-page"),
        .plugin(name: "EmbedPage", capability: .buildTool(), dependencies: ["embed-page"]),
        // A trace's files in one folder: trace JSON, both diagrams as SVG, the report, the explanations.
        .target(
            name: "ChainTraceBundle",
            dependencies: ["ChainTrace", "ChainTraceFormat", "ChainTraceAnalysis", "ChainTraceRender", "ChainTraceGraphviz", "ChainTraceReport", "CFileWriteback"]
        ),
        // Starts a file's writeback to disk early (Linux's sync_file_range), for large outputs.
        .target(name: "CFileWriteback"),
        .executableTarget(
            name: "chaintrace",
            dependencies: [
                "ChainTrace", "ChainTraceLanguage", "ChainTraceTensor", "ChainTraceFormat", "ChainTraceAnalysis", "ChainTraceRender",
                "ChainTraceGraphviz", "ChainTraceReport", "ChainTraceBundle", "ChainTraceAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Sample code, not API: no product exports these two targets (their `Neuron`, `Network`,
        // `Training` are the samples' own); the sample executables and the tests use them.
        // The samples as functions returning trace documents: chain-rule examples, the
        // backprop-from-scratch article's network, micrograd, softmax, shared weights, vanishing gradients.
        .target(name: "ChainTraceExamples", dependencies: ["ChainTrace"]),
        // The samples' bundles: each example's report with its explanation, the backprop article's
        // annotated report (deltas, weight gradients, one update step) and its loss plot.
        .target(
            name: "ChainTraceGallery",
            dependencies: ["ChainTrace", "ChainTraceRender", "ChainTraceReport", "ChainTraceBundle", "ChainTraceExamples"]
        ),
        .executableTarget(
            name: "chaintrace-examples",
            dependencies: [
                "ChainTraceBundle", "ChainTraceExamples", "ChainTraceGallery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "backprop-from-scratch",
            dependencies: [
                "ChainTrace", "ChainTraceFormat", "ChainTraceExamples", "ChainTraceBundle", "ChainTraceGallery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "samples/backprop-from-scratch"
        ),
        // The README's Swift library example, compiled with the package so it cannot go stale.
        .executableTarget(
            name: "library-example",
            dependencies: ["ChainTrace", "ChainTraceFormat", "ChainTraceRender", "ChainTraceGraphviz", "ChainTraceReport"],
            path: "samples/library"
        ),
        .testTarget(
            name: "ChainTraceExamplesTests",
            dependencies: [
                "ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceExamples",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        // Helpers shared by the test targets.
        .target(name: "ChainTraceTestSupport", path: "Tests/ChainTraceTestSupport"),
        .testTarget(name: "ChainTraceTextTests", dependencies: ["ChainTrace", "ChainTraceText", "ChainTraceTestSupport"]),
        .testTarget(
            name: "ChainTraceTests",
            dependencies: [
                "ChainTrace", "ChainTraceLanguage", "ChainTraceTensor", "ChainTraceFormat", "ChainTraceTestSupport",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .testTarget(
            name: "ChainTraceRenderTests",
            dependencies: ["ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceRender", "ChainTraceGraphviz", "ChainTraceTensor", "ChainTraceTestSupport"]
        ),
        .testTarget(
            name: "ChainTraceAnalysisTests",
            dependencies: [
                "ChainTraceAnalysis", "ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceTestSupport",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .testTarget(
            name: "ChainTraceBundleTests",
            dependencies: [
                "ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceReport", "ChainTraceBundle",
                "ChainTraceExamples", "ChainTraceGallery", .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        // The built `chaintrace` binary, run end to end: exit codes, messages, files written.
        .testTarget(name: "ChainTraceCLITests", dependencies: ["ChainTrace", "ChainTraceFormat"]),
        .testTarget(
            name: "ChainTraceAuditTests",
            dependencies: ["ChainTraceAudit", "ChainTrace", "ChainTraceLanguage", "ChainTraceExamples"]
        ),
        .testTarget(
            name: "ChainTraceTensorTests",
            dependencies: ["ChainTraceTensor", "ChainTrace", "ChainTraceAnalysis", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .testTarget(
            name: "ChainTraceReportTests",
            dependencies: ["ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceAnalysis", "ChainTraceReport", "ChainTraceAudit", "ChainTraceTensor", "ChainTraceTestSupport"]
        ),
    ]
)
