@testable import ChainTraceGallery
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG line chart: well-formed, one marked point per data point, ticks that cover the data.
struct LineChartTests {
    static let errors = [6.35, 5.53, 5.22, 4.95, 4.6, 4.2, 3.7, 3.2, 2.8, 2.4]

    static func chart(_ values: [Double] = errors, title: String = "Error per epoch") -> LineChart {
        LineChart(title: title, xLabel: "epoch", yLabel: "error",
                  points: values.enumerated().map { LineChart.Point(x: Double($0.offset), y: $0.element) })
    }

    @Test func onePointPerValueWithItsValue() throws {
        let elements = try xmlElements(Array(Self.chart().svg.utf8))
        let points = elements.filter { $0.localName == "circle" && attribute("class", of: $0) == "point" }
        #expect(points.count == Self.errors.count)
        let titles = points.map { $0.elements(forName: "title").first?.stringValue ?? "" }
        #expect(titles[0] == "epoch 0: error 6.35")
        #expect(titles[9] == "epoch 9: error 2.4")
        // Larger values are drawn higher: the y coordinates fall as the error falls.
        let ys = try points.map { try #require(attribute("cy", of: $0).flatMap(Double.init)) }
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 < $1 })
        let line = try #require(elements.first { attribute("class", of: $0) == "series" })
        #expect(attribute("points", of: line)?.split(separator: " ").count == Self.errors.count)
    }

    @Test func axesHaveRoundTicksCoveringTheData() throws {
        let y = LineChart.axis(Self.errors + [0], includingZero: true)
        #expect(y.low == 0 && y.high == 8)
        #expect(y.ticks == [0, 2, 4, 6, 8])
        let x = LineChart.axis((0 ..< 20).map(Double.init), includingZero: false)
        #expect(x.ticks == [0, 5, 10, 15, 20])
        #expect(LineChart.niceStep(0.013) == 0.02)
        #expect(LineChart.niceStep(3.1) == 5)
        let flat = LineChart.axis([2, 2], includingZero: true)
        #expect(flat.low < 2 && flat.high > 2)

        let elements = try xmlElements(Array(Self.chart().svg.utf8))
        func labels(_ group: String) -> [String] {
            elements.first { attribute("class", of: $0) == group }?.elements(forName: "text").compactMap(\.stringValue) ?? []
        }
        #expect(labels("y-ticks") == ["0", "2", "4", "6", "8"])
        #expect(labels("x-ticks") == ["0", "2", "4", "6", "8", "10"])
        #expect(elements.contains { attribute("class", of: $0) == "x-label" && $0.stringValue == "epoch" })
        #expect(elements.contains { attribute("class", of: $0) == "y-label" && $0.stringValue == "error" })
    }

    @Test func textIsEscapedAndNoStyleAttributes() throws {
        let svg = Self.chart(title: "<b>&\"loss\"</b>").svg
        let elements = try xmlElements(Array(svg.utf8))
        #expect(elements.first { $0.localName == "title" }?.stringValue == "<b>&\"loss\"</b>")
        #expect(!svg.contains("style="))
        #expect(!svg.contains("<script"))
    }

    @Test func sameChartSameBytes() {
        #expect(Self.chart().svg == Self.chart().svg)
    }
}
