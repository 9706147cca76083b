import Foundation

/// Where figures and checks go: standard output, one tab-separated line each, which `run.sh`
/// collects with the peers' lines and `table.py` turns into the table of figures and ratios.
///
/// `figure<TAB>key<TAB>value<TAB>unit<TAB>what` and `check<TAB>key<TAB>ok|FAIL<TAB>detail`.
enum Report {
    /// Failed checks so far; the program exits 1 if there are any.
    nonisolated(unsafe) static var failures = 0

    /// Prints one measured figure.
    static func figure(_ key: String, _ value: Double, _ unit: String, _ what: String) {
        line("figure\t\(key)\t\(value)\t\(unit)\t\(what)")
    }

    /// Prints one check: a comparison the benchmark makes so that it times correct work.
    static func check(_ key: String, _ passed: Bool, _ detail: String) {
        if !passed { failures += 1 }
        line("check\t\(key)\t\(passed ? "ok" : "FAIL")\t\(detail)")
    }

    /// Writes unbuffered, so each line reaches the file at once even if a later workload is stopped.
    private static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// Timing by the monotonic clock.
enum Stopwatch {
    /// Seconds taken by one call of `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The fastest of `repeats` calls, in seconds: the run least disturbed by other processes on
    /// a shared machine (a median would measure the load as much as the code).
    static func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var fastest = Double.infinity
        for _ in 0 ..< max(repeats, 1) { fastest = min(fastest, try seconds(body)) }
        return fastest
    }
}

/// The largest relative difference between two gradients, each element's difference divided by
/// the larger magnitude of the pair (elements both below `floor` in magnitude compare absolutely).
func largestRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) / max(abs($0), abs($1), floor) }.max() ?? 0
}
