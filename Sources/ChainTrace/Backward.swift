import Synchronization

/// The record of one backward pass: every node's gradient and every multiplication, in the order done.
///
/// The pass visits consumers from the output down (reverse recording order). At each consumer `c`
/// and each of its edges `e` (operand `i`), it multiplies the **upstream** gradient ∂out/∂c by the
/// **local partial** ∂c/∂i and adds that **contribution** to ∂out/∂i. A node used by several
/// consumers (a **branch point**) receives one contribution per edge; its gradient is their sum.
public struct Backward: Sendable, Equatable {
    /// The node the pass ran from (its gradient is 1).
    public let output: NodeID
    /// ∂output/∂node for every node on the tape; 0 for nodes the output does not depend on.
    public let gradients: [Double]
    /// The edges multiplied, in the order the pass multiplied them.
    public let steps: [Int32]

    /// A record made elsewhere (for example read from a trace JSON); ``Tape/validate(_:)`` checks it.
    public init(output: NodeID, gradients: [Double], steps: [Int32]) {
        self.output = output
        self.gradients = gradients
        self.steps = steps
    }

    /// Runs reverse-mode differentiation of `output` over `tape`.
    ///
    /// The pass reads only the tape, so running it again, or from another output, never sees
    /// gradients of an earlier pass. It is one loop over the tape's columns: gradients, the reached
    /// flags and the steps are sized once, at their final size (at most one step per edge up to
    /// the output's), and written through buffers whose indices the loop bounds itself. They reuse
    /// the last record's arrays when they fit (`SpareBuffers`). An operand that is not an earlier
    /// node (a tape read from elsewhere and not validated) stops the pass.
    public init(tape: Tape, from output: NodeID) {
        precondition(output >= 0 && output < tape.count, "backward(from:): node \(output) is not on this tape (\(tape.count) nodes)")
        let columns = tape.columns
        let edgeLimit = Int(columns.edgeStart[output + 1])
        // Moved out of the kept set in one statement, so each array's only holder is the pass (or
        // also a record a caller still holds: then the refill copies it).
        var (gradients, reached, steps) = Self.spare.withLock { $0.take((nodes: tape.count, reached: output + 1, edges: edgeLimit)) }
            .map { ($0.gradients, $0.reached, $0.steps) } ?? ([], [], [])
        Self.refill(&gradients, count: tape.count, with: 0)
        Self.refill(&reached, count: output + 1, with: false)
        // Every step the pass keeps is written below: the old contents need no clearing.
        Self.refill(&steps, count: edgeLimit, with: 0, keepingContents: true)
        var taken = 0
        steps.withUnsafeMutableBufferPointer { steps in
            gradients.withUnsafeMutableBufferPointer { gradients in
                reached.withUnsafeMutableBufferPointer { reached in
                    gradients[output] = 1
                    reached[output] = true
                    for consumer in stride(from: output, through: 0, by: -1) where reached[consumer] {
                        let upstream = gradients[consumer]
                        // Edge starts never decrease and end at or below edgeLimit: the steps fit.
                        var edge = Int(columns.edgeStart[consumer])
                        let end = Int(columns.edgeStart[consumer + 1])
                        while edge < end {
                            let input = Int(columns.operands[edge])
                            // One unsigned compare: a negative operand wraps to a huge one.
                            precondition(UInt(bitPattern: input) < UInt(bitPattern: consumer), "backward(from:): operand \(input) of node \(consumer) is not an earlier node; validate the tape first")
                            gradients[input] += upstream * columns.partials[edge]
                            reached[input] = true
                            steps[taken] = Int32(truncatingIfNeeded: edge)
                            // At most one step per edge below edgeLimit: neither count can overflow.
                            taken &+= 1
                            edge &+= 1
                        }
                    }
                }
            }
        }
        steps.removeLast(edgeLimit - taken)
        self.output = output
        self.gradients = gradients
        self.steps = steps
        // The replaced arrays are released after the lock is let go.
        _ = Self.spare.withLock { $0.keep(RecordArrays(gradients: gradients, reached: reached, steps: steps)) }
    }

    /// The arrays of the last record made, for the next pass (one set, shared by every thread, so
    /// behind a lock taken twice per pass).
    private static let spare = Mutex(SpareBuffers<RecordArrays>())

    /// Makes `array` hold `count` elements in the room it has (more if it has too little): all
    /// `filler`, or with `keepingContents` its first elements kept and `filler` after them. An array
    /// still shared with a caller's record is copied on write, never changed under it.
    static func refill<Element>(_ array: inout [Element], count: Int, with filler: Element, keepingContents: Bool = false) {
        if !keepingContents {
            array.removeAll(keepingCapacity: true)
        } else if array.count > count {
            array.removeLast(array.count - count)
        }
        array.append(contentsOf: repeatElement(filler, count: count - array.count))
    }

    /// The upstream gradient multiplied at an edge: the gradient of the edge's consumer.
    public func upstream(of edge: EdgeID, on tape: Tape) -> Double {
        gradients[tape.consumer(of: edge)]
    }

    /// The contribution an edge sent to its operand: upstream × local partial.
    public func contribution(of edge: EdgeID, on tape: Tape) -> Double {
        upstream(of: edge, on: tape) * tape.partial(of: edge)
    }

    /// For every node, the edges whose contributions it received, in the order they arrived.
    ///
    /// A node with two or more is a branch point; its gradient is the sum of their contributions.
    public func arrivals(on tape: Tape) -> [[EdgeID]] {
        var arrivals = [[Int]](repeating: [], count: tape.count)
        for edge in steps {
            arrivals[tape.operand(of: Int(edge))].append(Int(edge))
        }
        return arrivals
    }

    /// For every node, whether the pass reached it (the output depends on it, or it is the output).
    public func reachedNodes(on tape: Tape) -> [Bool] {
        var reached = [Bool](repeating: false, count: tape.count)
        reached[output] = true
        for edge in steps {
            reached[tape.operand(of: Int(edge))] = true
        }
        return reached
    }

    /// Two records are equal when they ran from the same node and agree on every number and step.
    public static func == (lhs: Backward, rhs: Backward) -> Bool {
        lhs.output == rhs.output && lhs.steps == rhs.steps && sameNumbers(lhs.gradients, rhs.gradients)
    }
}

/// A record's gradients and steps with the pass's reached flags: what a backward pass keeps for
/// the next (``SpareBuffers``).
///
/// The record keeps its arrays and the kept set holds a second reference to them: once the caller
/// drops the record, the next pass empties them in place (`Backward.refill`); while the caller
/// still holds it, they are shared and copy-on-write gives the next pass new ones.
struct RecordArrays: KeptBuffers {
    var gradients: [Double]
    var reached: [Bool]
    var steps: [Int32]

    /// The bytes the three arrays have room for.
    var allocatedBytes: Int { Self.bytes(of: (nodes: gradients.capacity, reached: reached.capacity, edges: steps.capacity)) }

    /// Whether the arrays have room for a pass over `room.nodes` nodes, `room.reached` reached
    /// flags and `room.edges` steps.
    func holds(_ room: (nodes: Int, reached: Int, edges: Int)) -> Bool {
        room.nodes <= gradients.capacity && room.reached <= reached.capacity && room.edges <= steps.capacity
    }

    /// The bytes of `room.nodes` gradients, `room.reached` flags and `room.edges` steps.
    static func bytes(of room: (nodes: Int, reached: Int, edges: Int)) -> Int {
        room.nodes * MemoryLayout<Double>.stride + room.reached * MemoryLayout<Bool>.stride + room.edges * MemoryLayout<Int32>.stride
    }
}
