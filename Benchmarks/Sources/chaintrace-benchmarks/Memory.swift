import Foundation

/// Memory as the kernel and the arrays see it.
enum Memory {
    /// The process's peak resident set so far (`VmHWM` in /proc/self/status), in bytes; 0 where
    /// there is no /proc.
    static func peakResident() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }

    /// The bytes allocated for the elements of every array stored in `value` (its capacity times
    /// the element's stride), found by reflection so that it follows the engine's layout as that
    /// changes. Heap text of long strings and dictionary storage are not counted.
    static func arrayBytes(of value: Any) -> Int {
        Mirror(reflecting: value).children.reduce(0) { total, child in
            total + ((child.value as? any ElementBytes)?.elementBytes ?? 0)
        }
    }
}

/// An array that can say how many bytes its element storage takes.
protocol ElementBytes {
    /// Capacity × stride of the element type.
    var elementBytes: Int { get }
}

extension Array: ElementBytes {
    var elementBytes: Int { capacity * MemoryLayout<Element>.stride }
}
