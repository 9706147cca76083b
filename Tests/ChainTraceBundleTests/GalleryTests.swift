import ChainTraceBundle
import ChainTraceExamples
import ChainTraceFormat
import ChainTraceGallery
import Foundation
import Testing

/// Every Swift-built sample makes a complete bundle whose report carries its explanation.
struct GalleryTests {
    @Test func everyExampleBundles() throws {
        for example in ExampleGallery.all() {
            let bundle = try example.bundle()
            #expect(bundle.files.map(\.name) == bundleFileNames, "\(example.slug)")
            #expect(try TraceJSONReader.read(Data(bundle.files[0].bytes)) == example.document, "\(example.slug)")
            for svg in bundle.files[1 ... 2] {
                #expect(try xmlElements(svg.bytes).first?.localName == "svg", "\(example.slug) \(svg.name)")
            }
            let html = String(decoding: bundle.files[3].bytes, as: UTF8.self)
            #expect(html.contains("<h2 id=\"annotation-h0\">About this example</h2>"), "\(example.slug)")
            #expect(!bundle.files[4].bytes.isEmpty)
        }
    }
}
