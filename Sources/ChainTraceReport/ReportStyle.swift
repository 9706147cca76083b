/// The page's inline stylesheet: light and dark colours, diagram states (never colour alone), print layout.
enum ReportStyle {
    /// The stylesheet text; the page's Content-Security-Policy allows exactly this text by its SHA-256.
    static let source = #"""
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --panel: #f6f8fa; --border: #d1d9e0;
  --accent: #0969da; --accent-soft: #ddf4ff; --paper: #ffffff;
  --select: #bf3989; --path: #cf222e; --known: #1a7f37; --partial: #9a6700; --annotated: #8250df;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --panel: #151b23; --border: #3d444d;
    --accent: #4493f8; --accent-soft: #121d2f; --paper: #1f1f1f;
  }
  /* Graphviz paints a white page with dark ink; inverting lightness (and turning hues back) makes it
     a dark page whose colours keep their meaning. Its white becomes #1f1f1f, the paper colour above. */
  .viewport svg { filter: invert(0.88) hue-rotate(180deg); }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); }
header.top { padding: 0.8rem 1.2rem 0.4rem; border-bottom: 1px solid var(--border); }
header.top h1 { font-size: 1.25rem; margin: 0; font-weight: 600; }
header.top h1 .title { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
header.top .summary { margin: 0.2rem 0 0; color: var(--muted); }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(20rem, 27rem); gap: 1rem; padding: 0.8rem 1.2rem 1.2rem; align-items: start; }
.right { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } .right { position: static; max-height: none; } }
h2 { font-size: 1.05rem; margin: 0 0 0.4rem; }
h3 { font-size: 1rem; margin: 0 0 0.4rem; }
h4 { font-size: 0.92rem; margin: 0.9rem 0 0.3rem; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--border); padding-bottom: 0.1rem; }
section.card { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 0.8rem 0.9rem; margin-bottom: 1rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; justify-content: space-between; margin-bottom: 0.5rem; }
.group { display: inline-flex; gap: 0; }
.group button { border-radius: 0; margin-left: -1px; }
.group button:first-child { border-radius: 6px 0 0 6px; margin-left: 0; }
.group button:last-child { border-radius: 0 6px 6px 0; }
button, select, input[type=range] { font: inherit; color: inherit; }
button { background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.25rem 0.7rem; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button[aria-pressed=true] { background: var(--accent); border-color: var(--accent); color: #ffffff; font-weight: 600; }
button:disabled { opacity: 0.5; cursor: default; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
select { background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.2rem 0.4rem; max-width: 100%; }
button.link { border: none; background: none; padding: 0; color: var(--accent); text-decoration: underline; text-underline-offset: 2px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
.viewport { position: relative; height: calc(100vh - 12rem); min-height: 320px; background: var(--paper); border: 1px solid var(--border); border-radius: 8px; overflow: hidden; cursor: grab; touch-action: none; }
.viewport.dragging { cursor: grabbing; }
.viewport figure { margin: 0; width: 100%; height: 100%; }
.viewport figure[hidden] { display: none; }
.viewport svg { display: block; width: 100%; height: 100%; user-select: none; }
.viewport .empty { padding: 2rem; color: #59636e; }
body.diagram-full { overflow: hidden; }
body.diagram-full .diagram-area { position: fixed; inset: 0; z-index: 10; margin: 0; border-radius: 0; display: flex; flex-direction: column; }
body.diagram-full .viewport { flex: 1 1 auto; height: auto; min-height: 0; }
body.diagram-full .right { position: fixed; top: auto; right: 1rem; bottom: 1rem; width: min(27rem, 40vw); max-height: 45vh; z-index: 11; box-shadow: 0 4px 24px rgba(0, 0, 0, 0.35); border-radius: 8px; }
body.diagram-full .right section.card { margin-bottom: 0.5rem; }
/* Over the diagram the details come first: they answer the click that was just made. */
body.diagram-full .right { display: flex; flex-direction: column; }
body.diagram-full #details { order: -1; }
svg.icon { width: 0.8em; height: 0.8em; vertical-align: -0.05em; margin-right: 0.35em; fill: currentColor; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; margin: 0.5rem 0 0; padding: 0; list-style: none; color: var(--muted); font-size: 0.88rem; }
.swatch { display: inline-block; width: 1.6em; height: 0.9em; vertical-align: -0.1em; margin-right: 0.35em; border-radius: 3px; border: 2px solid var(--fg); }
.swatch.known { border: 3px solid var(--known); }
.swatch.partial { border: 3px dashed var(--partial); }
.swatch.waiting { border: 2px dotted var(--muted); opacity: 0.6; }
.swatch.selected { border: 4px solid var(--select); }
.swatch.annotated { border: 3px dashed var(--annotated); }
.swatch.path { border: none; border-top: 4px solid var(--path); height: 0.5em; border-radius: 0; }

/* Diagram states. Each uses a line style or weight as well as a colour. */
g.node, g.edge { cursor: pointer; }
g.node:focus { outline: none; }
g.node:focus-visible > polygon, g.node:focus-visible a > path:last-of-type { stroke: var(--accent); stroke-width: 4px; stroke-dasharray: 3 2; }
g.node.annotated > polygon, g.node.annotated a > path:last-of-type { stroke: var(--annotated); stroke-width: 3px; stroke-dasharray: 10 3 2 3; }
g.node.selected > polygon, g.node.selected a > path:last-of-type { stroke: var(--select); stroke-width: 6px; stroke-dasharray: none; }
g.edge.selected path { stroke: var(--select); stroke-width: 5px; }
g.edge.selected polygon { stroke: var(--select); fill: var(--select); }
g.edge.related path { stroke-width: 3px; }
figure.has-path g.node:not(.on-path), figure.has-path g.edge:not(.on-path) { opacity: 0.2; }
g.edge.on-path path { stroke: var(--path); stroke-width: 5px; }
g.edge.on-path polygon { stroke: var(--path); fill: var(--path); }
g.node.on-path > polygon, g.node.on-path a > path:last-of-type { stroke: var(--path); stroke-width: 4px; }
figure.stepping g.node:not(.known):not(.partial) { opacity: 0.35; }
figure.stepping g.node.waiting > polygon, figure.stepping g.node.waiting a > path:last-of-type { stroke-dasharray: 1 3; }
figure.stepping g.node.known > polygon, figure.stepping g.node.known a > path:last-of-type { stroke: var(--known); stroke-width: 4px; }
figure.stepping g.node.partial > polygon, figure.stepping g.node.partial a > path:last-of-type { stroke: var(--partial); stroke-width: 4px; stroke-dasharray: 8 4; }
figure.stepping g.node.selected > polygon, figure.stepping g.node.selected a > path:last-of-type { stroke-width: 6px; }
figure.stepping g.edge:not(.done) { opacity: 0.2; }
/* An edge not yet multiplied has no upstream or contribution yet: its label is blank. */
figure.stepping g.edge:not(.done) > text { visibility: hidden; }
figure.stepping g.edge.current path { stroke: var(--select); stroke-width: 6px; }
figure.stepping g.edge.current polygon { stroke: var(--select); fill: var(--select); }

.stepper .controls { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.stepper input[type=range] { flex: 1 1 10rem; min-width: 8rem; accent-color: var(--accent); }
.stepper output { min-width: 8rem; font-variant-numeric: tabular-nums; color: var(--muted); }
#step-detail p { margin: 0.45rem 0 0; }
.num { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
.panel .title { display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.1rem; }
.panel .op { font-family: system-ui, sans-serif; font-size: 0.85rem; color: var(--muted); border: 1px solid var(--border); border-radius: 999px; padding: 0 0.5rem; }
dl.facts { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.8rem; margin: 0.3rem 0 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
dd.gradient .num { font-weight: 700; }
math { font-size: 1.08em; }
ul.partials { margin: 0; padding-left: 1.1rem; }
ul.partials li { margin: 0.2rem 0; }
ul.inline { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; list-style: none; margin: 0; padding: 0; }
/* Cells wrap (long names, numbers) rather than push the table past the panel's edge. */
table.contributions { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
table.contributions th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--border); padding: 0.15rem 0.3rem; }
table.contributions td { padding: 0.2rem 0.3rem; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
table.contributions .num { white-space: nowrap; }
p.branch { border-left: 4px double var(--partial); padding-left: 0.6rem; }
p.product { font-size: 1rem; }
.product .term { overflow-wrap: anywhere; }
.check.ok { border-left: 4px solid var(--known); padding-left: 0.6rem; }
.check:not(.ok) { border-left: 4px dashed var(--muted); padding-left: 0.6rem; }
.path-controls { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
ol#path-list { margin: 0.4rem 0 0; padding-left: 1.6rem; max-height: 22rem; overflow: auto; }
ol#path-list li { margin: 0.25rem 0; }
button.path { display: block; width: 100%; text-align: left; padding: 0.3rem 0.5rem; }
button.path .route { display: block; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9rem; }
button.path .factors { display: block; font-size: 0.85rem; opacity: 0.85; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
noscript p { margin: 0 1.2rem; color: var(--muted); }

@media print {
  :root { --bg: #ffffff; --fg: #000000; --panel: #ffffff; --muted: #333333; --border: #999999; }
  .toolbar, .stepper .controls, .path-controls, noscript { display: none; }
  main { display: block; padding: 0; }
  .viewport { height: auto; min-height: 0; border: none; overflow: visible; }
  .viewport svg { filter: none; }
  .right { position: static; max-height: none; overflow: visible; }
  .viewport figure[hidden] { display: none; }
  .viewport svg { height: auto; max-height: 95vh; }
  section.card { break-inside: avoid; border-color: #999999; }
  button.link { color: #000000; text-decoration: none; }
  ol#path-list { max-height: none; overflow: visible; }
}
p.note { margin: 0.4rem 0 0; color: var(--muted); font-size: 0.9rem; }
p.annotation { border-left: 4px dashed var(--annotated); padding-left: 0.6rem; margin: 0.2rem 0; }
.annotations { padding: 0 1.2rem 1.2rem; }
.annotations section.card p { margin: 0.3rem 0; max-width: 60rem; }
.table-scroll { overflow-x: auto; }
table.annotation { border-collapse: collapse; font-size: 0.92rem; margin: 0.4rem 0; }
table.annotation caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 0.88rem; padding-top: 0.3rem; }
table.annotation th, table.annotation td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--border); white-space: nowrap; }
table.annotation thead th { text-align: left; color: var(--muted); font-weight: 600; }
table.annotation tbody th { text-align: left; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
table.annotation td.num { text-align: right; }
figure.annotation { margin: 0.6rem 0 0; }
figure.annotation img { display: block; max-width: 100%; height: auto; background: #ffffff; border: 1px solid var(--border); border-radius: 6px; }
figure.annotation figcaption { color: var(--muted); font-size: 0.88rem; margin-top: 0.3rem; }
"""#
}
