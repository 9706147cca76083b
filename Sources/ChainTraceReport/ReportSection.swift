/// An extra section of a report page: a title, paragraphs, and optionally a table and a figure.
public struct ReportSection: Sendable, Equatable {
    /// The section heading.
    public var title: String
    /// Paragraphs of plain text, shown before the table and the figure.
    public var paragraphs: [String]
    /// A table of text cells, if any.
    public var table: ReportTable?
    /// A figure, if any.
    public var figure: ReportFigure?

    /// A section from its parts.
    public init(title: String, paragraphs: [String] = [], table: ReportTable? = nil, figure: ReportFigure? = nil) {
        self.title = title
        self.paragraphs = paragraphs
        self.table = table
        self.figure = figure
    }
}

/// A table of text: column headings, then rows whose first cell names the row.
public struct ReportTable: Sendable, Equatable {
    /// The column headings.
    public var columns: [String]
    /// The rows; each has one cell per column. The first cell is the row's heading, the others are
    /// set as numbers (monospaced, aligned).
    public var rows: [[String]]
    /// A sentence under the table saying what it shows.
    public var caption: String?

    /// A table from its headings and rows.
    public init(columns: [String], rows: [[String]], caption: String? = nil) {
        precondition(!columns.isEmpty, "a report table needs at least one column")
        for (index, row) in rows.enumerated() {
            precondition(row.count == columns.count, "row \(index) of the report table has \(row.count) cells for \(columns.count) columns")
        }
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }
}

/// A figure: an SVG document shown as an image (`data:` URL, so it cannot run script or load
/// anything), with a text description for people who cannot see it.
public struct ReportFigure: Sendable, Equatable {
    /// The SVG document.
    public var svg: String
    /// What the figure shows: the image's alternative text and its caption.
    public var description: String

    /// A figure from its SVG text and description.
    public init(svg: String, description: String) {
        self.svg = svg
        self.description = description
    }
}
