extension ReportPage {
    /// The caller's sections as HTML, every string escaped; figures as `data:` images.
    static func annotationSections(_ sections: [ReportSection]) -> String {
        guard !sections.isEmpty else { return "" }
        var out = "<div class=\"annotations\">\n"
        for (index, section) in sections.enumerated() {
            let heading = "annotation-h\(index)"
            out += "<section class=\"card annotation\" aria-labelledby=\"\(heading)\">\n"
            out += "<h2 id=\"\(heading)\">" + Escaping.html(section.title) + "</h2>\n"
            for paragraph in section.paragraphs {
                out += "<p>" + Escaping.html(paragraph) + "</p>\n"
            }
            if let table = section.table { out += tableHTML(table) }
            if let figure = section.figure { out += figureHTML(figure) }
            out += "</section>\n"
        }
        return out + "</div>\n"
    }

    private static func tableHTML(_ table: ReportTable) -> String {
        var out = "<div class=\"table-scroll\"><table class=\"annotation\">\n"
        if let caption = table.caption { out += "<caption>" + Escaping.html(caption) + "</caption>\n" }
        out += "<thead><tr>" + table.columns.map { "<th scope=\"col\">" + Escaping.html($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr><th scope=\"row\">" + Escaping.html(row[0]) + "</th>"
            out += row.dropFirst().map { "<td class=\"num\">" + Escaping.html($0) + "</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    private static func figureHTML(_ figure: ReportFigure) -> String {
        let description = Escaping.html(figure.description)
        return "<figure class=\"annotation\"><img alt=\"\(description)\" src=\"data:image/svg+xml;base64,"
            + Base64.encode(Array(figure.svg.utf8)) + "\"><figcaption>\(description)</figcaption></figure>\n"
    }
}
