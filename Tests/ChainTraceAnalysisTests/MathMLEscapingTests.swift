import ChainTrace
import ChainTraceAnalysis
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("MathML from names with control characters")
struct MathMLEscapingTests {
    @Test("a local partial's and an explanation's MathML stay well-formed; controls become U+FFFD")
    func controlCharactersInNames() throws {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 2, name: "e\u{1B}[31m\u{0}'q'")
        let y = tape.appendBinary(.mul, x, x, name: "y\u{7}")
        let names = NodeNames(tape: tape)
        let explanation = Explanation(tape: tape, backward: Backward(tape: tape, from: y), wrt: x)
        for mathML in [names.partialFormula(of: 0).mathML(), explanation.mathML()] {
            let xml = try XMLDocument(data: Data("<math>\(mathML)</math>".utf8), options: [])
            let text = try #require(xml.rootElement()?.stringValue)
            #expect(text.contains("e\u{FFFD}[31m\u{FFFD}'q'") || text.contains("y\u{FFFD}"), "\(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        }
    }
}
