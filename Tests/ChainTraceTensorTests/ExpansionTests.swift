import ChainTrace
import ChainTraceTensor
import Testing

/// The tensor record and its scalar expansion agree on every value and gradient; every op's zoom,
/// seeded with its upstream, gives the tensor contributions; at every branch point the gradient is
/// the sum of the contributions.
struct ExpansionTests {
    static let seeds: [UInt64] = Array(1 ... 250)

    @Test func randomProgramsExerciseEveryOp() throws {
        var names = Set<String>()
        var branchPoints = 0
        for seed in Self.seeds {
            let program = try RandomPrograms.make(seed: seed)
            for node in 0 ..< program.tape.count { names.insert(program.tape.op(of: node).name) }
            let record = try TensorBackward(tape: program.tape, from: program.loss)
            branchPoints += record.arrivals(on: program.tape).filter { $0.count >= 2 }.count
        }
        #expect(names.isSuperset(of: ["matmul", "sum", "mean", "transpose", "softmax", "logsumexp", "dot", "cross_entropy", "index", "add", "mul", "sigmoid", "powc"]))
        #expect(branchPoints >= 100)
    }

    @Test func expansionAgreesOnEveryValueAndGradient() throws {
        for seed in Self.seeds {
            let program = try RandomPrograms.make(seed: seed)
            let tape = program.tape
            let record = try TensorBackward(tape: tape, from: program.loss)
            let expansion = TensorExpansion(expanding: tape)
            let scalar = Backward(tape: expansion.tape, from: expansion.scalarOutput(of: program.loss))
            for node in 0 ..< tape.count {
                let elements = expansion.elements[node]
                #expect(elements.map { expansion.tape.value(of: $0) } == tape.value(of: node).elements, "seed \(seed), node \(node): values")
                guard expansion.ownsElements[node] else { continue }
                TensorTesting.expectClose(elements.map { scalar.gradients[$0] }, record.gradient(of: node).elements, 1e-9,
                                          "seed \(seed), node \(node) (\(tape.op(of: node).name)): gradients")
            }
        }
    }

    @Test func gradientIsTheSumOfContributionsAtEveryBranchPoint() throws {
        for seed in Self.seeds {
            let program = try RandomPrograms.make(seed: seed)
            let tape = program.tape
            let record = try TensorBackward(tape: tape, from: program.loss)
            for (node, arrivals) in record.arrivals(on: tape).enumerated() {
                let sum = record.branchSum(of: node, on: tape)
                if arrivals.count >= 2 {
                    let sum = try #require(sum)
                    TensorTesting.expectClose(sum.elements, record.gradient(of: node).elements, 1e-12, "seed \(seed), branch point \(node)")
                } else {
                    #expect(sum == nil)
                    if let edge = arrivals.first {
                        #expect(record.contribution(of: edge) == record.gradient(of: node))
                    }
                }
            }
            for edge in record.steps {
                #expect(record.upstream(of: edge, on: tape) == record.gradient(of: tape.consumer(of: edge)))
                #expect(record.contribution(of: edge)?.shape == tape.shape(of: tape.operand(of: edge)))
            }
        }
    }

    /// Zooming into an op with its upstream: the scalar gradient of each operand element is the
    /// tensor contribution of the op's edge(s) from that operand.
    @Test func zoomGivesTheContributions() throws {
        for seed in Self.seeds.prefix(120) {
            let program = try RandomPrograms.make(seed: seed)
            let tape = program.tape
            let record = try TensorBackward(tape: tape, from: program.loss)
            let reached = record.reachedNodes(on: tape)
            for node in 0 ..< tape.count where !tape.op(of: node).isLeaf && reached[node] {
                let zoom = TensorExpansion(zooming: node, on: tape, upstream: record.gradient(of: node))
                let output = try #require(zoom.output)
                let scalar = Backward(tape: zoom.tape, from: output)
                #expect(zoom.elements[node].map { zoom.tape.value(of: $0) } == tape.value(of: node).elements)
                for operand in Set(tape.inputs(of: node)) {
                    var expected = [Double](repeating: 0, count: tape.shape(of: operand).count)
                    for edge in tape.edges(of: node) where tape.operand(of: edge) == operand {
                        let contribution = try #require(record.contribution(of: edge))
                        for i in expected.indices { expected[i] += contribution.elements[i] }
                    }
                    TensorTesting.expectClose(zoom.elements[operand].map { scalar.gradients[$0] }, expected, 1e-9,
                                              "seed \(seed), zoom into node \(node) (\(tape.op(of: node).name)), operand \(operand)")
                }
            }
        }
    }

    @Test func elementsAreNamedAfterTheirTensor() throws {
        let (tape, W1, loss) = try ForwardTests.layers()
        let expansion = TensorExpansion(expanding: tape)
        #expect(expansion.tape.name(of: expansion.elements[W1][3]) == "W1[1,1]")
        #expect(expansion.tape.name(of: expansion.elements[0][1]) == "x[1]")
        #expect(expansion.tape.name(of: expansion.scalarOutput(of: loss)) == "J")
        let h = try #require((0 ..< tape.count).first { tape.name(of: $0) == "h" })
        #expect(expansion.elements[h].map { expansion.tape.name(of: $0) } == ["h[0]", "h[1]", "h[2]"])
        #expect(expansion.tape.op(of: expansion.elements[W1][0]) == .input)
        #expect(TensorExpansion.elementName("A", shape: Shape([2, 2, 2]), offset: 5) == "A[1,0,1]")
        #expect(expansion.tape.validate().isEmpty)
        let zoom = TensorExpansion(zooming: h, on: tape, upstream: Tensor(vector: [1, 2, 3]))
        let output = try #require(zoom.output)
        #expect(zoom.tape.name(of: output) == "Σ Ḡ ⊙ h")
        #expect((0 ..< zoom.tape.count).compactMap { zoom.tape.name(of: $0) }.filter { $0.hasPrefix("Ḡ") } == ["Ḡ[0]", "Ḡ[1]", "Ḡ[2]"])
        #expect(zoom.elements[h].map { zoom.tape.name(of: $0) } == ["h[0]", "h[1]", "h[2]"])
        let operand = tape.inputs(of: h)[0]
        #expect(zoom.elements[operand].map { zoom.tape.op(of: $0) } == [.input, .input, .input])
        #expect(zoom.elements[operand].map { zoom.tape.name(of: $0) } == ["t\(operand)[0]", "t\(operand)[1]", "t\(operand)[2]"])
    }
}
