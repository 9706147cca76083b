import ChainTraceText

extension ReportPage {
    /// The caller's sections as HTML, every string escaped; figures as `data:` images.
    static func annotationSections(_ sections: [ReportSection]) -> String {
        guard !sections.isEmpty else { return "" }
        var out = "<div class=\"annotations\">\n"
        for (index, section) in sections.enumerated() {
            let heading = "annotation-h\(index)"
            out += "<section class=\"card annotation\" aria-labelledby=\"\(heading)\">\n"
            out += "<h2 id=\"\(heading)\">" + Escape.xmlText(section.title) + "</h2>\n"
            for paragraph in section.paragraphs {
                out += "<p>" + Escape.xmlText(paragraph) + "</p>\n"
            }
            if let table = section.table { out += tableHTML(table) }
            if let figure = section.figure { out += figureHTML(figure) }
            out += "</section>\n"
        }
        return out + "</div>\n"
    }

    private static func tableHTML(_ table: ReportTable) -> String {
        var out = "<div class=\"table-scroll\"><table class=\"annotation\">\n"
        if let caption = table.caption { out += "<caption>" + Escape.xmlText(caption) + "</caption>\n" }
        out += "<thead><tr>" + table.columns.map { "<th scope=\"col\">" + Escape.xmlText($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr><th scope=\"row\">" + Escape.xmlText(row[0]) + "</th>"
            out += row.dropFirst().map { "<td class=\"num\">" + Escape.xmlText($0) + "</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    private static func figureHTML(_ figure: ReportFigure) -> String {
        "<figure class=\"annotation\"><img alt=\"\(Escape.xmlAttribute(figure.description))\" src=\"data:image/svg+xml;base64,"
            + Base64.encode(Array(figure.svg.utf8)) + "\"><figcaption>\(Escape.xmlText(figure.description))</figcaption></figure>\n"
    }
}
