(() => {
  'use strict';
  const byId = (id) => document.getElementById(id);
  const trace = JSON.parse(byId('ct-trace').textContent);
  const report = JSON.parse(byId('ct-report').textContent);

  // The trace as flat arrays, and every label and number as Swift wrote them (model.js).
  const { nodes, N, E, edgeStart, edgeInput, edgeConsumer, consumersOf, backward, grad, output, steps, S, stepOfEdge, arrivals,
    firstArrival, lastArrival, numbers, valueText, gradText, opText, label, short, gradientSymbol, partialSymbol,
    gradientAt, nodeState, lastStepBefore, names } = ChainTraceModel.build(trace, report);
  const outName = short(output);
  const nodeNotes = new Map((report.nodeNotes || []).filter((note) => note.node >= 0 && note.node < N).map((note) => [note.node, note.text]));

  const { h } = ChainTraceDOM;
  // MathML made by chaintrace (user text already escaped), parsed as XML on first use and cached.
  const formulaSources = JSON.parse(byId('ct-formulas').textContent);
  const formulaCache = new Map();
  const MATHML = 'http://www.w3.org/1998/Math/MathML';
  function formula(index) {
    if (index === undefined || index === null || index < 0 || index >= formulaSources.length) return null;
    if (!formulaCache.has(index)) {
      const source = formulaSources[index].replace(/^<math(?![^>]*xmlns=)/, '<math xmlns="' + MATHML + '"');
      const parsed = new DOMParser().parseFromString(source, 'application/xml');
      const root = parsed.documentElement;
      formulaCache.set(index, root && root.namespaceURI === MATHML && !parsed.querySelector('parsererror') ? root : null);
    }
    const math = formulaCache.get(index);
    return math ? document.importNode(math, true) : null;
  }
  const live = byId('live');
  function announce(text) { live.textContent = text; }

  // ---- Diagrams: element lookup, accessibility, zoom and pan ----
  const viewport = byId('viewport');
  // A diagram other than the first arrives as SVG text in a JSON string and is parsed when first shown,
  // so a large page opens after parsing one diagram, not all of them.
  const diagrams = Array.from(document.querySelectorAll('figure.diagram')).map((figure, index) => ({
    figure, view: figure.dataset.view, prefix: figure.dataset.prefix, svg: null,
    nodeEls: new Array(N), edgeEls: new Array(E), home: null, box: null,
    collapsed: (report.diagrams[index] && report.diagrams[index].collapsed) || [], groupEls: [],
  }));
  function setUp(diagram) {
    const figure = diagram.figure;
    let svg = figure.querySelector('svg');
    const source = figure.dataset.source && byId(figure.dataset.source);
    if (!svg && source) {
      const parsed = new DOMParser().parseFromString(JSON.parse(source.textContent), 'image/svg+xml');
      const root = parsed.documentElement;
      if (root && root.localName === 'svg' && !parsed.querySelector('parsererror')) {
        svg = document.adoptNode(root);
        figure.replaceChildren(svg);
      }
      source.remove();
    }
    if (!svg) return;
    diagram.svg = svg;
    const { nodeEls, edgeEls } = diagram;
    const pattern = new RegExp('^' + diagram.prefix + '-([neg])(\\d+)$');
    for (const g of svg.querySelectorAll('g[id]')) {
      const match = pattern.exec(g.id);
      if (!match) continue;
      const id = Number(match[2]);
      if (match[1] === 'n' && id < N) {
        nodeEls[id] = g;
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', label(id) + ', ' + opText(id) + ', value ' + valueText(id) +
          (grad[id] === null ? '' : ', gradient ' + gradText(id)) + (nodeNotes.has(id) ? ', has a note' : ''));
        if (nodeNotes.has(id)) g.classList.add('annotated');
      } else if (match[1] === 'e' && id < E) {
        edgeEls[id] = g;
      } else if (match[1] === 'g' && id < diagram.collapsed.length) {
        const group = diagram.collapsed[id];
        diagram.groupEls[id] = g;
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', 'collapsed group ' + group.path.join(' › ') + ', ' + group.nodes.length + ' nodes; Enter lists them');
      }
    }
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', diagram.view + ' pass diagram, ' + N + ' nodes; Tab moves between nodes, Enter selects');
    diagram.home = ChainTraceDOM.homeBox(svg);
    diagram.box = diagram.home && { ...diagram.home };
  }
  let active = diagrams.find((diagram) => !diagram.figure.hidden) || diagrams[0];
  if (active) setUp(active);

  const { reveal } = ChainTraceDOM.zoomable(viewport, () => active, announce);

  function target(element) {
    const g = element.closest && element.closest('g.node, g.edge');
    if (!g || !active) return null;
    let id = active.nodeEls.indexOf(g);
    if (id >= 0) return { kind: 'node', id };
    id = active.edgeEls.indexOf(g);
    if (id >= 0) return { kind: 'edge', id };
    id = active.groupEls.indexOf(g);
    return id >= 0 ? { kind: 'group', id } : null;
  }
  viewport.addEventListener('click', (event) => {
    const hit = target(event.target);
    if (hit) select(hit.kind, hit.id, false);
  });
  viewport.addEventListener('keydown', (event) => {
    const hit = target(event.target);
    if (hit && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      select(hit.kind, hit.id, false);
    }
  });

  // ---- Marking elements in every diagram ----
  function mark(kind, id, cls, on) {
    for (const diagram of diagrams) {
      const element = (kind === 'node' ? diagram.nodeEls : diagram.edgeEls)[id];
      if (element) element.classList.toggle(cls, on);
    }
  }
  function setView(view) {
    const next = diagrams.find((diagram) => diagram.view === view);
    if (!next) return;
    active = next;
    if (!next.svg) {
      setUp(next);
      restoreMarks();
    }
    for (const diagram of diagrams) diagram.figure.hidden = diagram !== next;
    for (const button of document.querySelectorAll('[data-view-button]')) {
      button.setAttribute('aria-pressed', String(button.dataset.viewButton === view));
    }
    announce(view === 'forward' ? 'Forward-pass view: values and local partials.' : 'Backward-pass view: gradients and contributions.');
  }
  for (const button of document.querySelectorAll('[data-view-button]')) {
    button.addEventListener('click', () => setView(button.dataset.viewButton));
  }

  // Marks made before a diagram was parsed are applied to it when it arrives.
  function restoreMarks() {
    if (selection) {
      mark(selection.kind, selection.id, 'selected', true);
      for (const edge of selection.related) mark('edge', edge, 'related', true);
    }
    if (highlighted) {
      const path = highlighted;
      highlighted = null;
      showPath(path, pathList.querySelector('button[aria-pressed="true"]'));
    }
    if (stepping) paintAll(at);
    audit.restore();
  }

  // ---- Details panel ----
  const details = byId('details-body');
  let selection = null;
  const nodeButton = (n) => h('button', { type: 'button', class: 'link', onclick: () => select('node', n, true) }, label(n));
  const edgeButton = (edge, text) => h('button', { type: 'button', class: 'link', onclick: () => select('edge', edge, true) }, text);
  const numberSpan = (text) => h('span', { class: 'num' }, text);

  // A collapsed group (a scope drawn as one box): the panel lists its nodes, each selectable, so
  // the group opens up in the panel while the diagram stays within its node budget.
  function selectGroup(index) {
    const group = active && active.collapsed[index];
    if (!group) return;
    if (selection) {
      mark(selection.kind, selection.id, 'selected', false);
      for (const edge of selection.related || []) mark('edge', edge, 'related', false);
      selection = null;
    }
    for (const element of active.groupEls) if (element) element.classList.remove('selected');
    if (active.groupEls[index]) active.groupEls[index].classList.add('selected');
    const list = h('ul', { class: 'group-members' });
    for (const n of group.nodes) {
      list.append(h('li', null, nodeButton(n), ' ', h('span', { class: 'op' }, opText(n)), ' value ', numberSpan(valueText(n)),
        grad[n] === null ? null : ' · gradient ', grad[n] === null ? null : numberSpan(gradText(n))));
    }
    details.replaceChildren(h('div', { class: 'panel', 'data-group': String(index) },
      h('h3', { class: 'title' }, group.path.join(' › '), h('span', { class: 'op' }, 'collapsed group')),
      h('p', null, group.nodes.length + ' nodes are drawn as this one box to keep the diagram within its node budget. Select one to see its operation, formulas and contributions:'),
      list));
    byId('details').dataset.kind = 'group';
    announce('Collapsed group ' + group.path.join(' › ') + ': ' + group.nodes.length + ' nodes listed in the details panel.');
  }

  function select(kind, id, fromPanel) {
    if (kind === 'group') { selectGroup(id); return; }
    if (active) for (const element of active.groupEls) if (element) element.classList.remove('selected');
    if (selection) {
      mark(selection.kind, selection.id, 'selected', false);
      for (const edge of selection.related || []) mark('edge', edge, 'related', false);
    }
    selection = { kind, id, related: kind === 'node' ? consumersOf[id].concat(Array.from({ length: edgeStart[id + 1] - edgeStart[id] }, (_, i) => edgeStart[id] + i)) : [] };
    mark(kind, id, 'selected', true);
    for (const edge of selection.related) mark('edge', edge, 'related', true);
    details.replaceChildren(kind === 'node' ? nodePanel(id) : edgePanel(id));
    byId('details').dataset.kind = kind;
    const element = active && (kind === 'node' ? active.nodeEls : active.edgeEls)[id];
    if (fromPanel) reveal(element);
    announce(kind === 'node'
      ? 'Node ' + label(id) + ': value ' + valueText(id) + (grad[id] === null ? '' : ', gradient ' + gradientNow(id))
      : 'Edge ' + label(edgeInput[id]) + ' to ' + label(edgeConsumer[id]) + ': local partial ' + numbers.partial[id]);
  }

  function nodePanel(n) {
    const node = nodes[n];
    const panel = h('div', { class: 'panel', 'data-node': String(n) });
    panel.append(h('h3', { class: 'title' }, label(n), h('span', { class: 'op' }, opText(n))));
    const valueFormula = formula(report.valueFormulas[n]);
    const facts = h('dl', { class: 'facts' },
      h('dt', null, 'Value'), h('dd', null, valueFormula ? h('span', { class: 'math' }, valueFormula) : null, valueFormula ? ' = ' : null, numberSpan(valueText(n))));
    if (grad[n] !== null) facts.append(h('dt', null, 'Gradient ' + gradientSymbol(n)), h('dd', { class: 'gradient' }, numberSpan(gradientNow(n))));
    if (node.line !== null) facts.append(h('dt', null, 'Line'), h('dd', null, String(node.line)));
    if (node.scope.length) facts.append(h('dt', null, 'Group'), h('dd', null, node.scope.join(' › ')));
    panel.append(facts);
    if (nodeNotes.has(n)) panel.append(h('h4', null, 'Note'), h('p', { class: 'annotation' }, nodeNotes.get(n)));

    const operands = edgeStart[n + 1] - edgeStart[n];
    if (operands > 0) {
      panel.append(h('h4', null, 'Local partials (forward pass)'));
      const list = h('ul', { class: 'partials' });
      for (let edge = edgeStart[n]; edge < edgeStart[n + 1]; edge++) {
        const math = formula(report.partialFormulas[edge]);
        list.append(h('li', null,
          math ? h('span', { class: 'math' }, math) : partialSymbol(edge), ' = ', numberSpan(numbers.partial[edge]),
          ' ', edgeButton(edge, 'edge from ' + label(edgeInput[edge]))));
      }
      panel.append(list);
    }

    if (backward) {
      panel.append(h('h4', null, 'Contributions received (backward pass)'));
      const s = known();
      const received = arrivals[n].filter((edge) => stepOfEdge[edge] < s);
      if (n === output) {
        panel.append(h('p', null, 'This is the output: ' + gradientSymbol(output) + ' = 1 starts the backward pass.'));
      } else if (arrivals[n].length === 0) {
        panel.append(h('p', null, 'The output does not depend on ' + short(n) + ', so no contribution arrives and its gradient is 0.'));
      } else if (received.length === 0) {
        panel.append(h('p', null, 'No contribution has arrived by step ' + s + '; the first arrives at step ' + (firstArrival[n] + 1) + '.'));
      } else {
        // Three columns, so the table fits the side panel: upstream × local wraps between its numbers.
        const table = h('table', { class: 'contributions' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'step'), h('th', { scope: 'col' }, 'from'),
            h('th', { scope: 'col' }, 'upstream × local'), h('th', { scope: 'col' }, '= contribution'))));
        const body = h('tbody');
        for (const edge of received) {
          const c = edgeConsumer[edge];
          body.append(h('tr', null, h('td', null, edgeButton(edge, String(stepOfEdge[edge] + 1))), h('td', null, nodeButton(c)),
            h('td', { title: gradientSymbol(c) + ' × ' + partialSymbol(edge) }, numberSpan(numbers.gradient[c]), ' × ', numberSpan(numbers.partial[edge])),
            h('td', null, numberSpan('= ' + numbers.contribution[edge]))));
        }
        table.append(body);
        panel.append(h('div', { class: 'table-scroll' }, table));
        if (arrivals[n].length > 1) {
          panel.append(h('p', { class: 'branch' }, h('strong', null, 'Branch point: '),
            short(n) + ' is used ' + arrivals[n].length + ' times, so its gradient is the sum of the contributions: ' +
            gradientSymbol(n) + ' = ' + gradientAt(n, s) + '.'));
        } else {
          panel.append(h('p', null, 'One contribution, so ' + gradientSymbol(n) + ' = ' + gradText(n) + '.'));
        }
      }
    }
    if (consumersOf[n].length) {
      panel.append(h('h4', null, 'Used by'));
      const list = h('ul', { class: 'inline' });
      for (const edge of consumersOf[n]) list.append(h('li', null, nodeButton(edgeConsumer[edge])));
      panel.append(list);
    }
    return panel;
  }

  function edgePanel(edge) {
    const a = edgeInput[edge], c = edgeConsumer[edge];
    const position = edge - edgeStart[c];
    const panel = h('div', { class: 'panel', 'data-edge': String(edge) });
    panel.append(h('h3', { class: 'title' }, label(a) + ' → ' + label(c)));
    panel.append(h('p', null, 'Operand ', String(position + 1), ' of ', nodeButton(c), ' (' + opText(c) + '), from ', nodeButton(a), '.'));
    const math = formula(report.partialFormulas[edge]);
    panel.append(h('h4', null, 'Local partial'));
    panel.append(h('p', { class: 'formula' }, math ? h('span', { class: 'math' }, math) : partialSymbol(edge), ' = ', numberSpan(numbers.partial[edge])));
    if (backward) {
      panel.append(h('h4', null, 'The multiplication on this edge'));
      const step = stepOfEdge[edge];
      if (step < 0) {
        panel.append(h('p', null, 'Not multiplied: the output does not depend on ' + short(c) + '.'));
      } else if (step >= known()) {
        panel.append(h('p', null, 'Backward step ' + (step + 1) + ' of ' + S + ': not reached yet at step ' + known() + '.'));
      } else {
        panel.append(h('p', { class: 'product' },
          h('span', { class: 'term' }, 'upstream ' + gradientSymbol(c) + ' = ', numberSpan(numbers.gradient[c])), ' × ',
          h('span', { class: 'term' }, 'local ' + partialSymbol(edge) + ' = ', numberSpan(numbers.partial[edge])), ' = ',
          h('span', { class: 'term' }, 'contribution ', numberSpan(numbers.contribution[edge]))));
        panel.append(h('p', null, 'Backward step ' + (step + 1) + ' of ' + S + '; the contribution is added to ' + gradientSymbol(a) +
          (arrivals[a].length > 1 ? ', a branch point with ' + arrivals[a].length + ' contributions: ' : ' = ') + gradientAt(a, known()) + '.'));
      }
    }
    return panel;
  }

  // ---- Path explorer ----
  const pathLists = new Map(report.paths.map((list) => [list.input, list]));
  const pathInput = byId('path-input');
  const pathList = byId('path-list');
  const pathSummary = byId('path-summary');
  let highlighted = null;
  for (const list of report.paths) pathInput.append(h('option', { value: String(list.input) }, label(list.input)));
  function clearPath() {
    if (!highlighted) return;
    for (const edge of highlighted.edges) { mark('edge', edge, 'on-path', false); mark('node', edgeInput[edge], 'on-path', false); }
    if (highlighted.edges.length) mark('node', edgeConsumer[highlighted.edges[highlighted.edges.length - 1]], 'on-path', false);
    for (const diagram of diagrams) diagram.figure.classList.remove('has-path');
    for (const button of pathList.querySelectorAll('button[aria-pressed="true"]')) button.setAttribute('aria-pressed', 'false');
    highlighted = null;
  }
  function showPath(path, button) {
    const same = highlighted === path;
    clearPath();
    audit.clear();
    if (stepping) leave();
    if (same) { announce('Path highlight cleared.'); return; }
    highlighted = path;
    for (const edge of path.edges) { mark('edge', edge, 'on-path', true); mark('node', edgeInput[edge], 'on-path', true); }
    if (path.edges.length) mark('node', edgeConsumer[path.edges[path.edges.length - 1]], 'on-path', true);
    for (const diagram of diagrams) diagram.figure.classList.add('has-path');
    if (button) button.setAttribute('aria-pressed', 'true');
    announce('Path highlighted: ' + path.route + ', product ' + path.productText);
  }
  function showPaths(input) {
    clearPath();
    const list = pathLists.get(input);
    pathList.replaceChildren();
    if (!list) { pathSummary.replaceChildren(h('p', null, 'No path listing for this input.')); return; }
    const g = grad[input];
    list.paths.forEach((path, i) => {
      const button = h('button', { type: 'button', class: 'path', 'aria-pressed': 'false' },
        h('span', { class: 'route' }, path.route),
        h('span', { class: 'factors' }, path.factors + ' = ', h('strong', { class: 'num' }, path.productText)));
      button.addEventListener('click', () => showPath(path, button));
      pathList.append(h('li', { 'data-path': String(i) }, button));
    });
    const summary = [];
    const count = list.count === '1' ? '1 path' : list.count + ' paths';
    summary.push(h('p', null, label(input) + ' reaches ' + outName + ' along ' + count + '.' +
      (list.complete ? '' : ' Listed: the top ' + list.paths.length + ' by |product|.')));
    if (list.complete) {
      const equal = ChainTraceModel.sumMatches(list.paths.map((path) => ChainTraceModel.num(path.product)), g);
      summary.push(h('p', { class: equal ? 'check ok' : 'check' },
        'Sum of the products: ' + list.sum + (g === null ? '' : (equal ? ' = ' : ' ≠ ') + gradientSymbol(input) + ' = ' + gradText(input)) +
        (g === null ? '' : equal ? ' — equal: the gradient is the sum over paths.' : ' — not equal.')));
    } else {
      summary.push(h('p', { class: 'check' }, 'The listed products sum to ' + list.sum + '; all ' + list.count + ' paths together sum to ' +
        gradientSymbol(input) + (g === null ? '.' : ' = ' + gradText(input) + '.')));
    }
    pathSummary.replaceChildren(...summary);
  }
  pathInput.addEventListener('change', () => showPaths(Number(pathInput.value)));
  byId('path-clear').addEventListener('click', () => { clearPath(); announce('Path highlight cleared.'); });
  if (report.paths.length) showPaths(report.paths[0].input);
  else pathSummary.replaceChildren(h('p', null, 'No path listing is included in this report.'));

  // ---- Audit: each hand-written line highlights the gradient it computes and the local partials it multiplies ----
  // The path explorer and the stepper clear the highlight (audit.clear); showing a line clears theirs.
  const audit = ChainTraceDOM.auditList({
    lines: report.audit || [], mark, ends: (edge) => [edgeInput[edge], edgeConsumer[edge]], figures: diagrams.map((diagram) => diagram.figure),
    element: (n) => active && active.nodeEls[n], name: short, label, factor: 'local partial',
    leaveOthers: () => { clearPath(); if (stepping) leave(); }, reveal, announce,
  });

  // ---- Backward stepper ----
  const range = byId('step-range');
  const status = byId('step-status');
  const stepDetail = byId('step-detail');
  const playButton = byId('step-play');
  let at = 0, stepping = false, timer = null;
  // How many backward steps the page shows as done: all of them unless the stepper is on.
  function known() { return stepping ? at : S; }
  const gradientNow = (n) => (stepping ? gradientAt(n, at) : gradText(n));
  // The gradient row of each node as a backward diagram draws it: the bold gradient (the node's last
  // text) and, at a branch point, the sum before it. The sum and the gradient share one text element
  // when the gradient's run starts with a space (the SVG writer makes it a tspan of the sum's run).
  // Found when the stepper first needs them.
  function gradientCells(diagram) {
    if (diagram.cells !== undefined || !diagram.svg) return diagram.cells || null;
    const info = report.diagrams[diagrams.indexOf(diagram)];
    diagram.info = info;
    diagram.cells = info && info.gradient ? Array.from(diagram.nodeEls, (g, n) => {
      const texts = g ? g.getElementsByTagName('text') : [];
      const last = texts[texts.length - 1];
      const runs = last ? last.getElementsByTagName('tspan') : [];
      const grad = runs.length ? runs[runs.length - 1] : last;
      if (!grad || grad.textContent.trim() !== info.gradient[n]) return null;
      const before = grad === last ? texts[texts.length - 2] : last.firstChild;
      const sum = before && before !== grad && /=\s*$/.test(before.textContent) ? before : null;
      return { grad, sum, gradText: grad.textContent, sumText: sum && sum.textContent };
    }) : null;
    return diagram.cells;
  }
  // At step s a diagram shows only what is known: gradients not yet computed are blank, and a
  // branch point still summing shows its partial sum (`1.53 + … = 1.53`).
  function paintNode(n, s) {
    const state = stepping ? nodeState(n, s) : '';
    for (const cls of ['known', 'partial', 'waiting']) mark('node', n, cls, state === cls);
    for (const diagram of diagrams) {
      const cells = gradientCells(diagram), cell = cells && cells[n];
      if (!cell) continue;
      let gradient = cell.gradText, sum = cell.sumText;
      if (state === 'waiting') {
        gradient = '';
        sum = sum === null ? null : '';
      } else if (state === 'partial') {
        const step = lastStepBefore(n, s);
        gradient = diagram.info.stepRunning[step] || gradient;
        sum = diagram.info.stepSum[step] || sum;
      }
      cell.grad.textContent = ChainTraceModel.respaced(cell.gradText, gradient);
      if (cell.sum) cell.sum.textContent = ChainTraceModel.respaced(cell.sumText, sum);
    }
  }
  function paintEdge(edge, s) {
    const step = stepOfEdge[edge];
    mark('edge', edge, 'done', stepping && step >= 0 && step < s);
    mark('edge', edge, 'current', stepping && step === s - 1);
  }
  function paintAll(s) {
    for (let n = 0; n < N; n++) paintNode(n, s);
    for (let edge = 0; edge < E; edge++) paintEdge(edge, s);
    for (const diagram of diagrams) diagram.figure.classList.toggle('stepping', stepping);
  }
  function goTo(s, options) {
    s = Math.max(0, Math.min(S, s));
    const before = at, wasStepping = stepping;
    if (!wasStepping) { clearPath(); audit.clear(); }
    at = s;
    stepping = true;
    if (!wasStepping || Math.abs(s - before) > 64) {
      paintAll(s);
    } else {
      const low = Math.min(s, before), high = Math.max(s, before);
      for (let i = Math.max(0, low - 1); i < high; i++) { paintEdge(steps[i], s); paintNode(edgeInput[steps[i]], s); }
    }
    range.value = String(s);
    status.textContent = 'Step ' + s + ' of ' + S;
    const known = [], partialNodes = [];
    if (S <= 4000) {
      for (let n = 0; n < N; n++) {
        const state = nodeState(n, s);
        if (state === 'known') known.push(n); else if (state === 'partial') partialNodes.push(n);
      }
      known.sort((a, b) => lastArrival[a] - lastArrival[b] || a - b);
    }
    const parts = [];
    if (s === 0) {
      parts.push(h('p', null, 'Before the first step only the output\u2019s gradient is known: ' + gradientSymbol(output) + ' = 1. Press Next.'));
    } else {
      const edge = steps[s - 1], c = edgeConsumer[edge], a = edgeInput[edge];
      parts.push(h('p', { class: 'product' }, 'At ', nodeButton(c), ': upstream ' + gradientSymbol(c) + ' = ', numberSpan(numbers.gradient[c]),
        ' × local ' + partialSymbol(edge) + ' = ', numberSpan(numbers.partial[edge]), ' = contribution ', numberSpan(numbers.contribution[edge]), ' to ', nodeButton(a), '.'));
      const got = arrivals[a].filter((e) => stepOfEdge[e] < s);
      if (arrivals[a].length > 1) {
        parts.push(h('p', { class: 'branch' }, h('strong', null, 'Branch point: '), short(a) + ' has received ' + got.length + ' of ' + arrivals[a].length +
          ' contributions: ' + gradientSymbol(a) + ' = ' + gradientAt(a, s) + (got.length === arrivals[a].length ? ', its gradient.' : ' so far.')));
      }
    }
    if (S <= 4000) {
      parts.push(h('p', null, h('strong', null, 'Gradients known (' + known.length + '): '), names(known)));
      if (partialNodes.length) parts.push(h('p', null, h('strong', null, 'Waiting for more contributions: '),
        partialNodes.map((n) => short(n) + ' (' + arrivals[n].filter((e) => stepOfEdge[e] < s).length + ' of ' + arrivals[n].length + ')').join(', ')));
    }
    stepDetail.replaceChildren(...parts);
    if (s > 0 && !(options && options.quiet)) select('edge', steps[s - 1], false);
    announce(stepDetail.firstChild ? 'Step ' + s + ' of ' + S + '. ' + stepDetail.firstChild.textContent : '');
  }
  // The play button's icon is a drawn path, not a font glyph (fonts without ⏸ show an empty box).
  function showPlaying(playing) {
    playButton.setAttribute('aria-pressed', String(playing));
    playButton.querySelector('path').setAttribute('d', playing ? 'M2 1h2.5v8H2zM5.5 1H8v8H5.5z' : 'M2 1l7 4-7 4z');
    playButton.querySelector('.label').textContent = playing ? 'Pause' : 'Play';
  }
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    showPlaying(false);
  }
  function play() {
    if (timer !== null) { stop(); return; }
    if (at >= S) goTo(0);
    showPlaying(true);
    timer = setInterval(() => { if (at >= S) stop(); else goTo(at + 1); }, 900);
  }
  function leave() {
    stop();
    stepping = false;
    at = 0;
    range.value = '0';
    paintAll(0);
    status.textContent = 'Not stepping';
    stepDetail.replaceChildren(h('p', null, 'Step through the backward pass in the order it ran.'));
    if (selection) details.replaceChildren(selection.kind === 'node' ? nodePanel(selection.id) : edgePanel(selection.id));
    announce('Stepper closed; the diagram shows the whole backward pass.');
  }
  range.max = String(S);
  byId('step-first').addEventListener('click', () => { stop(); goTo(0); });
  byId('step-prev').addEventListener('click', () => { stop(); goTo(at - 1); });
  byId('step-next').addEventListener('click', () => { stop(); goTo(at + 1); });
  byId('step-last').addEventListener('click', () => { stop(); goTo(S); });
  byId('step-reset').addEventListener('click', leave);
  playButton.addEventListener('click', play);
  range.addEventListener('input', () => { stop(); goTo(Number(range.value)); });
  if (!S) for (const control of document.querySelectorAll('#stepper button, #stepper input')) control.disabled = true;

  document.documentElement.classList.add('ready');
})();
