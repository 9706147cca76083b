import ChainTraceReport

/// How the files of a bundle are drawn and how much they say.
public struct BundleOptions: Sendable, Equatable {
    /// The report's options; they draw `backward.svg` and `forward.svg` too, which are the report's diagrams.
    public var report = ReportOptions()
    /// Significant digits in `explain.txt`.
    public var explainDigits = 6
    /// The most paths `explain.txt` lists per input.
    public var explainPathLimit = 20

    /// The defaults: the same as `chaintrace render`, `report` and `explain` use.
    public init() {}
}
