/// Some or all of the paths between two nodes, with the exact total so a reader knows what is missing.
public struct PathListing: Sendable, Equatable {
    /// The paths listed.
    public let paths: [Path]
    /// The exact number of paths there are.
    public let count: ExactCount
    /// Whether every path is listed.
    public var complete: Bool { ExactCount(UInt64(paths.count)) == count }
    /// The sum of the listed paths' products (the gradient, when ``complete``).
    public var sum: Double { paths.reduce(0) { $0 + $1.product } }

    /// A listing of `paths` out of `count`.
    public init(paths: [Path], count: ExactCount) {
        self.paths = paths
        self.count = count
    }

    /// `"listed 100 of 1267650600228229401496703205376 paths; the sum covers only these"`, or nil when complete.
    public var incompleteMessage: String? {
        complete ? nil : "listed \(paths.count) of \(count) paths; the sum covers only these"
    }
}
