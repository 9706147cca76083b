import ChainTrace
import ChainTraceRender
import ChainTraceTensor
import ChainTraceText

/// A tensor as the page shows it, written in Swift so the page, the diagrams and the command line share
/// one number format: its shape, its elements as a little matrix when small, else a summary, and a
/// heatmap whose cells are its elements when it is small enough to click one.
enum TensorNumbers {
    /// Significant digits of the page's numbers.
    static let digits = ReportNumbers.digits

    /// `{"shape": "[3×2]", "count": 6, "cells": […] | null, "columns": 2, "summary": …, "heat": {…} | null}`.
    static func write(_ tensor: Tensor, to json: inout JSONWriter) {
        let small = tensor.elements.count <= TensorDiagram.matrixLimit && tensor.shape.rank <= 2
        json.beginObject(.compact)
        json.key("shape")
        json.string(tensor.shape.description)
        json.key("count")
        json.integer(tensor.elements.count)
        json.key("columns")
        json.integer(tensor.shape.rank == 2 ? tensor.shape.dimensions[1] : tensor.elements.count)
        json.key("cells")
        if small {
            json.array(tensor.elements, .compact) { $0.string(text($1)) }
        } else {
            json.null()
        }
        json.key("summary")
        json.string(summary(tensor))
        json.key("heat")
        if small { json.null() } else { writeHeat(tensor, to: &json) }
        json.end()
    }

    /// One number as the page writes it.
    static func text(_ x: Double) -> String { NumberText.significant(x, digits: digits) }

    /// `min −0.3 · mean 0.1 · max 0.7 · ‖·‖ 1.2 · 2 zeros`.
    static func summary(_ tensor: Tensor) -> String {
        let finite = tensor.elements.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return "no finite element" }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let norm = finite.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return "min \(text(low)) · mean \(text(mean)) · max \(text(high)) · ‖·‖ \(text(norm))"
    }

    /// `{"rows": r, "columns": c, "colors": ["#RRGGBB", …], "elements": true}`: the heatmap's cells, row by
    /// row; `elements` says each cell is one element (row-major), so a click on it names that element.
    static func writeHeat(_ tensor: Tensor, to json: inout JSONWriter) {
        let columns = tensor.shape.rank >= 2 ? tensor.shape.dimensions[tensor.shape.rank - 1] : Swift.max(tensor.elements.count, 1)
        let rows = tensor.elements.count / Swift.max(columns, 1)
        let scale = tensor.elements.filter(\.isFinite).map(abs).max() ?? 0
        json.beginObject(.compact)
        json.key("rows")
        json.integer(rows)
        json.key("columns")
        json.integer(columns)
        json.key("colors")
        json.array(tensor.elements, .compact) { json, x in json.string(color(x, scale: scale)) }
        json.key("elements")
        json.bool(true)
        json.end()
    }

    private static func color(_ x: Double, scale: Double) -> String {
        guard x.isFinite else { return "#FFD400" }
        let t = scale > 0 ? Swift.min(abs(x) / scale, 1) : 0
        let fade = { (full: Double) in Int((255 - (255 - full) * t).rounded()) }
        let (r, g, b) = x < 0 ? (fade(33), fade(102), fade(172)) : (fade(178), fade(24), fade(43))
        return "#" + [r, g, b].map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
}
