// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "chaintrace",
    products: [
        .library(name: "ChainTrace", targets: ["ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceAnalysis"]),
        .executable(name: "chaintrace", targets: ["chaintrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // The recording engine: tape, traced scalar, backward pass. Standard library plus
        // swift-numerics' RealModule for the elementary functions (no Foundation, no C).
        .target(name: "ChainTrace", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
        // The `.ct` program language: lexer, parser, evaluator onto a tape. Standard library only.
        .target(name: "ChainTraceLanguage", dependencies: ["ChainTrace"]),
        // Trace JSON version 1: writer and validating reader.
        .target(name: "ChainTraceFormat", dependencies: ["ChainTrace"], exclude: ["trace-v1.schema.json"]),
        // Paths, symbolic local derivatives, forward mode, gradient check: the chain rule spelled out.
        .target(name: "ChainTraceAnalysis", dependencies: ["ChainTrace", .product(name: "RealModule", package: "swift-numerics")]),
        .executableTarget(
            name: "chaintrace",
            dependencies: [
                "ChainTrace", "ChainTraceLanguage", "ChainTraceFormat", "ChainTraceAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ChainTraceTests",
            dependencies: ["ChainTrace", "ChainTraceLanguage", "ChainTraceFormat"]
        ),
        .testTarget(
            name: "ChainTraceAnalysisTests",
            dependencies: ["ChainTraceAnalysis", "ChainTrace", "ChainTraceLanguage", "ChainTraceFormat"]
        ),
    ]
)
