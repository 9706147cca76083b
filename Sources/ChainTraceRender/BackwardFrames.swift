import ChainTrace
import ChainTraceFormat

/// The backward pass as a sequence of still diagrams, for an animated PNG (tools that take only
/// raster images): frame 0 before any multiplication, then the pass in equal groups of steps, the
/// last frame the whole pass, held before the animation loops.
///
/// Every frame draws the same nodes and edges; render them pinned to the last frame's layout so
/// only colours and numbers change (a branch point shows its running sum as contributions arrive).
public struct BackwardFrames: Sendable {
    /// The most frames: a long trace's steps are merged, several per frame, to keep the file small.
    public static let maxFrames = 60

    /// The most frames for a diagram of `nodes` drawn nodes: fewer for large pictures, whose every
    /// frame is a full-size PNG (about 1,500 node drawings in all, never fewer than 8 frames).
    public static func frameLimit(nodes: Int) -> Int {
        min(maxFrames, max(8, 1500 / max(1, nodes)))
    }

    /// DOT text of each frame; the last one is the whole pass (the diagram `render` draws).
    public let dots: [String]
    /// How many multiplications of the pass each frame has done.
    public let steps: [Int]
    /// How long each frame shows, in milliseconds.
    public let milliseconds: [Int]

    /// The frames of `document`'s backward pass, drawn as `options` say.
    ///
    /// Throws when the trace has no backward record or the options are not the backward view in full detail.
    public init(_ document: TraceDocument, options: DiagramOptions) throws(DiagramError) {
        guard let backward = document.backward, options.view == .backward else {
            throw DiagramError("an animation plays the backward pass: it needs a trace with a backward record and the backward view")
        }
        guard options.detail == .full else { throw DiagramError("an animation needs full detail (node tables show the gradients)") }
        // The last frame is the record itself, so its numbers are the trace's own.
        let whole = try Diagram(document, options: options)
        steps = Self.stepCounts(steps: backward.steps.count, limit: Self.frameLimit(nodes: whole.drawnNodes.count))
        var dots: [String] = []
        for count in steps.dropLast() {
            dots.append(try Diagram(document, options: options, afterSteps: count).dot)
        }
        self.dots = dots + [whole.dot]
        let step = max(150, min(700, 20_000 / max(1, steps.count - 1)))
        milliseconds = Array(repeating: step, count: steps.count - 1) + [max(2500, 3 * step)]
    }

    /// Steps done in each frame: none, then `steps` split into at most `limit - 1` equal groups.
    static func stepCounts(steps: Int, limit: Int) -> [Int] {
        let groups = min(steps, limit - 1)
        return [0] + (0 ..< groups).map { ($0 + 1) * steps / groups }
    }
}
