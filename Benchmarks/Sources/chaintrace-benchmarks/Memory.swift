import ChainTrace
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

    /// The bytes of the elements of every array stored in `value`, or in the structures it stores:
    /// used (count × stride) and allocated (capacity × stride, of which untouched pages are not
    /// resident). Found by reflection so that it follows the engine's layout as that changes; heap
    /// text of long strings and dictionary storage (the names of named nodes) are not counted.
    /// A tape's node and edge columns are raw buffers, which reflection does not see: the tape reports them.
    static func arrayBytes(of value: Any) -> (used: Int, allocated: Int) {
        if let array = value as? any ElementBytes { return (array.usedBytes, array.allocatedBytes) }
        let columns = (value as? Tape)?.columnBytes ?? (0, 0)
        return Mirror(reflecting: value).children.reduce(columns) { total, child in
            let bytes = arrayBytes(of: child.value)
            return (total.0 + bytes.used, total.1 + bytes.allocated)
        }
    }
}

/// An array that can say how many bytes its element storage takes.
protocol ElementBytes {
    /// Count × stride of the element type.
    var usedBytes: Int { get }
    /// Capacity × stride of the element type.
    var allocatedBytes: Int { get }
}

extension Array: ElementBytes {
    var usedBytes: Int { count * MemoryLayout<Element>.stride }
    var allocatedBytes: Int { capacity * MemoryLayout<Element>.stride }
}
