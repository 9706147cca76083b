import ChainTrace

/// Some or all of the paths between two nodes, with the exact total so a reader knows what is missing.
///
/// The one listing every output shows: `chaintrace paths` and `explain`, the paths section of trace
/// JSON and the report's path lists; each turns it into text only where it writes.
public struct PathListing: Sendable, Equatable {
    /// Where every path starts.
    public let start: NodeID
    /// Where every path ends (the output).
    public let end: NodeID
    /// The paths listed.
    public let paths: [Path]
    /// The exact number of paths there are.
    public let count: ExactCount
    /// Whether every path is listed.
    public var complete: Bool { ExactCount(UInt64(paths.count)) == count }
    /// The sum of the listed paths' products (the gradient, when ``complete``).
    public var sum: Double { paths.reduce(0) { $0 + $1.product } }

    /// A listing of `paths` from `start` to `end` out of `count`.
    public init(from start: NodeID, to end: NodeID, paths: [Path], count: ExactCount) {
        self.start = start
        self.end = end
        self.paths = paths
        self.count = count
    }

    /// A listing of `paths`, found by `analysis`, out of all its paths.
    public init(_ paths: [Path], of analysis: PathAnalysis) {
        self.init(from: analysis.start, to: analysis.end, paths: paths, count: analysis.count)
    }
}

extension PathAnalysis {
    /// The `k` paths with the largest |product| when `top` is given, otherwise the first `limit` in depth-first order.
    public func listing(top k: Int?, limit: Int) -> PathListing {
        k.map { PathListing(top($0), of: self) } ?? paths(limit: limit)
    }
}
