import ChainTrace
import ChainTraceReport
import ChainTraceText
import Foundation

/// A line chart of one series as a standalone SVG document: axes with round-number ticks and
/// labels, the line, and a marked point (with a tooltip) for every data point.
///
/// Only presentation attributes are used (no `style`), and the same chart always gives the same bytes.
///
/// ```swift
/// let svg = LineChart(title: "Error per epoch", xLabel: "epoch", yLabel: "error",
///                     points: errors.enumerated().map { LineChart.Point(x: Double($0.offset), y: $0.element) }).svg
/// ```
public struct LineChart: Sendable, Equatable {
    /// One data point.
    public struct Point: Sendable, Equatable {
        /// The horizontal coordinate, in data units.
        public var x: Double
        /// The vertical coordinate, in data units.
        public var y: Double

        /// A point from its coordinates.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The heading drawn above the plot (also the SVG's `<title>`).
    public var title: String
    /// The horizontal axis's label.
    public var xLabel: String
    /// The vertical axis's label.
    public var yLabel: String
    /// The series, in drawing order; every coordinate must be finite.
    public var points: [Point]
    /// The width of the whole picture, in pixels.
    public var width = 640.0
    /// The height of the whole picture, in pixels.
    public var height = 400.0
    /// Whether the vertical axis starts at (or passes through) zero.
    public var includesZero = true

    /// A chart of `points`.
    public init(title: String, xLabel: String, yLabel: String, points: [Point]) {
        precondition(!points.isEmpty, "a line chart needs at least one point")
        precondition(points.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "a line chart's points must be finite")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
    }

    /// The SVG document.
    public var svg: String {
        let left = 72.0, right = 24.0, top = 44.0, bottom = 56.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let xs = Self.axis(points.map(\.x), includingZero: false)
        let ys = Self.axis(points.map(\.y) + (includesZero ? [0] : []), includingZero: includesZero)
        let px = { (x: Double) in left + (x - xs.low) / (xs.high - xs.low) * plotWidth }
        let py = { (y: Double) in top + plotHeight - (y - ys.low) / (ys.high - ys.low) * plotHeight }
        let font = "font-family=\"Helvetica, Arial, sans-serif\""

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"chart-title\">\n"
        out += "<title id=\"chart-title\">\(Escape.xmlText(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(n(width / 2))\" y=\"26\" text-anchor=\"middle\" \(font) font-size=\"16\" font-weight=\"bold\" fill=\"#1f2328\">\(Escape.xmlText(title))</text>\n"
        out += "<g class=\"grid\" stroke=\"#d8dee4\" stroke-width=\"1\">\n"
        for tick in ys.ticks {
            out += "<line x1=\"\(n(left))\" y1=\"\(n(py(tick)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(py(tick)))\"/>\n"
        }
        out += "</g>\n<g class=\"axes\" stroke=\"#1f2328\" stroke-width=\"1.5\" fill=\"none\">\n"
        out += "<line x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(top + plotHeight))\"/>\n"
        out += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\"/>\n</g>\n"
        out += "<g class=\"x-ticks\" \(font) font-size=\"12\" fill=\"#1f2328\" text-anchor=\"middle\">\n"
        for tick in xs.ticks {
            let x = px(tick)
            out += "<line x1=\"\(n(x))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(x))\" y2=\"\(n(top + plotHeight + 6))\" stroke=\"#1f2328\"/>"
            out += "<text x=\"\(n(x))\" y=\"\(n(top + plotHeight + 20))\">\(Self.label(tick))</text>\n"
        }
        out += "</g>\n<g class=\"y-ticks\" \(font) font-size=\"12\" fill=\"#1f2328\" text-anchor=\"end\">\n"
        for tick in ys.ticks {
            let y = py(tick)
            out += "<line x1=\"\(n(left - 6))\" y1=\"\(n(y))\" x2=\"\(n(left))\" y2=\"\(n(y))\" stroke=\"#1f2328\"/>"
            out += "<text x=\"\(n(left - 10))\" y=\"\(n(y + 4))\">\(Self.label(tick))</text>\n"
        }
        out += "</g>\n"
        out += "<text class=\"x-label\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 14))\" text-anchor=\"middle\" \(font) font-size=\"13\" fill=\"#1f2328\">\(Escape.xmlText(xLabel))</text>\n"
        let yLabelX = 20.0, yLabelY = top + plotHeight / 2
        out += "<text class=\"y-label\" x=\"\(n(yLabelX))\" y=\"\(n(yLabelY))\" transform=\"rotate(-90 \(n(yLabelX)) \(n(yLabelY)))\" text-anchor=\"middle\" \(font) font-size=\"13\" fill=\"#1f2328\">\(Escape.xmlText(yLabel))</text>\n"
        let line = points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
        out += "<polyline class=\"series\" points=\"\(line)\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n"
        out += "<g class=\"points\" fill=\"#0969da\" stroke=\"#ffffff\" stroke-width=\"1.5\">\n"
        for point in points {
            out += "<circle class=\"point\" cx=\"\(n(px(point.x)))\" cy=\"\(n(py(point.y)))\" r=\"4\">"
            out += "<title>\(Escape.xmlText(xLabel)) \(Self.label(point.x)): \(Escape.xmlText(yLabel)) \(NumberText.significant(point.y, digits: 6))</title></circle>\n"
        }
        return out + "</g>\n</svg>\n"
    }

    /// An axis covering `values`: bounds on round numbers and the ticks between them, about five.
    static func axis(_ values: [Double], includingZero: Bool) -> (low: Double, high: Double, ticks: [Double]) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1e-12 * max(abs(low), abs(high), 1) {
            low -= max(abs(low) * 0.1, 0.5)
            high += max(abs(high) * 0.1, 0.5)
            if includingZero && low < 0 && values.allSatisfy({ $0 >= 0 }) { low = 0 }
        }
        let step = niceStep((high - low) / 5)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        let ticks = stride(from: first, through: last, by: 1).map { ($0 * step * 1e9).rounded() / 1e9 }
        return (first * step, last * step, ticks)
    }

    /// The round number (1, 2 or 5 times a power of ten) nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = Foundation.pow(10.0, Foundation.log10(raw).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    private static func label(_ x: Double) -> String {
        NumberText.significant(x, digits: 6)
    }

    private func n(_ x: Double) -> String { String(format: "%.2f", x) }

}
