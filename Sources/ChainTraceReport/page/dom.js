// The DOM code both report pages share (report.js and tensor.js); it runs before them on the page.
// h('p', {class: 'note'}, 'text', child) makes an element with attributes, a click handler
// ('onclick') and children, skipping null, undefined and false; text stays text. zoomable(...) gives
// a diagram viewport (homeBox(svg) readies the diagram) its zoom, fit, pan, drag and full screen; auditList(...) makes the audit's lines
// highlight what they compute.
const ChainTraceDOM = (() => {
  'use strict';
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [key, val] of Object.entries(attributes || {})) {
      if (key === 'class') element.className = val;
      else if (key === 'onclick') element.addEventListener('click', val);
      else element.setAttribute(key, val);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
  }

  // Makes an inline diagram fill its viewport (its fixed size dropped) and returns its whole view box, the
  // `home` zoomable fits to.
  function homeBox(svg) {
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    const box = svg.viewBox.baseVal;
    return box ? { x: box.x, y: box.y, w: box.width, h: box.height } : null;
  }

  // Zoom, pan and full screen for the diagram `current()` returns ({svg, box, home}: its view box and
  // the whole diagram's), in `viewport`, with the toolbar's buttons whose ids are `prefix` + zoom-in,
  // zoom-out, zoom-fit and full-screen (a toolbar without the last has no full screen). A drag pans;
  // the click that ends a drag is swallowed so it selects nothing.
  function zoomable(viewport, current, announce, prefix = '') {
    const byId = (id) => document.getElementById(prefix + id);
    function applyBox(diagram) {
      const b = diagram.box;
      if (b) diagram.svg.setAttribute('viewBox', b.x + ' ' + b.y + ' ' + b.w + ' ' + b.h);
    }
    function toSVG(diagram, clientX, clientY) {
      const matrix = diagram.svg.getScreenCTM();
      if (!matrix) return { x: 0, y: 0 };
      const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
      return { x: point.x, y: point.y };
    }
    function zoom(factor, center) {
      const diagram = current();
      if (!diagram || !diagram.box) return;
      diagram.box = ChainTraceModel.zoomed(diagram.box, diagram.home, factor, center);
      applyBox(diagram);
    }
    function pan(dx, dy) {
      const diagram = current();
      const b = diagram && diagram.box;
      if (!b) return;
      b.x += dx * b.w;
      b.y += dy * b.h;
      applyBox(diagram);
    }
    function fit() {
      const diagram = current();
      if (!diagram || !diagram.home) return;
      diagram.box = { ...diagram.home };
      applyBox(diagram);
    }
    // Brings `element` into view, zooming in when it is drawn too small to read: to 1/`share` of the view's height.
    function reveal(element, share = 8) {
      const diagram = current();
      if (!element || !diagram || !diagram.box || !diagram.svg.getScreenCTM()) return;
      const rect = element.getBoundingClientRect();
      const view = diagram.svg.getBoundingClientRect();
      const a = toSVG(diagram, rect.left, rect.top), z = toSVG(diagram, rect.right, rect.bottom);
      const b = diagram.box;
      const tooSmall = rect.height < 14;
      const outside = rect.left < view.left || rect.right > view.right || rect.top < view.top || rect.bottom > view.bottom;
      if (!tooSmall && !outside) return;
      if (tooSmall) {
        const scale = Math.max((z.y - a.y) * share / b.h, 1 / 400);
        b.w *= scale; b.h *= scale;
      }
      b.x = (a.x + z.x) / 2 - b.w / 2;
      b.y = (a.y + z.y) / 2 - b.h / 2;
      applyBox(diagram);
    }
    byId('zoom-in').addEventListener('click', () => zoom(1.25));
    byId('zoom-out').addEventListener('click', () => zoom(0.8));
    byId('zoom-fit').addEventListener('click', fit);
    // Full screen: the diagram fills the window and the side column floats over its corner.
    const fullButton = byId('full-screen');
    function setFull(on) {
      document.body.classList.toggle('diagram-full', on);
      fullButton.setAttribute('aria-pressed', String(on));
      announce(on ? 'The diagram fills the window; Esc leaves full screen.' : 'Full screen left.');
    }
    if (fullButton) {
      fullButton.addEventListener('click', () => setFull(!document.body.classList.contains('diagram-full')));
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && document.body.classList.contains('diagram-full')) setFull(false);
      });
    }
    viewport.addEventListener('wheel', (event) => {
      const diagram = current();
      if (!diagram || !diagram.svg) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, toSVG(diagram, event.clientX, event.clientY));
    }, { passive: false });
    let drag = null, dragged = false;
    viewport.addEventListener('pointerdown', (event) => {
      const diagram = current();
      if (event.button !== 0 || !diagram || !diagram.box) return;
      drag = { x: event.clientX, y: event.clientY, box: { ...diagram.box } };
      dragged = false;
    });
    viewport.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const diagram = current();
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) < 5) return;
      if (!dragged) { dragged = true; viewport.setPointerCapture(event.pointerId); viewport.classList.add('dragging'); }
      const rect = diagram.svg.getBoundingClientRect();
      const unit = Math.max(drag.box.w / rect.width, drag.box.h / rect.height);
      diagram.box = { ...drag.box, x: drag.box.x - dx * unit, y: drag.box.y - dy * unit };
      applyBox(diagram);
    });
    const endDrag = () => { drag = null; viewport.classList.remove('dragging'); };
    viewport.addEventListener('pointerup', endDrag);
    viewport.addEventListener('pointercancel', endDrag);
    viewport.addEventListener('click', (event) => {
      if (dragged) { dragged = false; event.stopPropagation(); }
    }, true);
    const keys = { '+': () => zoom(1.25), '=': () => zoom(1.25), '-': () => zoom(0.8), '0': fit,
      ArrowLeft: () => pan(-0.1, 0), ArrowRight: () => pan(0.1, 0), ArrowUp: () => pan(0, -0.1), ArrowDown: () => pan(0, 0.1) };
    viewport.addEventListener('keydown', (event) => {
      if (keys[event.key] && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        keys[event.key]();
      }
    });
    return { reveal };
  }
  // The audit list: each button.audit-line highlights its hand-written line (`lines[button.dataset.audit]`)
  // in the diagrams, and a second press clears it. A press first calls `leaveOthers()` (the page clears
  // its other highlights and leaves the stepper). A line marks the node whose gradient it computes
  // (audit-match), its own node (audit-source) and the edges whose local factors it multiplies
  // (audit-edge, their ends audit-node) with the page's `mark(kind, id, class, on)`; `ends(edge)` is an
  // edge's [operand, consumer], `figures` the diagrams' figures (they fade the rest while a line is shown).
  // The matched node's element (`element(n)`) is brought into view; the announcement names nodes with
  // `name(n)` and `label(n)` and the factors with `factor` ('local partial'). `restore()` marks the
  // shown line again in a diagram parsed later.
  function auditList({ lines, mark, ends, figures, element, name, label, factor, leaveOthers, reveal, announce }) {
    let audited = null;
    function markLine(line, on) {
      if (line.match !== null) mark('node', line.match, 'audit-match', on);
      mark('node', line.node, 'audit-source', on);
      for (const edge of line.edges) {
        mark('edge', edge, 'audit-edge', on);
        for (const n of ends(edge)) mark('node', n, 'audit-node', on);
      }
      for (const figure of figures) figure.classList.toggle('has-audit', on);
    }
    function clear() {
      if (!audited) return;
      markLine(audited, false);
      for (const button of document.querySelectorAll('button.audit-line[aria-pressed="true"]')) button.setAttribute('aria-pressed', 'false');
      audited = null;
    }
    function show(index, button) {
      const line = lines[index];
      if (!line) return;
      const same = audited === line;
      clear();
      leaveOthers();
      if (same) { announce('Audit highlight cleared.'); return; }
      audited = line;
      markLine(line, true);
      button.setAttribute('aria-pressed', 'true');
      if (line.match !== null) reveal(element(line.match));
      const named = button.querySelector('.name'), statement = button.querySelector('.statement');
      announce('Audit of ' + (named ? named.textContent : name(line.node)) + ': ' + (statement ? statement.textContent : '') +
        (line.match === null ? '' : '; highlighted: ' + label(line.match) + ' and ' + line.edges.length + ' ' + factor + (line.edges.length === 1 ? '' : 's')));
    }
    for (const button of document.querySelectorAll('button.audit-line')) {
      button.addEventListener('click', () => show(Number(button.dataset.audit), button));
    }
    return { clear, restore: () => { if (audited) markLine(audited, true); } };
  }
  return { h, homeBox, zoomable, auditList };
})();
