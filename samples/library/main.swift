import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import ChainTraceReport
import Foundation

// Record y = (x² + 1)³ and run the backward pass.
let trace = Trace()
let x = trace.input("x", 2)
let u = (x * x + 1).named("u")
let y = pow(u, 3).named("y")
let result = trace.backward(from: y)
print(result.gradient(of: x))                          // 300
print(TapePrinter().steps(trace.tape, backward: result))

// The same record as a document: trace JSON, a diagram drawn by Graphviz, the interactive report.
let document = TraceDocument(trace, differentiating: y)
try TraceJSONWriter.json(document).write(toFile: "chain.json", atomically: true, encoding: .utf8)
let explained = TraceJSONWriter.json(document, explaining: x.id ?? 0)  // what `explain --json` writes
try explained.write(toFile: "chain-explain.json", atomically: true, encoding: .utf8)
let diagram = try Diagram(document)                    // DOT text: diagram.dot
try Data(Graphviz.render(diagram.dot, format: .svg)).write(to: URL(fileURLWithPath: "chain.svg"))
let report = try ReportContent(rendering: document, title: "y = (x² + 1)³")
try ReportPage.html(report).write(toFile: "chain.html", atomically: true, encoding: .utf8)
