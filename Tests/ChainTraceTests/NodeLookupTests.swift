@testable import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import Foundation
import Testing

/// One rule for naming a node: `#id`, or a name's last binding; close names suggested.
@Suite("naming nodes")
struct NodeLookupTests {
    static func tape(_ source: String) throws -> Tape {
        try Program(source: source, file: "t.ct").run().tape
    }

    static func message(_ term: String, _ tape: Tape) -> String {
        do {
            return "found #\(try tape.node(named: term))"
        } catch {
            return error.message
        }
    }

    @Test("ids and names; a rebound name means its last node")
    func idsAndNames() throws {
        let tape = try Self.tape("x = 2\ny = x * 3\ny += x\nz = y")   // x #0, 3 #1, y #2, y #3 (z is an alias)
        #expect(try tape.node(named: "#1") == 1)
        #expect(try tape.node(named: "x") == 0)
        #expect(try tape.node(named: "y") == 3)
        #expect(Self.message("#4", tape) == "no node #4: ids run from #0 to #3")
        #expect(Self.message("#-1", tape) == "no node #-1: ids run from #0 to #3")
        #expect(Self.message("#y", tape) == "no node #y: ids run from #0 to #3")
        #expect(Self.message("z", tape) == "no node named 'z'; did you mean 'x' or 'y'?")
    }

    @Test("suggestions: closest first, at most three, within a third of the length")
    func suggestions() throws {
        let tape = try Self.tape("x0 = 1\nx1 = 2\nweight = 3\nbias = 4\nloss = weight * x0 + bias * x1")
        #expect(Self.message("x", tape) == "no node named 'x'; did you mean 'x0' or 'x1'?")
        #expect(Self.message("wieght", tape) == "no node named 'wieght'; did you mean 'weight'?")
        #expect(Self.message("Loss", tape) == "no node named 'Loss'; did you mean 'loss'?")
        #expect(Self.message("gradient", tape) == "no node named 'gradient' (its names include 'x0', 'x1', 'weight', …; ids such as #0 work too)")
        #expect(Self.message("2", tape) == "no node named '2'; write #2 for the node with id 2")
    }

    @Test("a tape without names says to use ids")
    func unnamedTape() {
        var tape = Tape()
        _ = tape.appendRecorded(.constant, value: 1, parameter: 0, inputs: [], name: nil, scope: [], line: 0)
        #expect(Self.message("a", tape) == "no node named 'a'; the trace names no node, use an id such as #0")
        #expect(Self.message("#1", tape) == "no node #1: ids run from #0 to #0")
    }

    @Test("edit distance")
    func editDistance() {
        #expect(Tape.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Tape.editDistance(Array(""), Array("abc")) == 3)
        #expect(Tape.editDistance(Array("same"), Array("same")) == 0)
    }
}

/// Every command's backward pass comes from one library function.
@Suite("differentiating a loaded document")
struct DifferentiateTests {
    static func document() throws -> TraceDocument {
        let run = try Program(source: "x = 2\nu = x^2 + 1\ny = u^3", file: "t.ct").run()
        return TraceDocument(tape: run.tape, differentiating: run.output)
    }

    @Test("a forward-only trace JSON gets the same backward pass as the program")
    func forwardOnlyTrace() throws {
        let full = try Self.document()
        var read = try TraceJSONReader.read(Data(TraceJSONWriter.json(TraceDocument(tape: full.tape, outputs: full.outputs, backward: nil)).utf8))
        #expect(read.backward == nil)
        let pass = read.differentiate()
        #expect(pass == full.backward)
        #expect(read == full)
    }

    @Test("another output: the pass runs from it and it becomes the first output; a recorded pass is kept")
    func anotherOutput() throws {
        var document = try Self.document()
        document.outputs = [4, 1]
        let pass = document.differentiate(from: 3)
        #expect(document.outputs == [3, 4, 1])
        #expect(pass.output == 3 && document.backward == pass)
        #expect(pass.gradients[0] == 4)
        let recorded = Backward(output: 3, gradients: [9, 9, 9, 1, 0], steps: [])
        document.backward = recorded
        #expect(document.differentiate(from: 3) == recorded, "a pass from the same node is kept as read")
    }
}
