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

    /// `min −0.3 · mean 0.1 · max 0.7 · ‖·‖ 1.2 · 2 zeros`, then the NaN and ±∞ counts: the diagram's
    /// summary (`TensorSummary`) as plain text.
    static func summary(_ tensor: Tensor) -> String {
        let summary = TensorSummary(tensor)
        var parts: [String] = []
        if let low = summary.min, let mean = summary.mean, let high = summary.max {
            parts += ["min \(text(low))", "mean \(text(mean))", "max \(text(high))"]
        }
        parts.append("‖·‖ \(text(summary.norm))")
        parts.append("\(summary.zeroCount) zero" + (summary.zeroCount == 1 ? "" : "s"))
        if summary.nanCount > 0 { parts.append("\(summary.nanCount) NaN") }
        if summary.infinityCount > 0 { parts.append("\(summary.infinityCount) ±∞") }
        return parts.joined(separator: " · ")
    }

    /// `{"rows": r, "columns": c, "colors": ["#RRGGBB", …], "elements": true}`: the tensor's `Heatmap`,
    /// row by row; `elements` says each cell is one element (row-major, not down-sampled), so a click on
    /// it names that element.
    static func writeHeat(_ tensor: Tensor, to json: inout JSONWriter) {
        let heatmap = Heatmap(tensor)
        json.beginObject(.compact)
        json.key("rows")
        json.integer(heatmap.rows)
        json.key("columns")
        json.integer(heatmap.columns)
        json.key("colors")
        json.array(heatmap.colors, .compact) { $0.string($1) }
        json.key("elements")
        json.bool(heatmap.rowsPerCell == 1 && heatmap.columnsPerCell == 1)
        json.end()
    }
}
