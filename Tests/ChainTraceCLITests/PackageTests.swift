import Foundation
import Testing

/// What the package exports: the libraries and tools, not the sample code.
struct PackageTests {
    /// `ChainTraceExamples` and `ChainTraceGallery` hold the samples' own `Neuron`, `Network` and
    /// `Training`: a client of the package must not get them as products (the executables still use them).
    @Test func sampleModulesAreNotProducts() throws {
        let manifest = try String(contentsOf: CLI.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let products = try #require(manifest.range(of: "products: [").flatMap { start in
            manifest.range(of: "\n    ],", range: start.upperBound ..< manifest.endIndex).map { manifest[start.upperBound ..< $0.lowerBound] }
        })
        #expect(products.contains(".library(name: \"ChainTrace\""))
        for sample in ["ChainTraceExamples", "ChainTraceGallery"] {
            #expect(!products.contains("targets: [\"\(sample)\"]"), "\(sample) is a product")
        }
        #expect(products.contains(".executable(name: \"chaintrace-examples\""))
    }
}
