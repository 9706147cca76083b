import ChainTrace
@testable import ChainTraceRender
import ChainTraceTensor
import Foundation
import Testing

/// A network of about two million parameters (784 → 1024 → 1024 → 10, batch 32) draws as tens of nodes,
/// its DOT holds no per-element text, and drawing it reads each element a few times, not once per cell or line.
struct TensorDiagramScaleTests {
    static func network() throws -> (TensorTape, TensorNodeID) {
        var random = SplitMix64(seed: 784)
        let uniform = { (shape: [Int], scale: Double, random: inout SplitMix64) in
            Tensor(shape: Shape(shape), elements: (0 ..< shape.reduce(1, *)).map { _ in random.nextSigned() * scale })
        }
        var tape = TensorTape()
        let x = tape.appendConstant(uniform([32, 784], 1, &random), name: "X")
        var labels = [Double](repeating: 0, count: 32 * 10)
        for example in 0 ..< 32 { labels[example * 10 + example % 10] = 1 }
        let y = tape.appendConstant(Tensor(shape: Shape([32, 10]), elements: labels), name: "Y")
        var h = x
        for (layer, (inputs, outputs)) in [(784, 1024), (1024, 1024), (1024, 10)].enumerated() {
            let w = tape.appendInput(uniform([inputs, outputs], 1 / Double(inputs).squareRoot(), &random), name: "W\(layer + 1)")
            let b = tape.appendInput(uniform([outputs], 0.1, &random), name: "b\(layer + 1)")
            let z = try tape.append(.binary(.add), [try tape.append(.matmul, [h, w]), b], name: "Z\(layer + 1)")
            h = layer < 2 ? try tape.append(.unary(.relu), [z], name: "H\(layer + 1)") : z
        }
        let picked = try tape.append(.sum(axis: 1), [try tape.append(.binary(.mul), [y, h])])
        let loss = try tape.append(.mean(axis: nil), [try tape.append(.binary(.sub), [try tape.append(.logsumexp(axis: 1), [h]), picked])], name: "loss")
        return (tape, loss)
    }

    @Test func aMillionParametersDrawAsTensOfNodesReadingEachElementAFewTimes() throws {
        let (tape, loss) = try Self.network()
        let backward = try TensorBackward(tape: tape, from: loss)
        let parameters = (0 ..< tape.count).filter { tape.op(of: $0) == .input }.map { tape.shape(of: $0).count }.reduce(0, +)
        #expect(parameters > 1_000_000)
        let clock = ContinuousClock()
        var dot = ""
        let drawing = clock.measure { dot = TensorDiagram(tape: tape, backward: backward).dot }
        let nodes = dot.split(separator: "\n").filter { $0.hasPrefix("  n") && $0.dropFirst(3).first?.isNumber == true && !$0.contains(" -> ") }
        #expect(nodes.count == tape.count && (10 ... 99).contains(nodes.count))
        // At most 16×16 heatmap cells for a value and as many for a gradient per node: bounded text, not per element.
        #expect(dot.utf8.count < 40 * tape.count * 1024, "\(dot.utf8.count) bytes of DOT")
        // One pass over every element of every value, gradient and contribution, for comparison.
        var tensors = (0 ..< tape.count).flatMap { [tape.value(of: $0), backward.gradient(of: $0)] }
        tensors += (0 ..< tape.edgeCount).compactMap { backward.contribution(of: $0) }
        let elements = tensors.map(\.elements.count).reduce(0, +)
        var checksum = 0.0
        let onePass = clock.measure { for tensor in tensors { checksum += TensorSummary(tensor).norm } }
        #expect(checksum.isFinite && elements > 4_000_000)
        // Drawing reads values and gradients twice (summary, heatmap) and contributions once (norm): a few
        // passes, with generous room for a loaded machine. Per-element strings would cost hundreds of passes.
        print("TensorDiagramScaleTests: \(tape.count) nodes, \(dot.utf8.count) bytes of DOT, drawn in \(drawing); one pass over \(elements) elements: \(onePass)")
        #expect(drawing < onePass * 12 + .milliseconds(500), "drawing took \(drawing), one pass \(onePass)")
    }
}
