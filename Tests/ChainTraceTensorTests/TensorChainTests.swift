import ChainTrace
import ChainTraceTensor
import Testing

/// `explain --wrt W1` on tensors: the chain of local Jacobians, whose product (summed over the paths)
/// must equal the backward pass's gradient. The test multiplies the engine's explicit Jacobians itself.
struct TensorChainTests {
    /// The sum over `paths` of the products of the engine's local Jacobians, multiplied here from the
    /// output down: a row vector [1 × operand elements] at each step.
    static func jacobianProducts(_ paths: [[Int]], on tape: TensorTape) throws -> [Double] {
        var total: [Double] = []
        for path in paths {
            var row = [1.0]
            for edge in path.reversed() {
                let jacobian = try #require(tape.localJacobian(of: edge))
                #expect(jacobian.rows == row.count)
                row = (0 ..< jacobian.columns).map { column in (0 ..< jacobian.rows).reduce(0) { $0 + row[$1] * jacobian[$1, column] } }
            }
            total = total.isEmpty ? row : zip(total, row).map(+)
        }
        return total
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0), abs($1)) }
    }

    @Test func theProductOfTheLayerJacobiansIsTheGradient() throws {
        let (tape, w1, loss) = try ForwardTests.layers()
        let backward = try TensorBackward(tape: tape, from: loss)
        let chain = TensorChain(tape: tape, backward: backward, wrt: w1)
        #expect(chain.pathCount == 1 && chain.isComplete)
        #expect(chain.paths[0].count == 10)
        let product = try Self.jacobianProducts(chain.paths, on: tape)
        #expect(Self.close(product, backward.gradient(of: w1).elements))
        #expect(Self.close(chain.products[0].elements, product))
        #expect(chain.products[0].shape == Shape([3, 2]))
    }

    @Test func theTextNamesEachFactorWithItsShapeKindAndNumbers() throws {
        let (tape, w1, loss) = try ForwardTests.layers()
        let backward = try TensorBackward(tape: tape, from: loss)
        let text = TensorChain(tape: tape, backward: backward, wrt: w1).text(on: tape)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("∂J/∂W1: W1 [3×2], J []; 1 path"))
        let o = try #require(lines.first { $0.contains("∂o/∂") })
        #expect(o.contains("= diag(σ′(") && o.contains("[1×1]  elementwise"))
        let w2 = try #require(lines.first { $0.contains("= W2") })
        #expect(w2.contains("/∂h") && w2.contains("[1×3]  dense"))
        let first = try #require(lines.firstIndex { $0.contains("/∂W1 ") && $0.contains("I ⊗ xᵀ") })
        #expect(lines[first].contains("[3×6]  dense"))
        // The explicit Jacobian ∂(W1·x)/∂W1 follows, one row per element of W1·x.
        #expect(lines[first + 1].drop { $0 == " " } == "[0.5, −1.2, 0, 0, 0, 0]")
        #expect(lines[first + 3].drop { $0 == " " } == "[0, 0, 0, 0, 0.5, −1.2]")
        // The loss's ½ is an unnamed constant: written as its number; an identity's numbers are left out.
        let half = try #require(lines.firstIndex { $0.hasPrefix("  ∂J/∂") })
        #expect(lines[half].contains("= 0.5·I ") && lines[half + 1].drop { $0 == " " } == "[0.5]")
        let identity = try #require(lines.firstIndex { $0.contains("/∂o ") && $0.contains("= I ") })
        #expect(lines[identity + 1].hasPrefix("  ∂"))
        #expect(text.contains("= the product of the one path = [["))
        #expect(text.hasSuffix(", the backward pass's gradient\n"))
    }

    @Test func pathsThroughABranchPointAreSummed() throws {
        var tape = TensorTape()
        let a = tape.appendInput(Tensor(vector: [0.3, -0.7]), name: "a")
        let b = tape.appendInput(Tensor(vector: [1.5, 2]), name: "b")
        let squares = try tape.append(.binary(.mul), [a, a])
        let loss = try tape.append(.binary(.add), [try tape.append(.sum(axis: nil), [squares]), try tape.append(.dot, [a, b])], name: "J")
        let backward = try TensorBackward(tape: tape, from: loss)
        let chain = TensorChain(tape: tape, backward: backward, wrt: a)
        #expect(chain.pathCount == 3 && chain.isComplete)
        let product = try Self.jacobianProducts(chain.paths, on: tape)
        #expect(Self.close(product, backward.gradient(of: a).elements))
        #expect(Self.close(chain.productSum.elements, product))
        let text = chain.text(on: tape)
        #expect(text.contains("the sum of the 3 paths' products (they part at the branch point a)"))
        #expect(text.contains("= diag(a)") && text.contains("= bᵀ"))
    }

    @Test func aListOfPathsStopsAtItsLimitAndSaysSo() throws {
        var tape = TensorTape()
        let a = tape.appendInput(Tensor(vector: [0.3, -0.7]), name: "a")
        var node = a
        // Each level doubles the paths: a·a, then (a·a)·(a·a), …
        for _ in 0 ..< 6 { node = try tape.append(.binary(.mul), [node, node]) }
        let loss = try tape.append(.sum(axis: nil), [node], name: "J")
        let backward = try TensorBackward(tape: tape, from: loss)
        let chain = TensorChain(tape: tape, backward: backward, wrt: a, limit: 5)
        #expect(chain.pathCount == 64 && chain.paths.count == 5 && !chain.isComplete)
        #expect(chain.text(on: tape).contains("(backward pass); the 5 paths listed sum to"))
    }

    @Test func aNodeTheOutputDoesNotReadHasNoPath() throws {
        var tape = TensorTape()
        let a = tape.appendInput(Tensor(vector: [1, 2]), name: "a")
        let unused = tape.appendInput(Tensor(scalar: 3), name: "u")
        let loss = try tape.append(.sum(axis: nil), [a], name: "J")
        let chain = TensorChain(tape: tape, backward: try TensorBackward(tape: tape, from: loss), wrt: unused)
        #expect(chain.paths.isEmpty && chain.pathCount == 0)
        #expect(chain.text(on: tape).contains("J does not depend on u: the gradient is 0"))
    }
}
