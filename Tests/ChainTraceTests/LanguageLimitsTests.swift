import ChainTrace
import ChainTraceLanguage
import ChainTraceTestSupport
import Foundation
import RealModule
import Synchronization
import Testing

/// Hostile programs from issue 11: deep nesting is a located error, long flat sums and many
/// inputs run in time and memory proportional to the program.
struct LanguageLimitsTests {
    static let depth = 100

    /// Each way to nest an expression, written `levels` deep around `x`.
    static func nested(_ levels: Int) -> [(String, String)] {
        [
            ("brackets", "y = " + String(repeating: "(", count: levels) + "x" + String(repeating: ")", count: levels)),
            ("calls", "y = " + String(repeating: "sin(", count: levels) + "x" + String(repeating: ")", count: levels)),
            ("exponents", "y = " + Array(repeating: "x", count: levels + 1).joined(separator: "^")),
            ("signs", "y = " + String(repeating: "-", count: levels) + "x"),
        ]
    }

    /// Runs `body` on a thread with a 512 KB stack, the smallest a caller is likely to give us.
    static func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
    }

    @Test func nestingPastTheLimitIsALocatedError() {
        // The reproducers crashed every subcommand with a stack overflow at these depths.
        for (kind, source) in Self.nested(7_100) {
            do {
                _ = try Program(source: "x = 0.5\n" + source, file: "deep.ct").run()
                Issue.record("\(kind): expected an error")
            } catch {
                #expect(error.location?.line == 2, "\(kind)")
                #expect(error.description.contains("deep.ct:2:"), "\(kind)")
                #expect(error.message.contains("nested deeper than \(Self.depth) levels"), "\(kind): \(error.message)")
            }
        }
    }

    @Test func nestingAtTheLimitParsesAndRunsOnASmallStack() {
        Self.onSmallStack {
            for (kind, source) in Self.nested(Self.depth) {
                #expect(throws: Never.self, "\(kind)") {
                    let run = try Program(source: "x = 0.5\n" + source, file: "deep.ct").run()
                    let backward = Backward(tape: run.tape, from: run.output)
                    #expect(backward.gradients[0].isFinite, "\(kind)")
                }
            }
        }
    }

    @Test func aFlatSumOf50000TermsRunsWithoutRecursion() throws {
        let terms = 50_000
        let source = "x = 1\ny = " + Array(repeating: "x", count: terms).joined(separator: " + ")
        // Run on a small stack: a tree as deep as the sum is long would overflow it at once.
        let result = Mutex<(Double, Double, Int)?>(nil)
        Self.onSmallStack {
            guard let run = try? Program(source: source, file: "sum.ct").run() else { return }
            let backward = Backward(tape: run.tape, from: run.output)
            result.withLock { $0 = (run.tape.value(of: run.output), backward.gradients[0], run.tape.count) }
        }
        let (value, gradient, nodes) = try #require(result.withLock { $0 })
        #expect(value.isApproximatelyEqual(to: Double(terms), absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(gradient.isApproximatelyEqual(to: Double(terms), absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        // One input and one add per further term: memory in proportion to the program.
        #expect(nodes == terms)
    }

    @Test func productsAndQuotientsChainFlatToo() throws {
        let run = try Program(source: "x = 2\ny = x * x / x * 3 - x + 1 - 4", file: "t.ct").run()
        let expected: Double = 2 * 2 / 2 * 3 - 2 + 1 - 4
        #expect(run.tape.value(of: run.output).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
        #expect(Backward(tape: run.tape, from: run.output).gradients[0].isApproximatelyEqual(to: 3 - 1, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }

    // 160,000 inputs took 67 s when every name was looked up in an array; linear, they take about a
    // second. No stopwatch (a loaded machine would make it flaky): the test's time limit is the bound.
    @Test(.timeLimit(.minutes(1))) func manyInputsTakeLinearTime() throws {
        let count = 160_000
        var source = ""
        for index in 0 ..< count { source += "x\(index) = \(index)\n" }
        source += "y = x1 * x2"
        let program = try Program(source: source, file: "many.ct")
        #expect(program.inputNames.count == count)
        let run = try program.run()
        #expect(run.tape.value(of: run.output).isApproximatelyEqual(to: 2, absoluteTolerance: 1e-6, relativeTolerance: 1e-6))
    }
}
