/// The page's inline stylesheet: light and dark colours, diagram states (never colour alone), print layout.
///
/// Its text lives in `page/report.css`, embedded at build time as `ReportStyle.source` by the EmbedPage plugin.
enum ReportStyle {}
