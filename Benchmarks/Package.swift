// swift-tools-version: 6.0
import PackageDescription

// The benchmark program, a package of its own (as swift-collections keeps its benchmarks) so that
// chaintrace itself has no benchmark target and `swift test` never times anything.
// Run it with `bash Benchmarks/run.sh` (or `--smoke`), which also runs the peers and prints the ratios.
let package = Package(
    name: "chaintrace-benchmarks",
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder's name, which differs by clone.
        .package(name: "chaintrace", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "chaintrace-benchmarks",
            dependencies: [
                .product(name: "ChainTrace", package: "chaintrace"),
                .product(name: "ChainTraceTensor", package: "chaintrace"),
                .product(name: "ChainTraceRender", package: "chaintrace"),
                .product(name: "ChainTraceGraphviz", package: "chaintrace"),
            ]
        ),
    ]
)
