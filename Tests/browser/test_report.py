#!/usr/bin/env python3
"""Drives `chaintrace report` pages in headless Chromium: clicks nodes, edges, paths and the stepper,
checks what the page shows, fails on any console error, and measures a 2,000-node report.

Usage: python3 Tests/browser/test_report.py [--binary .build/debug/chaintrace] [--screenshots DIR]
Prints one line per check and ends with exactly `N passed, N failed`; exits non-zero on any failure.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "</script><img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"
OPEN_CEILING_MS = 2500
BRANCHING = "# x is a branch point: two consumers send it a contribution each.\nt = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n"


class Run:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, body):
        try:
            body()
        except Exception as error:  # noqa: BLE001 - every failure is reported and counted
            self.failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            traceback.print_exc(limit=2, file=sys.stdout)
        else:
            self.passed += 1
            print(f"ok   {name}")


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def large_program(inputs=16, hidden=24, outputs=16):
    """A two-layer network of about 2,400 nodes: every input and hidden unit is a branch point.

    Sums are balanced trees, so the diagram stays shallow (long chains of sums make Graphviz slow)."""
    def tree(terms):
        while len(terms) > 1:
            terms = [f"({terms[i]} + {terms[i + 1]})" if i + 1 < len(terms) else terms[i] for i in range(0, len(terms), 2)]
        return terms[0]

    lines = [f"x{i} = {0.1 * (i + 1):.1f}" for i in range(inputs)]
    for j in range(hidden):
        terms = [f"{((i * 7 + j * 3) % 11 - 5) / 10:g} * x{i}" for i in range(inputs)]
        lines.append(f"h{j} = tanh({tree(terms)} + {(j % 5) / 10:g})")
    for k in range(outputs):
        terms = [f"{((j * 5 + k) % 9 - 4) / 10:g} * h{j}" for j in range(hidden)]
        lines.append(f"o{k} = tanh({tree(terms)})")
    lines.append(f"loss = {tree([f'o{k}^2' for k in range(outputs)])}")
    return "\n".join(lines) + "\n"


class Pages:
    """Generates the report pages with the built binary."""

    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = Path(folder)

    def report(self, name, source_path=None, program=None, extra=()):
        out = self.folder / f"{name}.html"
        if program is not None:
            source_path = self.folder / f"{name}.ct"
            source_path.write_text(program)
        started = time.monotonic()
        subprocess.run([self.binary, "report", str(source_path), "-o", str(out), *extra], check=True)
        return out, time.monotonic() - started

    def hostile_trace(self):
        trace = self.folder / "hostile-trace.json"
        data = subprocess.run([self.binary, "trace", "-e", "y = x * x + x", "--at", "x=3", "--json", "-"],
                              check=True, capture_output=True, text=True).stdout
        document = json.loads(data)
        document["nodes"][0]["name"] = HOSTILE
        trace.write_text(json.dumps(document, indent=1))
        return trace


def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,1000",
                     "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--lang=en-US"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Page:
    def __init__(self, driver, path, shots, name):
        self.driver = driver
        self.shots = shots
        self.name = name
        driver.get(Path(path).resolve().as_uri())
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.classList.contains('ready')"))

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def el(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def node(self, node, prefix="b"):
        return self.el(f"#{prefix}-n{node}")

    def click_edge(self, edge, prefix="b"):
        # The arrowhead is the edge's largest clickable area.
        self.el(f"#{prefix}-e{edge} polygon").click()

    def details(self):
        return self.el("#details-body").text

    def shot(self, label):
        if self.shots:
            self.driver.save_screenshot(str(Path(self.shots) / f"{self.name}-{label}.png"))

    def console_errors(self):
        return [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def classes(self, css):
        return self.js("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute('class'))", css)


def test_chain(run, driver, path, shots):
    page = Page(driver, path, shots, "chain")

    def loads():
        expect("chain.ct" in driver.title, driver.title)
        expect(page.el(".summary").text.startswith("Output y #4 = 125"), page.el(".summary").text)
        visible = page.js("return Array.from(document.querySelectorAll('figure.diagram')).filter(f => !f.hidden).map(f => f.dataset.view)")
        expect(visible == ["backward"], visible)
        page.shot("1-loaded")

    def node_panel():
        page.node(0).click()
        text = page.details()
        for expected in ["x #0", "input", "Value", "2", "Gradient ∂y/∂x", "300", "Contributions received (backward pass)", "75", "× 4", "= 300"]:
            expect(expected in text, f"{expected!r} not in {text!r}")
        expect("selected" in page.node(0).get_attribute("class"), "node 0 not marked selected")
        page.node(4).click()
        text = page.details()
        expect("This is the output" in text and "Local partials" in text, text)
        expect(page.js("return document.querySelector('#details-body math') !== null"), "no MathML formula in the node panel")
        page.shot("2-node")

    def edge_panel():
        page.click_edge(0)
        text = page.details()
        for expected in ["x #0 → #1", "Local partial", "The multiplication on this edge", "upstream ∂y/∂(#1) = 75", "local ∂(#1)/∂x = 4", "contribution 300", "step 4 of 4"]:
            expect(expected in text, f"{expected!r} not in {text!r}")
        page.shot("3-edge")

    def paths():
        summary = page.el("#path-summary").text
        expect("x #0 reaches y along 1 path" in summary, summary)
        expect("equal" in summary and "300" in summary, summary)
        page.el("#path-list button").click()
        on = page.classes("#viewport figure:not([hidden]) .on-path")
        expect(len(on) == 7, f"expected 3 edges and 4 nodes on the path, got {on}")
        expect(page.el("#path-list button").get_attribute("aria-pressed") == "true", "path button not pressed")
        page.shot("4-path")
        page.el("#path-clear").click()
        expect(page.classes(".on-path") == [], "highlight not cleared")

    def stepper():
        page.el("#step-next").click()
        page.el("#step-next").click()
        expect(page.el("#step-status").text == "Step 2 of 4", page.el("#step-status").text)
        detail = page.el("#step-detail").text
        expect("upstream ∂y/∂u = 75" in detail and "contribution 75" in detail, detail)
        expect("Gradients known (3): y, u, #1" in detail, detail)
        current = page.classes("#viewport figure:not([hidden]) g.edge.current")
        expect(len(current) == 1, current)
        expect("waiting" in page.node(0).get_attribute("class"), page.node(0).get_attribute("class"))
        page.shot("5-stepper")
        page.el("#step-prev").click()
        expect(page.el("#step-status").text == "Step 1 of 4", page.el("#step-status").text)
        page.el("#step-last").click()
        expect("known" in page.node(0).get_attribute("class"), "x not known at the end")
        page.el("#step-play").click()
        WebDriverWait(driver, 8).until(lambda d: page.el("#step-status").text == "Step 4 of 4"
                                       and page.el("#step-play").get_attribute("aria-pressed") == "false")
        page.el("#step-reset").click()
        expect(page.classes("#viewport .known") == [], "stepper classes left after Show all")

    def views_and_zoom():
        driver.find_element(By.CSS_SELECTOR, "[data-view-button=forward]").click()
        visible = page.js("return Array.from(document.querySelectorAll('figure.diagram')).filter(f => !f.hidden).map(f => f.dataset.view)")
        expect(visible == ["forward"], visible)
        before = page.js("return document.querySelector('figure:not([hidden]) svg').getAttribute('viewBox')")
        page.el("#zoom-in").click()
        after = page.js("return document.querySelector('figure:not([hidden]) svg').getAttribute('viewBox')")
        expect(before != after, "zoom did not change the view box")
        page.el("#zoom-fit").click()
        page.node(3, "f").click()
        expect("u #3" in page.details(), page.details())
        page.shot("6-forward")
        driver.find_element(By.CSS_SELECTOR, "[data-view-button=backward]").click()

    def keyboard():
        page.js("document.getElementById('b-n3').focus()")
        page.node(3).send_keys(Keys.ENTER)
        expect("u #3" in page.details(), page.details())
        expect(page.el("#live").text.startswith("Node u #3"), page.el("#live").text)
        roles = page.js("return Array.from(document.querySelectorAll('figure:not([hidden]) g.node[id*=-n]')).map(g => [g.getAttribute('tabindex'), g.getAttribute('role'), !!g.getAttribute('aria-label')])")
        expect(all(r == ["0", "button", True] for r in roles), roles)

    for name, body in [("chain: loads with the backward view", loads), ("chain: node panel", node_panel),
                       ("chain: edge panel", edge_panel), ("chain: path explorer", paths), ("chain: backward stepper", stepper),
                       ("chain: forward view, zoom", views_and_zoom), ("chain: keyboard and live region", keyboard)]:
        run.check(name, body)
    errors = page.console_errors()
    run.check("chain: no console errors", lambda: expect(errors == [], errors))


def test_branching(run, driver, path, shots):
    page = Page(driver, path, shots, "branching")
    x = page.js("return JSON.parse(document.getElementById('ct-trace').textContent).nodes.findIndex(n => n.name === 'x')")

    def branch_point():
        page.node(x).click()
        text = page.details()
        expect("Branch point" in text and "used 2 times" in text, text)
        rows = page.js("return document.querySelectorAll('#details-body table.contributions tbody tr').length")
        expect(rows == 2, rows)
        page.shot("1-branch-point")

    def paths():
        expect(Select(page.el("#path-input")).first_selected_option.text == "t #0", "input t not selected")
        summary = page.el("#path-summary").text
        expect("along 3 paths" in summary and "equal" in summary, summary)
        buttons = driver.find_elements(By.CSS_SELECTOR, "#path-list button")
        expect(len(buttons) == 3, len(buttons))
        buttons[1].click()
        expect(page.js("return document.querySelector('figure:not([hidden])').classList.contains('has-path')"), "no path highlight")
        page.shot("2-path")

    def node_texts(node):
        return page.js("return Array.from(document.querySelectorAll('#b-n' + arguments[0] + ' text')).map(t => t.textContent)", node)

    def stepper_at_branch():
        # Step until x has one of its two contributions.
        for _ in range(12):
            page.el("#step-next").click()
            if "partial" in (page.node(x).get_attribute("class") or ""):
                break
        detail = page.el("#step-detail").text
        expect("Waiting for more contributions: x (1 of 2)" in detail, detail)
        # Only what is known at this step: x's partial sum so far, no gradient yet for t.
        expect("∂z/∂x = 1.52968 + … = 1.52968 so far" in detail, detail)
        # The sum and the bold gradient are one text element (the gradient's run is a tspan of the sum's).
        expect(node_texts(x)[-1] == "1.53 + … = 1.53", node_texts(x))
        t = 0
        expect(node_texts(t)[-1] == "" and "3.543" not in " ".join(node_texts(x)), node_texts(t))
        hidden = page.js("return Array.from(document.querySelectorAll('#b-e0 > text')).map(t => getComputedStyle(t).visibility)")
        expect(hidden and all(v == "hidden" for v in hidden), f"edge t → x not yet multiplied but labelled: {hidden}")
        page.node(x).click()
        text = page.details()
        expect("1.52968 + … = 1.52968" in text and "2.01375" not in text.split("Contributions received")[1], text)
        page.shot("3-stepper-branch")
        page.el("#step-next").click()
        detail = page.el("#step-detail").text
        expect("∂z/∂x = 1.52968 + 2.01375 = 3.54344, its gradient" in detail, detail)
        expect(node_texts(x)[-1] == "1.53 + 2.014 = 3.543", node_texts(x))
        page.el("#step-last").click()
        expect("known" in page.node(x).get_attribute("class"), "x not known at the end")
        # t's two contributions have opposite signs: the negative one is subtracted.
        expect("∂z/∂t = 1.5402 − 2.28274 = −0.742542, its gradient" in page.el("#step-detail").text, page.el("#step-detail").text)
        page.el("#step-reset").click()
        expect(node_texts(t)[-1] == "1.54 − 2.283 = −0.7425", node_texts(t))

    def one_number_format():
        page.node(0).click()
        shown = page.details() + "\n" + page.el("#path-summary").text + "\n" + page.el("#path-list").text
        expect("−0.742542" in shown and "−0.644218" in shown, shown)
        expect(re.search(r"(?<![\w#])-\d", shown) is None and "+ −" not in shown, shown)

    for name, body in [("branching: branch point sums two contributions", branch_point),
                       ("branching: three paths sum to the gradient", paths),
                       ("branching: stepper shows only what is known (partial sums, blank gradients)", stepper_at_branch),
                       ("branching: numbers use one format (true minus, subtracted terms)", one_number_format)]:
        run.check(name, body)
    errors = page.console_errors()
    run.check("branching: no console errors", lambda: expect(errors == [], errors))


def test_hostile(run, driver, path, shots):
    page = Page(driver, path, shots, "hostile")

    def shows_as_text():
        expect(page.js("return document.querySelectorAll('img').length") == 0, "an <img> element was injected")
        page.node(0).click()
        expect(HOSTILE in page.details(), page.details())
        expect(page.js("return window.__pwned === undefined"), "script ran")
        options = [o.text for o in Select(page.el("#path-input")).options]
        # Names past 40 characters are shortened in the middle in lists (the details panel shows it whole).
        expect(options == [HOSTILE[:26] + "…" + HOSTILE[-13:] + " #0"], options)
        page.shot("1-name")

    run.check("hostile name shows as text", shows_as_text)
    errors = page.console_errors()
    run.check("hostile: no console errors", lambda: expect(errors == [], errors))


def test_square(run, driver, path, shots):
    page = Page(driver, path, shots, "square")

    def operands_tagged():
        routes = page.js("return Array.from(document.querySelectorAll('#path-list .route')).map(r => r.textContent)")
        expect(sorted(routes) == ["x → y", "x →(operand 1) #1 → y", "x →(operand 2) #1 → y"], routes)

    run.check("square: paths through x * x name the operand", operands_tagged)
    errors = page.console_errors()
    run.check("square: no console errors", lambda: expect(errors == [], errors))


def test_layout(run, driver, path, shots):
    """The article's 43-node first row at 1400 px: full-height diagram, full screen, panels that fit."""
    driver.set_window_size(1400, 900)
    page = Page(driver, path, shots, "article")

    def panel_fits():
        inner = page.js("return window.innerWidth")
        expect(inner <= 1400, inner)
        # The node receiving the most contributions has the widest table.
        node = page.js("""const t = JSON.parse(document.getElementById('ct-trace').textContent);
            const count = t.nodes.map(() => 0);
            for (const s of t.backward.steps) count[t.nodes[s.consumer].inputs[s.operand].node]++;
            return count.indexOf(Math.max(...count));""")
        page.node(node).click()
        sizes = page.js("""const d = document.getElementById('details'), r = d.getBoundingClientRect();
            const cells = Array.from(d.querySelectorAll('table.contributions td, table.contributions th, p')).map(c => c.getBoundingClientRect().right);
            return {right: r.right, widest: Math.max(...cells), scroll: d.scrollWidth, client: d.clientWidth};""")
        page.shot("1-panel-1400")
        expect(sizes["widest"] <= sizes["right"] + 0.5 and sizes["scroll"] <= sizes["client"], sizes)

    def diagram_fills():
        box = page.js("const r = document.getElementById('viewport').getBoundingClientRect(); return [r.width, r.height, innerWidth, innerHeight]")
        expect(box[1] >= 0.7 * box[3], f"the diagram uses {box[1]:.0f} of {box[3]} px in height")
        page.el("#full-screen").click()
        full = page.js("const r = document.getElementById('viewport').getBoundingClientRect(); return [r.left, r.width, r.height, innerWidth, innerHeight]")
        expect(full[1] >= full[3] - 60 and full[2] >= full[4] - 200, f"full screen: {full}")
        expect(page.el("#full-screen").get_attribute("aria-pressed") == "true", "toggle not pressed")
        # Selecting still works while the side column floats over the corner.
        page.node(0).click()
        expect("x0 #0" in page.details(), page.details())
        page.shot("2-full-screen")
        page.el("#viewport").send_keys(Keys.ESCAPE)
        expect(page.el("#full-screen").get_attribute("aria-pressed") == "false", "Esc did not leave full screen")
        after = page.js("return document.getElementById('viewport').getBoundingClientRect().width")
        expect(after < full[1] - 100, after)

    def pause_is_drawn():
        page.el("#step-play").click()
        button = page.el("#step-play")
        icon = page.js("const b = document.querySelector('#step-play svg path').getBBox(); return [b.width, b.height]")
        expect(button.text.strip() == "Pause" and "⏸" not in button.text, button.text)
        expect(icon[0] > 3 and icon[1] > 3, icon)
        page.shot("3-pause")
        button.click()
        expect(page.el("#step-play").text.strip() == "Play", page.el("#step-play").text)
        page.el("#step-reset").click()

    def dark_diagram():
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            dark = Page(driver, path, shots, "article-dark")
            colors = dark.js("""const v = document.getElementById('viewport'), svg = v.querySelector('figure:not([hidden]) svg');
                return [getComputedStyle(v).backgroundColor, getComputedStyle(svg).filter, getComputedStyle(document.body).backgroundColor];""")
            channels = [int(c) for c in re.findall(r"\d+", colors[0])[:3]]
            expect(sum(channels) / 3 < 80, f"viewport background {colors[0]} is not dark")
            expect("invert" in colors[1], f"the diagram is not darkened: filter {colors[1]}")
            dark.node(0).click()
            dark.shot("4-dark")
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    for name, body in [("layout: at 1400 px the contributions table fits the panel", panel_fits),
                       ("layout: the diagram fills the height; full screen fills the window", diagram_fills),
                       ("layout: the pause icon is drawn, not a font glyph", pause_is_drawn),
                       ("layout: dark mode darkens the diagram", dark_diagram)]:
        run.check(name, body)
    errors = page.console_errors()
    run.check("layout: no console errors", lambda: expect(errors == [], errors))
    driver.set_window_size(1440, 1000)


def backprop_report(binary, folder):
    """The backprop-from-scratch sample's annotated report, built beside the chaintrace binary."""
    program = Path(binary).parent / "backprop-from-scratch"
    if not program.exists():
        subprocess.run(["swift", "build", "--product", "backprop-from-scratch"], cwd=ROOT, check=True)
    out = Path(folder) / "backprop"
    subprocess.run([str(program), "--out", str(out)], check=True, capture_output=True)
    return out / "report.html"


def test_backprop(run, driver, path, shots):
    page = Page(driver, path, shots, "backprop")

    def marked_and_noted():
        marked = page.js("return Array.from(document.querySelectorAll('figure:not([hidden]) g.node.annotated')).map(g => g.id)")
        expect(len(marked) == 16, marked)
        activation = page.js("return JSON.parse(document.getElementById('ct-trace').textContent).nodes.findIndex(n => n.name === 'o1.activation')")
        page.node(activation).click()
        text = page.details()
        expect("Note" in text and "Delta of neuron o1" in text and "error × σ′" in text, text)
        page.shot("1-delta-note")

    def sections_and_plot():
        headings = page.js("return Array.from(document.querySelectorAll('.annotations h2')).map(h => h.textContent)")
        expect(headings == ["Each neuron's delta is a chain-rule product", "A weight's gradient is delta × the input on its edge",
                            "One weight update step", "Loss per epoch"], headings)
        rows = page.js("return document.querySelectorAll('.annotations table.annotation tbody tr').length")
        expect(rows == 4 + 12 + 12, rows)
        size = page.js("const i = document.querySelector('figure.annotation img'); return [i.complete, i.naturalWidth, i.naturalHeight]")
        expect(size[0] and size[1] > 0 and size[2] > 0, size)
        page.js("document.querySelector('figure.annotation').scrollIntoView()")
        page.shot("2-loss-plot")

    run.check("backprop: deltas marked on the diagram, note in the panel", marked_and_noted)
    run.check("backprop: delta, gradient and update tables and the loss plot", sections_and_plot)
    errors = page.console_errors()
    run.check("backprop: no console errors", lambda: expect(errors == [], errors))


def trace_edges(page):
    """The trace's edges as (operand, consumer) pairs in tape order, and its node names."""
    nodes = page.js("return JSON.parse(document.getElementById('ct-trace').textContent).nodes")
    edges = [(operand["node"], consumer) for consumer, node in enumerate(nodes) for operand in node["inputs"]]
    return edges, [node.get("name") for node in nodes]


def test_audit(run, driver, path, bugs_path, shots):
    page = Page(driver, path, shots, "audit")
    edges, names = trace_edges(page)
    last = {name: n for n, name in enumerate(names) if name is not None}

    def audit_line(name):
        return page.js("return Array.from(document.querySelectorAll('button.audit-line')).find(b => b.querySelector('.name').textContent === arguments[0])", name)

    def marked(cls):
        return page.js("return Array.from(document.querySelectorAll('#viewport figure:not([hidden]) .' + arguments[0])).map(g => g.id)", cls)

    def lines_listed():
        items = page.js("return Array.from(document.querySelectorAll('button.audit-line')).map(b => [b.querySelector('.where').textContent, b.querySelector('.name').textContent, b.querySelector('.verdict').textContent])")
        expect(len(items) == 20, items)
        expect(items[0] == ["line 31", "error_o0", "✓ equal"], items[0])
        expect(all(verdict in ("✓ equal", "✓ step") for _, _, verdict in items), items)
        expect("20 right, 0 wrong" in page.el(".audit-scope").text, page.el(".audit-scope").text)
        expect(page.js("return JSON.parse(document.getElementById('ct-trace').textContent).backward.output") == last["loss"], "backward pass not from loss")

    def sigmoid_partial():
        audit_line("delta_o0").click()
        sigmoid = [i for i, (operand, consumer) in enumerate(edges) if operand == last["o0act"] and consumer == last["o0"]]
        expect(marked("audit-match") == [f"b-n{last['o0act']}"], marked("audit-match"))
        expect(marked("audit-edge") == [f"b-e{e}" for e in sigmoid], (marked("audit-edge"), sigmoid))
        expect(marked("audit-source") == [f"b-n{last['delta_o0']}"], marked("audit-source"))
        expect(page.js("return document.querySelector('figure:not([hidden])').classList.contains('has-audit')"), "the rest does not fade")
        expect(audit_line("delta_o0").get_attribute("aria-pressed") == "true", "line not pressed")
        expect(page.el("#live").text.startswith("Audit of delta_o0: ∂loss/∂o0act"), page.el("#live").text)
        page.shot("1-delta")

    def branch_sum():
        audit_line("error_h0").click()
        h0 = last["h0"]
        # h0's two contributions come from the products o0w0·h0 and o1w0·h0.
        weights = {last["o0w0"], last["o1w0"]}
        into = [i for i, (operand, consumer) in enumerate(edges) if operand == h0 and {o for o, c in edges if c == consumer} & weights]
        expect(len(into) == 2, into)
        expect(marked("audit-match") == [f"b-n{h0}"], marked("audit-match"))
        expect(sorted(marked("audit-edge")) == sorted(f"b-e{e}" for e in into), (marked("audit-edge"), into))
        expect(audit_line("delta_o0").get_attribute("aria-pressed") == "false", "the previous line stays pressed")
        page.shot("2-branch-sum")

    def cleared():
        audit_line("error_h0").click()
        expect(marked("audit-edge") == [] and marked("audit-match") == [], "second click does not clear")
        audit_line("h0w0_new").click()
        expect(len(marked("audit-edge")) == 1, marked("audit-edge"))
        page.el("#path-list button").click()
        expect(marked("audit-edge") == [] and marked("audit-source") == [], "a path highlight leaves the audit's")
        page.el("#path-clear").click()

    def forward_view():
        audit_line("delta_o0").click()
        driver.find_element(By.CSS_SELECTOR, "[data-view-button=forward]").click()
        expect(marked("audit-match") == [f"f-n{last['o0act']}"], marked("audit-match"))
        driver.find_element(By.CSS_SELECTOR, "[data-view-button=backward]").click()
        audit_line("delta_o0").click()

    run.check("audit: each hand-written line listed with line, name and verdict", lines_listed)
    run.check("audit: a delta highlights its node and the sigmoid's local partial", sigmoid_partial)
    run.check("audit: a branch-point sum highlights both contributions", branch_sum)
    run.check("audit: a second click and a path clear the highlight", cleared)
    run.check("audit: the highlight reaches the forward diagram", forward_view)
    errors = page.console_errors()
    run.check("audit: no console errors", lambda: expect(errors == [], errors))

    bugs = Page(driver, bugs_path, shots, "audit-bugs")
    edges, names = trace_edges(bugs)
    last = {name: n for n, name in enumerate(names) if name is not None}

    def missing_sum():
        verdicts = bugs.js("return Object.fromEntries(Array.from(document.querySelectorAll('button.audit-line')).map(b => [b.querySelector('.name').textContent, b.dataset.verdict]))")
        expect(verdicts["error_h0"] == "partial" and verdicts["error_o0"] == "scaled" and verdicts["delta_h1"] == "none", verdicts)
        button = bugs.js("return Array.from(document.querySelectorAll('button.audit-line')).find(b => b.querySelector('.name').textContent === 'error_h0')")
        expect("only 1 of the 2 contributions" in button.text, button.text)
        button.click()
        one = [i for i, (operand, consumer) in enumerate(edges) if operand == last["h0"] and last["o0w0"] in {o for o, c in edges if c == consumer}]
        highlighted = bugs.js("return Array.from(document.querySelectorAll('#viewport figure:not([hidden]) .audit-edge')).map(g => g.id)")
        expect(highlighted == [f"b-e{e}" for e in one], (highlighted, one))
        bugs.shot("1-partial")

    run.check("audit: a missing branch sum highlights the one contribution summed", missing_sum)
    errors = bugs.console_errors()
    run.check("audit (bugs): no console errors", lambda: expect(errors == [], errors))


def test_collapsed(run, driver, path, shots):
    page = Page(driver, path, shots, "collapsed")

    def group_lists_its_nodes():
        groups = page.js("return Array.from(document.querySelectorAll('figure:not([hidden]) g.node.summary')).map(g => [g.id, g.getAttribute('tabindex')])")
        expect(len(groups) >= 2 and all(tab == "0" for _, tab in groups), groups)
        page.el(f"#{groups[0][0]}").click()
        text = page.details()
        expect("collapsed group" in text and "nodes are drawn as this one box" in text, text)
        members = page.js("return Array.from(document.querySelectorAll('#details-body .group-members button')).map(b => b.textContent)")
        expect(len(members) >= 3, members)
        page.shot("1-group")
        page.js("document.querySelector('#details-body .group-members button').click()")
        text = page.details()
        expect("Value" in text and "Gradient" in text and members[0] in text, text)

    run.check("collapsed: a summary node lists its nodes, each opens its panel", group_lists_its_nodes)
    errors = page.console_errors()
    run.check("collapsed: no console errors", lambda: expect(errors == [], errors))


def test_large(run, driver, path, build_seconds, shots):
    started = time.monotonic()
    page = Page(driver, path, shots, "large")
    wall = time.monotonic() - started
    timing = page.js("""
        const nav = performance.getEntriesByType('navigation')[0];
        return {ready: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                nodes: JSON.parse(document.getElementById('ct-trace').textContent).nodes.length};""")
    driver.set_script_timeout(10)
    click_ms = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const node = document.querySelector('figure:not([hidden]) g.node[id$="-n2000"]');
        const start = performance.now();
        node.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));""")
    clicked_panel = page.details()
    step_ms = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const start = performance.now();
        document.getElementById('step-next').click();
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));""")
    print(f"info large report: {timing['nodes']} nodes; generated in {build_seconds:.2f} s; "
          f"page ready {timing['ready']:.0f} ms, loaded {timing['load']:.0f} ms (wall {wall * 1000:.0f} ms); "
          f"click to panel {click_ms:.0f} ms; first step {step_ms:.0f} ms")
    page.shot("1-loaded")

    def fast():
        expect(timing["nodes"] >= 2000, timing["nodes"])
        # The target is one second to open. With compact drawing above 600 nodes and no
        # tooltips, titles or comments in large diagrams, and formulas parsed on first use, these
        # machines measure 0.7-1.0 s (cold starts vary), so the ceiling here leaves room for a loaded
        # CI machine and catches regressions.
        expect(timing["load"] < OPEN_CEILING_MS, f"load {timing['load']:.0f} ms")
        expect(click_ms < 1000, f"click {click_ms:.0f} ms")
        expect("#2000" in clicked_panel, clicked_panel[:200])

    run.check(f"large: answers a click within a second, opens within {OPEN_CEILING_MS} ms", fast)
    errors = page.console_errors()
    run.check("large: no console errors", lambda: expect(errors == [], errors))


RUN_GAPS = """
// For every space where one text run meets the next (a tspan, or a separate text element on the
// same baseline), the visible gap between the glyphs on either side, in ems.
const found = [];
const end = (text, i) => { const box = text.getExtentOfChar(i); return box.x + box.width; };
for (const text of document.querySelectorAll('svg text')) {
  const size = parseFloat(text.getAttribute('font-size'));
  const full = text.textContent;
  if (text.getComputedTextLength() === 0) continue;  // not displayed
  if (text.getNumberOfChars() !== full.length) { found.push([full, 0]); continue; }  // spaces collapsed
  let at = 0;
  for (const part of text.childNodes) {
    const piece = part.textContent;
    if (at > 0 && piece.startsWith(' ') && piece.length > 1) {
      found.push([full, (text.getExtentOfChar(at + 1).x - end(text, at - 1)) / size]);
    }
    at += piece.length;
  }
  const before = text.previousElementSibling;
  if (full.startsWith(' ') && full.length > 1 && before && before.tagName === 'text'
      && before.getAttribute('y') === text.getAttribute('y') && before.getNumberOfChars() > 0) {
    found.push([full, (text.getExtentOfChar(1).x - end(before, before.getNumberOfChars() - 1)) / size]);
  }
}
return found;
"""


def test_svg_spacing(run, driver, binary, folder, report):
    """Graphviz writes `<text>u</text><text> = x²</text>` at positions measured with hinted fonts:
    where one run meets the next, the space must show as a space (about a third of an em), in a
    standalone SVG and in the report's inline diagrams."""
    svg = Path(folder) / "total-derivative.svg"
    subprocess.run([binary, "render", str(ROOT / "samples/total-derivative.ct"), "-o", str(svg)], check=True)

    def check(url):
        driver.get(url)
        gaps = driver.execute_script(RUN_GAPS)
        expect(len(gaps) >= 8, gaps)
        narrow = [(text, round(gap, 2)) for text, gap in gaps if gap < 0.25]
        expect(not narrow, f"spaces between runs too narrow: {narrow}")

    run.check("svg: spaces between text runs are drawn full width", lambda: check(svg.resolve().as_uri()))
    run.check("report: spaces between diagram text runs are drawn full width", lambda: check(Path(report).resolve().as_uri()))


ANIMATION_STATE = """
const t = arguments[0];
for (const animation of document.getAnimations()) { animation.pause(); animation.currentTime = t; }
const opacity = id => { const e = document.getElementById(id); return e ? Number(getComputedStyle(e).opacity) : null; };
const edges = Array.from(document.querySelectorAll('g.edge:not(.legend)')).map(e => Number(getComputedStyle(e).opacity));
return {edges, animations: document.getAnimations().length, scripts: document.querySelectorAll('script').length,
        e: opacity('ct-n5-gradient'), a: opacity('ct-n0-gradient'), b: opacity('ct-n1-gradient'), c: opacity('ct-n2-gradient'),
        sum: opacity('ct-n1-sum1'), sumText: (document.getElementById('ct-n1-sum1') || {}).textContent};
"""


def test_animation(run, driver, binary, folder, shots):
    """`render --animate` on samples/branch.ct (e = c·d, c = a + b, d = b + 1; b is a branch point).
    Six multiplications, 700 ms each: step k is lit from (k + 1)·700 + 280 ms; the loop is 7000 ms.
    b receives 3 (through d) at step 2 and 2 (through c) at step 5; c's gradient is known after step 0."""
    svg = Path(folder) / "backward.svg"
    subprocess.run([binary, "render", str(ROOT / "samples/branch.ct"), "--animate", "-o", str(svg)], check=True)
    driver.get(svg.resolve().as_uri())
    images = {}

    def state(t):
        result = driver.execute_script(ANIMATION_STATE, t)
        images[t] = driver.get_screenshot_as_png()
        if shots:
            Path(shots, f"animation-{t}.png").write_bytes(images[t])
        return result

    def plays():
        start = state(500)
        expect(start["scripts"] == 0 and start["animations"] > 6, start)
        expect(len(start["edges"]) == 6 and all(o < 0.2 for o in start["edges"]), start)
        expect(start["e"] == 1 and start["a"] == 0 and start["b"] == 0 and start["c"] == 0 and start["sum"] == 0, start)
        first = state(1100)
        expect(sorted(first["edges"]) == [0.12] * 5 + [1], first)
        expect(first["c"] == 1 and first["a"] == 0 and first["b"] == 0, first)
        running = state(2500)
        expect(sorted(running["edges"]) == [0.12] * 3 + [1] * 3, running)
        expect(running["sum"] == 1 and running["b"] == 0 and running["sumText"] == "3 + … = 3", running)
        end = state(6000)
        expect(end["edges"] == [1] * 6 and end["a"] == 1 and end["b"] == 1 and end["sum"] == 0, end)
        again = state(7500)
        expect(again["edges"] == start["edges"] and again["b"] == 0, again)
        expect(len({images[500], images[1100], images[2500], images[6000]}) == 4, "frames at 0.5, 1.1, 2.5 and 6 s look the same")

    run.check("animation: edges light up in order, gradients appear when known, branch sums run, and it loops", plays)


def number(text):
    """A number as the page writes it (− for minus)."""
    return float(text.strip().lstrip("=≠ ").replace("\u2212", "-"))


def terms_sum(text):
    """The value of a sum as the page writes it: `0.1 + 0.3 − 0.2`."""
    total, sign = 0.0, 1.0
    for token in text.replace("\u2212", " - ").replace("+", " + ").split():
        if token in "+-":
            sign = -1.0 if token == "-" else 1.0
        else:
            total += sign * float(token)
            sign = 1.0
    return total


def close(a, b, relative=1e-5):
    return abs(a - b) <= relative * max(1.0, abs(a), abs(b))


def tensor_zoom(page, name, viewport="viewport", buttons=""):
    """A diagram (the tensor diagram, or with `buttons` "expansion-" an expanded op's scalar graph) opens
    fitted to its viewport; zoom in changes the view box, Fit restores it; the tensor diagram's full screen toggles."""
    def drawn():
        return page.js("""const v = document.getElementById(arguments[0]).getBoundingClientRect();
            const g = document.querySelector('#' + arguments[0] + ' figure svg g.graph').getBoundingClientRect();
            return {v: [v.left, v.top, v.right, v.bottom], g: [g.left, g.top, g.right, g.bottom],
              box: document.querySelector('#' + arguments[0] + ' figure svg').getAttribute('viewBox')}""", viewport)
    opened = drawn()
    v, g = opened["v"], opened["g"]
    expect(g[0] >= v[0] - 1 and g[1] >= v[1] - 1 and g[2] <= v[2] + 1 and g[3] <= v[3] + 1, f"not fitted: diagram {g}, viewport {v}")
    expect((g[2] - g[0]) >= 0.95 * (v[2] - v[0]) or (g[3] - g[1]) >= 0.95 * (v[3] - v[1]), f"fitted too small: diagram {g}, viewport {v}")
    page.el(f"#{buttons}zoom-in").click()
    zoomed = drawn()
    expect(zoomed["box"] != opened["box"] and zoomed["g"][2] - zoomed["g"][0] > 1.2 * (g[2] - g[0]), f"zoom in: {opened} → {zoomed}")
    page.el(f"#{buttons}zoom-fit").click()
    numbers = lambda box: [float(x) for x in box.split()]
    expect(all(close(a, b) for a, b in zip(numbers(drawn()["box"]), numbers(opened["box"]))), "Fit does not show the whole diagram again")
    if buttons:
        page.shot(name + "-fitted")
        return
    page.el("#full-screen").click()
    full = page.js("const r = document.getElementById('viewport').getBoundingClientRect(); return [r.width, innerWidth]")
    expect(page.el("#full-screen").get_attribute("aria-pressed") == "true" and full[0] >= full[1] - 60, f"full screen: {full}")
    page.shot(name + "-full-screen")
    page.el("#viewport").send_keys(Keys.ESCAPE)
    expect(page.el("#full-screen").get_attribute("aria-pressed") == "false", "Esc did not leave full screen")
    expect(page.js("return document.getElementById('viewport').getBoundingClientRect().width") < full[1] - 100, "full screen not left")


def test_tensor(run, driver, path, shots):
    page = Page(driver, path, shots, "tensor")
    data = page.js("return JSON.parse(document.getElementById('ct-tensor').textContent)")
    names = [node["name"] for node in data["nodes"]]
    # The edge W1 → W1 @ x: its consumer is a matmul, its contribution W1's shape [3×2].
    edge = next(e for e, item in enumerate(data["edges"]) if names[item["operand"]] == "W1")
    matmul = data["edges"][edge]["consumer"]

    def loads():
        expect(page.el(".summary").text.startswith("Output J = 0.114943"), page.el(".summary").text)
        expect(len(page.js("return document.querySelectorAll('figure.diagram g.node[role=button]')")) == len(names), "not every tensor node is selectable")
        page.shot("1-loaded")

    def op_panel():
        page.node(names.index("h"), prefix="t").click()
        text = page.details()
        for expected in ["h = sigmoid [3]", "Value", "Gradient ∂J/∂h", "sigmoid: Ḡ ⊙", "Expand h into its scalar graph"]:
            expect(expected in text, f"{expected!r} not in {text!r}")
        expect(len(page.js("return document.querySelectorAll('#details-body table.matrix button.cell')")) == 6, "value and gradient are not 3 cells each")

    def edge_panel():
        page.click_edge(edge, prefix="t")
        text = page.details()
        for expected in ["W1 → ", "matmul, left operand", "Ḡ [3] → [3×2]", "Upstream Ḡ", "Contribution to W1", "Local Jacobian", "[3×6]"]:
            expect(expected in text, f"{expected!r} not in {text!r}")
        cells = page.js("return document.querySelectorAll('#details-body svg.heatmap rect').length")
        expect(cells == 18, f"the local Jacobian heatmap has {cells} cells, not 3 × 6")
        page.shot("2-edge")

    def expands():
        shown = [number(t) for t in page.js("return Array.from(document.querySelectorAll('#details-body .contribution td')).map(c => c.textContent)")]
        expect(len(shown) == 6, shown)
        page.el("#details-body button.expand").click()
        expect(page.el("#expansion").is_displayed(), "the expansion did not open")
        edges = page.js(f"return document.querySelectorAll('#zoom-viewport g.edge[id^=\"z{matmul}-e\"]').length")
        expect(edges > 10, f"the scalar graph has {edges} edges")
        rows = page.js("""return Array.from(document.querySelectorAll('#expansion-sums table[data-operand="' + arguments[0] + '"] tbody tr'))
            .map(r => [r.querySelector('.terms').textContent, r.querySelector('.scalar-sum').textContent, r.querySelector('.tensor-contribution').textContent])""",
                       data["edges"][edge]["operand"])
        expect(len(rows) == 6, rows)
        for (terms, total, tensor), contribution in zip(rows, shown):
            expect(close(terms_sum(terms), number(total)), f"{terms} does not add up to {total}")
            expect(close(number(total), number(tensor)) and close(number(total), contribution),
                   f"scalar sum {total} ≠ tensor contribution {tensor} / {contribution}")
        page.shot("3-expanded")

    def steps_inside():
        tensor_steps = len(data["steps"])
        zoom = next(z for z in data["expansions"] if z["node"] == matmul)
        page.el("#step-first").click()
        expect(page.el("#step-status").text == f"Step 0 of {tensor_steps + len(zoom['steps'])}", page.el("#step-status").text)
        first = next(i for i, e in enumerate(data["steps"]) if data["edges"][e]["consumer"] == matmul)
        for _ in range(first + 1):
            page.el("#step-next").click()
        detail = page.el("#step-detail").text
        expect(f"Inside {names[matmul]}, scalar step 1 of {len(zoom['steps'])}" in detail and "upstream" in detail and "contribution" in detail, detail)
        current = page.js("return Array.from(document.querySelectorAll('#zoom-viewport g.edge.current')).map(g => g.id)")
        expect(current == [f"z{matmul}-e{zoom['steps'][0]['edge']}"], current)
        # The scalar graph opens fitted, its labels too small to read: the current edge's label is brought into view, zoomed in.
        shown = page.js("""const v = document.getElementById('zoom-viewport').getBoundingClientRect();
            const r = document.querySelector('#zoom-viewport g.edge.current text').getBoundingClientRect();
            return [r.height, r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 && r.bottom <= v.bottom + 1]""")
        expect(shown[0] >= 14 and shown[1], f"the current scalar edge's label is not brought into view: {shown}")
        page.shot("4-stepping-inside-zoomed")
        page.el("#expansion-zoom-fit").click()
        known = page.js("return Array.from(document.querySelectorAll('#zoom-viewport g.node.known')).map(g => g.id)")
        expect(f"z{matmul}-n{zoom['output']}" in known and len(known) < 4, known)
        for _ in zoom["steps"]:
            page.el("#step-next").click()
        expect("At " + names[matmul] in page.el("#step-detail").text, page.el("#step-detail").text)
        known = page.js("return document.querySelectorAll('#zoom-viewport g.node.known').length")
        expect(known > 10, f"only {known} scalar nodes known after the op's scalar steps")
        page.shot("4-stepping-inside")
        page.el("#step-first").click()
        page.el("#step-next").click()
        detail = page.el("#step-detail").text
        expect("At J" in detail and "gives the contribution to" in detail, detail)
        expect(len(page.classes("figure.diagram g.edge.current")) == 1, page.classes("figure.diagram g.edge.current"))
        page.el("#step-reset").click()

    def collapses():
        page.el("#collapse").click()
        expect(not page.el("#expansion").is_displayed(), "the expansion is still shown")
        page.el("#step-last").click()
        expect(page.el("#step-status").text == f"Step {len(data['steps'])} of {len(data['steps'])}", page.el("#step-status").text)
        page.el("#step-reset").click()

    def element_paths():
        page.node(names.index("W1"), prefix="t").click()
        page.js("document.querySelectorAll('#details-body table.matrix')[1].querySelectorAll('button.cell')[1].click()")
        text = page.el("#element-body").text
        expect("W1[0,1]" in text and "equal" in text, text)
        products = [number(t) for t in page.js("return Array.from(document.querySelectorAll('#element-body .product')).map(p => p.textContent)")]
        gradient = number(page.el("#element-body .element-gradient").text)
        expect(products and close(sum(products), gradient), f"paths {products} do not sum to the gradient {gradient}")
        page.shot("5-element")

    def layer_chain():
        Select(page.el("#chain-input")).select_by_visible_text("W1 [3×2]")
        factors = page.js("return Array.from(document.querySelectorAll('#chain-body .chain-row button.factor')).map(b => b.dataset.edge)")
        expect(len(factors) >= 5 and int(factors[-1]) == edge, factors)
        page.js("document.querySelector('#chain-body button.factor').click()")
        expect(page.details().startswith("t"), page.details())
        page.shot("6-chain")

    run.check("tensor: the report of a tensor program shows the tensor diagram", loads)
    run.check("tensor: an op shows its values, gradient, rules and an expand button", op_panel)
    run.check("tensor: an edge shows its rule, shapes, upstream, contribution and local Jacobian heatmap", edge_panel)
    run.check("tensor: expanding an op shows its scalar graph whose sums equal the tensor contribution", expands)
    run.check("tensor: the expanded op's scalar graph opens fitted; zoom and fit work",
              lambda: tensor_zoom(page, "3", viewport="zoom-viewport", buttons="expansion-"))
    run.check("tensor: the stepper steps through tensor ops and the expanded op's scalar steps", steps_inside)
    run.check("tensor: collapse hides the scalar graph and the stepper has the tensor steps again", collapses)
    run.check("tensor: an element's scalar paths sum to its gradient", element_paths)
    run.check("tensor: the layer chain shows each Jacobian, clickable", layer_chain)
    run.check("tensor: the diagram opens fitted; zoom, fit and full screen work", lambda: tensor_zoom(page, "7"))
    errors = page.console_errors()
    run.check("tensor: no console errors", lambda: expect(errors == [], errors))


def test_tensor_audit(run, driver, path, shots):
    page = Page(driver, path, shots, "tensor-audit")
    data = page.js("return JSON.parse(document.getElementById('ct-tensor').textContent)")
    names = [node["name"] for node in data["nodes"]]
    edges = [(edge["operand"], edge["consumer"]) for edge in data["edges"]]

    def audit_line(name):
        return page.js("return Array.from(document.querySelectorAll('button.audit-line')).find(b => b.querySelector('.name').textContent === arguments[0])", name)

    def marked(cls):
        return page.js("return Array.from(document.querySelectorAll('figure.diagram .' + arguments[0])).map(g => g.id)", cls)

    def lines_listed():
        items = page.js("return Array.from(document.querySelectorAll('button.audit-line')).map(b => [b.querySelector('.name').textContent, b.querySelector('.verdict').textContent])")
        expect([name for name, _ in items] == ["delta2", "delta1", "dW2", "dW1", "W2_new", "b2_new", "W1_new", "b1_new"], items)
        expect(all(verdict in ("✓ equal", "✓ step") for _, verdict in items), items)
        expect(names[data["output"]] == "loss", names[data["output"]])

    def delta2():
        audit_line("delta2").click()
        z2, o = names.index("z2"), names.index("o")
        sigmoid = [e for e, (operand, consumer) in enumerate(edges) if operand == z2 and consumer == o]
        expect(marked("audit-match") == [f"t-n{z2}"], marked("audit-match"))
        expect(marked("audit-edge") == [f"t-e{e}" for e in sigmoid], (marked("audit-edge"), sigmoid))
        expect(marked("audit-source") == [f"t-n{names.index('delta2')}"], marked("audit-source"))
        expect(page.js("return document.querySelector('figure.diagram').classList.contains('has-audit')"), "the rest does not fade")
        expect(page.el("#live").text.startswith("Audit of delta2: ∂loss/∂z2"), page.el("#live").text)
        outline = page.js("return getComputedStyle(document.querySelector('g.node.audit-match > path[fill=none]')).strokeWidth")
        expect(outline == "6px", f"the matched node's outline is {outline}, not thick")
        # The fitted diagram draws z2 too small to read: the highlight zooms in on it, inside the viewport.
        shown = page.js("""const v = document.getElementById('viewport').getBoundingClientRect();
            const r = document.getElementById(arguments[0]).getBoundingClientRect();
            return [r.height, r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom]""", f"t-n{z2}")
        expect(shown[0] >= 14 and shown[1], f"z2 is not brought into view: {shown}")
        page.shot("1-delta2")

    def weight_gradient():
        audit_line("dW2").click()
        w2 = names.index("W2")
        expect(marked("audit-match") == [f"t-n{w2}"], marked("audit-match"))
        into = marked("audit-edge")
        expect(len(into) == 1 and edges[int(into[0][3:])][0] == w2, into)
        expect(audit_line("delta2").get_attribute("aria-pressed") == "false", "the previous line stays pressed")
        page.el("#step-next").click()
        expect(marked("audit-match") == [] and marked("audit-edge") == [], "stepping leaves the audit's highlight")
        page.el("#step-reset").click()

    run.check("tensor audit: the 44-op diagram opens fitted; zoom, fit and full screen work", lambda: tensor_zoom(page, "0"))
    run.check("tensor audit: the page lists each hand-written line with its verdict", lines_listed)
    run.check("tensor audit: delta2 highlights z2 and the edge of σ′", delta2)
    run.check("tensor audit: dW2 highlights W2 and the matmul's edge; stepping clears it", weight_gradient)
    errors = page.console_errors()
    run.check("tensor audit: no console errors", lambda: expect(errors == [], errors))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/chaintrace"))
    parser.add_argument("--screenshots", default=None, help="save screenshots to this folder")
    arguments = parser.parse_args()
    run = Run()
    shots = arguments.screenshots
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        pages = Pages(arguments.binary, folder)
        driver = make_driver()
        try:
            chain, _ = pages.report("chain", ROOT / "samples/chain.ct")
            branching, _ = pages.report("branching", program=BRANCHING)
            hostile, _ = pages.report("hostile", pages.hostile_trace())
            square, _ = pages.report("square", program="x = 3\ny = x * x + x\n")
            article, _ = pages.report("article", ROOT / "samples/article-first-row.ct")
            large, seconds = pages.report("large", program=large_program())
            backprop = backprop_report(arguments.binary, folder)
            collapsed, _ = pages.report("collapsed", backprop.parent / "first-row.json", extra=("--max-nodes", "20"))
            audit, _ = pages.report("audit", ROOT / "samples/article-backprop.ct", extra=("--audit",))
            audit_bugs, _ = pages.report("audit-bugs", ROOT / "samples/article-backprop-bugs.ct", extra=("--audit",))
            tensor, _ = pages.report("tensor", ROOT / "samples/layers.ct")
            tensor_audit, _ = pages.report("tensor-audit", ROOT / "samples/article-backprop-matrix-audit.ct", extra=("--audit",))
            test_chain(run, driver, chain, shots)
            test_branching(run, driver, branching, shots)
            test_hostile(run, driver, hostile, shots)
            test_square(run, driver, square, shots)
            test_layout(run, driver, article, shots)
            test_large(run, driver, large, seconds, shots)
            test_backprop(run, driver, backprop, shots)
            test_collapsed(run, driver, collapsed, shots)
            test_audit(run, driver, audit, audit_bugs, shots)
            test_tensor(run, driver, tensor, shots)
            test_tensor_audit(run, driver, tensor_audit, shots)
            test_svg_spacing(run, driver, arguments.binary, folder, branching)
            test_animation(run, driver, arguments.binary, folder, shots)
        except Exception as error:  # noqa: BLE001 - a broken setup is one more failure, not a crash
            run.failed += 1
            print(f"FAIL setup: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stdout)
        finally:
            driver.quit()
    print(f"{run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
