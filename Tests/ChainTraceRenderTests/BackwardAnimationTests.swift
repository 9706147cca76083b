import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The animated backward pass: CSS keyframes added to Graphviz's SVG, timed by the backward record.
@Suite("the backward pass as an animated SVG")
struct BackwardAnimationTests {
    static let branching = "a = 2\nb = 1\nc = a + b\nd = b + 1\ne = c * d\n"

    static func animated(_ program: String, _ change: (inout DiagramOptions) -> Void = { _ in }) throws -> (String, TraceDocument) {
        let doc = try document(program)
        var options = DiagramOptions()
        options.detail = .full
        change(&options)
        let diagram = try Diagram(doc, options: options)
        let svg = String(decoding: try Graphviz.render(diagram.dot, format: .svg), as: UTF8.self)
        return (try BackwardAnimation.svg(svg, document: doc, diagram: diagram, options: options), doc)
    }

    /// The percentage of the loop at which an element's opacity first reaches `value`, from its keyframes.
    static func firstTime(_ svg: String, keyframes name: String, reaching value: String) throws -> Double {
        let rule = try #require(svg.split(separator: "\n").first { $0.hasPrefix("@keyframes \(name){") })
        let frame = try #require(rule.firstMatch(of: try Regex("([0-9.]+)%\\{opacity:\(value)\\}")))
        return try #require(Double(String(frame.output[1].substring ?? "")))
    }

    @Test("edges light up in the order they were multiplied, no script, well-formed, same bytes twice")
    func order() throws {
        let (svg, doc) = try Self.animated(Self.branching)
        let backward = try #require(doc.backward)
        _ = try XMLDocument(data: Data(svg.utf8), options: [])
        #expect(!svg.contains("<script"))
        #expect(svg.contains("<style>\n@keyframes"))
        let times = try backward.steps.map { try Self.firstTime(svg, keyframes: "kct-e\($0)", reaching: "1") }
        #expect(times == times.sorted() && Set(times).count == times.count, "\(times)")
        #expect(try Self.animated(Self.branching).0 == svg)
    }

    @Test("a gradient appears with its last contribution; a branch point shows its running sum before that")
    func gradients() throws {
        let (svg, doc) = try Self.animated(Self.branching)
        let tape = doc.tape, backward = try #require(doc.backward)
        let arrivals = backward.arrivals(on: tape)
        // b (#1) is the branch point: its first contribution is shown as a running sum until the second arrives.
        #expect(arrivals[1].count == 2)
        let first = try Self.firstTime(svg, keyframes: "kct-e\(arrivals[1][0])", reaching: "1")
        let last = try Self.firstTime(svg, keyframes: "kct-e\(arrivals[1][1])", reaching: "1")
        #expect(try Self.firstTime(svg, keyframes: "kct-n1-sum1", reaching: "1") == first)
        #expect(try Self.firstTime(svg, keyframes: "kct-n1-g", reaching: "1") == last)
        let partial = NumberText.significant(backward.contribution(of: arrivals[1][0], on: tape), digits: 4)
        #expect(svg.contains("id=\"ct-n1-sum1\" opacity=\"0\" xml:space=\"preserve\""))
        #expect(svg.contains(">\(partial) + … =<tspan font-weight=\"bold\"> \(partial)</tspan></text>"))
        // The output's gradient is known from the start: it is not animated.
        #expect(!svg.contains("@keyframes kct-n\(backward.output)-g"))
        #expect(svg.contains("id=\"ct-n\(backward.output)-gradient\""))
        // A sum overlay is hidden at the end of the loop; edges and gradients are shown.
        let sumRule = try #require(svg.split(separator: "\n").first { $0.hasPrefix("@keyframes kct-n1-sum1{") })
        #expect(sumRule.hasSuffix("100%{opacity:0}}"))
    }

    @Test("the forward view and compact nodes cannot be animated")
    func refusals() throws {
        #expect(throws: DiagramError.self) { try Self.animated(Self.branching) { $0.view = .forward } }
        #expect(throws: DiagramError.self) { try Self.animated(Self.branching) { $0.detail = .compact } }
    }

    @Test("percentages come from integers", arguments: [(0, 7000, "0.000%"), (280, 7000, "4.000%"), (1, 3, "33.333%"), (7000, 7000, "100.000%")])
    func percent(_ part: Int, _ whole: Int, _ expected: String) {
        #expect(BackwardAnimation.percent(part, of: whole) == expected)
    }
}
