import ChainTrace
import RealModule

/// Colours, line widths and number text of diagrams: the visual encoding in one place.
struct DiagramStyle {
    /// The fill, border and text colours of one kind of node.
    struct NodeColors {
        var fill: String
        var border: String
        var text: String
    }

    let digits: Int

    static let input = NodeColors(fill: "#E6F4EA", border: "#2F855A", text: "#1A202C")
    static let constant = NodeColors(fill: "#F7FAFC", border: "#A0AEC0", text: "#4A5568")
    static let intermediate = NodeColors(fill: "#EBF4FF", border: "#3C66B5", text: "#1A202C")
    static let output = NodeColors(fill: "#FFF1E0", border: "#C05621", text: "#1A202C")
    static let summary = NodeColors(fill: "#F3EEFB", border: "#6B46C1", text: "#1A202C")
    static let unreached = NodeColors(fill: "#FFFFFF", border: "#CBD5E0", text: "#718096")

    static let positive = "#2B6CB0"
    static let negative = "#C53030"
    static let neutral = "#718096"
    static let forward = "#4A5568"
    static let faded = "#D5DBE3"
    static let fadedText = "#A0AEC0"
    static let muted = "#5A6478"

    /// A colour blended towards white, for the faded part of a highlighted diagram.
    static func faded(_ colors: NodeColors) -> NodeColors {
        NodeColors(fill: mix(colors.fill, towardsWhite: 0.7), border: mix(colors.border, towardsWhite: 0.7), text: fadedText)
    }

    /// The colour of an edge by the sign of its contribution.
    static func color(ofContribution x: Double) -> String {
        x > 0 ? positive : x < 0 ? negative : neutral
    }

    /// Line width from a contribution's magnitude on a log scale relative to the largest:
    /// four decades below the largest or less is the thinnest line.
    static func penWidth(_ magnitude: Double, largest: Double) -> Double {
        guard magnitude.isFinite, largest.isFinite, largest > 0, magnitude > 0 else { return 0.8 }
        let decades = Double.log10(magnitude / largest)
        let t = Swift.min(1, Swift.max(0, 1 + decades / 4))
        return ((0.8 + 3.7 * t) * 100).rounded() / 100
    }

    /// A number for people: `digits` significant digits with a true minus sign.
    func number(_ x: Double) -> String {
        NumberText.significant(x, digits: digits)
    }

    /// A number at full precision, for tooltips.
    static func exact(_ x: Double) -> String {
        NumberText.full(x)
    }

    /// `color` (`#RRGGBB`) moved `amount` (0 to 1) of the way to white.
    static func mix(_ color: String, towardsWhite amount: Double) -> String {
        let digits = Array(color.utf8.dropFirst())
        guard digits.count == 6 else { return color }
        var out = "#"
        for index in stride(from: 0, to: 6, by: 2) {
            let channel = Int(String(decoding: digits[index ..< index + 2], as: UTF8.self), radix: 16) ?? 0
            let mixed = Int((Double(channel) + (255 - Double(channel)) * amount).rounded())
            let hex = String(mixed, radix: 16, uppercase: true)
            out += hex.count == 1 ? "0" + hex : hex
        }
        return out
    }
}
