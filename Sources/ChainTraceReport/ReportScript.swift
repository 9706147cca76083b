/// The page's inline JavaScript: selection panels, path explorer, backward stepper, view toggle, zoom and pan.
///
/// Its text lives in `page/report.js`, embedded at build time as `ReportScript.source` by the EmbedPage
/// plugin. It reads the embedded trace JSON and report data, builds every element with `textContent`
/// (never `innerHTML`), and finds diagram elements by their ids `<prefix>-n<node>` and `<prefix>-e<edge>`.
enum ReportScript {}
