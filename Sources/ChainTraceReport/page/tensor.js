(() => {
  'use strict';
  const byId = (id) => document.getElementById(id);
  const data = JSON.parse(byId('ct-tensor').textContent);
  const { nodes, edges, steps } = data;
  const N = nodes.length, E = edges.length;
  const { stepSequence, tensorStepsDone } = ChainTraceTensorModel;
  const SVGNS = 'http://www.w3.org/2000/svg';

  const { h } = ChainTraceDOM;
  const live = byId('live');
  const announce = (text) => { live.textContent = text; };
  const nodeLabel = (n) => nodes[n].name + ' = ' + nodes[n].op + ' ' + nodes[n].value.shape;

  // ---- The tensor diagram's elements ----
  const figure = document.querySelector('figure.diagram');
  const nodeEls = new Array(N), edgeEls = new Array(E);
  for (const g of figure.querySelectorAll('g[id]')) {
    const match = /^t-([ne])(\d+)$/.exec(g.id);
    if (!match) continue;
    const id = Number(match[2]);
    const node = match[1] === 'n';
    if (node ? id >= N : id >= E) continue;
    (node ? nodeEls : edgeEls)[id] = g;
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', node ? nodeLabel(id) : nodes[edges[id].operand].name + ' → ' + nodes[edges[id].consumer].name + ': ' + edges[id].rule);
    g.addEventListener('click', () => select(node ? 'node' : 'edge', id));
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(node ? 'node' : 'edge', id); }
    });
  }
  // The diagram opens fitted to its viewport (the view box is the whole diagram); the toolbar, the
  // wheel, drags and keys zoom and pan it, as on the scalar report.
  const diagram = { svg: figure.querySelector('svg'), box: null, home: null };
  if (diagram.svg) {
    diagram.home = ChainTraceDOM.homeBox(diagram.svg);
    diagram.box = diagram.home && { ...diagram.home };
  }
  const { reveal } = ChainTraceDOM.zoomable(byId('viewport'), () => diagram, announce);
  function mark(kind, id, cls, on) {
    const el = (kind === 'node' ? nodeEls : edgeEls)[id];
    if (el) el.classList.toggle(cls, on);
  }

  // ---- A tensor as numbers: a little matrix, or a summary and a heatmap ----
  // `element`, when given, is called with the offset of a clicked cell (a node's value or gradient).
  function tensorView(view, caption, element) {
    const box = h('div', { class: 'tensor' }, h('span', { class: 'caption' }, caption + ' ', h('span', { class: 'shape' }, view.shape)));
    if (view.cells) {
      const table = h('table', { class: 'matrix' });
      for (let start = 0; start < view.cells.length; start += Math.max(view.columns, 1)) {
        const row = h('tr');
        for (let k = start; k < Math.min(start + view.columns, view.cells.length); k++) {
          const text = view.cells[k];
          row.append(h('td', null, element ? h('button', { type: 'button', class: 'cell num', 'data-offset': String(k), onclick: () => element(k) }, text)
            : h('span', { class: 'num' }, text)));
        }
        table.append(row);
      }
      box.append(table);
    } else {
      box.append(h('p', { class: 'summary-line' }, view.summary));
      if (view.heat) box.append(heatmap(view.heat, element && view.heat.elements ? element : null));
    }
    return box;
  }
  // A heatmap as SVG rectangles filled with Swift's colours (attributes, so the CSP allows them).
  function heatmap(heat, element, label) {
    const size = Math.max(4, Math.min(18, Math.floor(260 / Math.max(heat.columns, heat.rows))));
    const svg = document.createElementNS(SVGNS, 'svg');
    svg.setAttribute('class', 'heatmap');
    svg.setAttribute('width', String(heat.columns * size));
    svg.setAttribute('height', String(heat.rows * size));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', (label || 'heatmap') + ', ' + heat.rows + ' × ' + heat.columns + ' cells');
    heat.colors.forEach((color, k) => {
      const rect = document.createElementNS(SVGNS, 'rect');
      rect.setAttribute('x', String((k % heat.columns) * size));
      rect.setAttribute('y', String(Math.floor(k / heat.columns) * size));
      rect.setAttribute('width', String(size));
      rect.setAttribute('height', String(size));
      rect.setAttribute('fill', color);
      rect.setAttribute('data-offset', String(k));
      if (element) {
        rect.setAttribute('class', 'cell');
        rect.addEventListener('click', () => element(k));
      }
      svg.append(rect);
    });
    return svg;
  }
  const nodeButton = (n) => h('button', { type: 'button', class: 'link', onclick: () => select('node', n) }, nodes[n].name);
  const edgeButton = (e, text) => h('button', { type: 'button', class: 'link', onclick: () => select('edge', e) }, text);

  // ---- Selection and the details panel ----
  const details = byId('details-body');
  let selection = null;
  function select(kind, id) {
    if (selection) mark(selection.kind, selection.id, 'selected', false);
    selection = { kind, id };
    mark(kind, id, 'selected', true);
    details.replaceChildren(kind === 'node' ? nodePanel(id) : edgePanel(id));
    announce('Selected ' + (kind === 'node' ? nodeLabel(id) : 'edge ' + nodes[edges[id].operand].name + ' → ' + nodes[edges[id].consumer].name));
  }
  function expandButton(n) {
    if (nodes[n].expansion) {
      return h('button', { type: 'button', class: 'expand', 'data-node': String(n), onclick: () => expand(n) }, 'Expand ' + nodes[n].name + ' into its scalar graph');
    }
    return h('p', { class: 'note' }, nodes[n].reached
      ? 'This op\u2019s scalar graph is too large to draw here; `chaintrace render --scalar` draws the whole scalar trace.'
      : 'The output does not depend on this op.');
  }
  function nodePanel(n) {
    const node = nodes[n];
    const panel = h('div', { class: 'panel', 'data-node': String(n) }, h('h3', { class: 'title' }, nodeLabel(n)));
    panel.append(tensorView(node.value, 'Value', (k) => showElement(n, k)));
    panel.append(tensorView(node.gradient, 'Gradient ' + node.gradientSymbol, (k) => showElement(n, k)));
    const operands = edges.map((edge, e) => e).filter((e) => edges[e].consumer === n);
    if (operands.length) {
      panel.append(h('h4', null, 'Its rules (one per operand)'));
      const list = h('ul', { class: 'rules' });
      for (const e of operands) list.append(h('li', null, edgeButton(e, nodes[edges[e].operand].name), ': ' + edges[e].rule + ' (' + edges[e].shapes + ')'));
      panel.append(list);
      panel.append(expandButton(n));
    }
    return panel;
  }
  function edgePanel(e) {
    const edge = edges[e];
    const panel = h('div', { class: 'panel', 'data-edge': String(e) });
    panel.append(h('h3', { class: 'title' }, nodes[edge.operand].name + ' → ' + nodes[edge.consumer].name));
    panel.append(h('p', null, 'Operand ', nodeButton(edge.operand), ' of ', nodeButton(edge.consumer), ' (' + nodes[edge.consumer].op + ').'));
    panel.append(h('h4', null, 'Rule'));
    panel.append(h('p', { class: 'rule' }, edge.rule));
    panel.append(h('p', null, 'Shapes: ' + edge.shapes + '. Local Jacobian ' + edge.symbol + ', ' + edge.jacobianShape + ', ' + edge.kind + '.'));
    panel.append(h('h4', null, 'The product on this edge'));
    panel.append(tensorView(edge.upstream, 'Upstream Ḡ = ' + nodes[edge.consumer].gradientSymbol));
    if (edge.contribution) panel.append(h('div', { class: 'contribution' }, tensorView(edge.contribution, 'Contribution to ' + nodes[edge.operand].name)));
    else panel.append(h('p', null, 'Not computed: the output does not depend on ' + nodes[edge.consumer].name + '.'));
    panel.append(h('h4', null, 'Local Jacobian ∂' + nodes[edge.consumer].name + '/∂' + nodes[edge.operand].name + ' ' + edge.jacobianShape));
    panel.append(edge.jacobian ? heatmap(edge.jacobian, null, 'local Jacobian')
      : h('p', { class: 'note' }, 'Not written out: it would have more than 4,096 entries. Its structure: ' + edge.kind + '.'));
    panel.append(expandButton(edge.consumer));
    return panel;
  }

  // ---- One element's chain rule: its scalar paths to the output ----
  const elementBody = byId('element-body');
  function showElement(n, k) {
    const lists = nodes[n].elements;
    const list = lists && lists[k];
    if (!list) {
      elementBody.replaceChildren(h('p', null, 'No scalar paths are listed for ' + nodes[n].name + ': ' +
        (lists ? 'no such element.' : 'its elements are another tensor\u2019s, or the scalar expansion is too large (see the notes).')));
      return;
    }
    const items = h('ol', { class: 'element-paths' });
    for (const path of list.paths) {
      items.append(h('li', null, h('span', { class: 'route' }, path.route), h('span', { class: 'factors' }, path.factors + ' = ', h('strong', { class: 'num product' }, path.productText))));
    }
    const count = list.count === '1' ? '1 path' : list.count + ' paths';
    const equal = list.complete && ChainTraceModel.sumMatches(list.paths.map((path) => path.product), list.gradient);
    elementBody.replaceChildren(
      h('h3', { class: 'title' }, list.name),
      h('p', null, list.name + ' reaches the output along ' + count + ' in the scalar expansion' + (list.complete ? '.' : '; listed: the top ' + list.paths.length + ' by |product|.')),
      items,
      h('p', { class: equal ? 'check ok' : 'check' }, 'Sum of the products: ', h('span', { class: 'num path-sum' }, list.sum),
        list.complete ? (equal ? ' = ' : ' ≠ ') : ' (listed paths only); ', nodes[n].gradientSymbol + '[' + k + '] = ', h('span', { class: 'num element-gradient' }, list.gradientText),
        list.complete ? (equal ? ' — equal: the element\u2019s gradient is the sum over its paths.' : ' — not equal.') : ''));
    announce('Element ' + list.name + ': ' + count + ', sum ' + list.sum + ', gradient ' + list.gradientText);
  }

  // ---- Expanding an op into its scalar graph ----
  const expansionCard = byId('expansion');
  const zoomViewport = byId('zoom-viewport');
  const zooms = new Map(data.expansions.map((zoom) => [zoom.node, zoom]));
  let expanded = null, zoomEdgeEls = [], zoomNodeEls = [];
  // The scalar graph can have hundreds of nodes: it zooms and pans like the tensor diagram, with its own buttons.
  const zoomDiagram = { svg: null, box: null, home: null };
  const zoomControl = ChainTraceDOM.zoomable(zoomViewport, () => zoomDiagram, announce, 'expansion-');
  function expand(n) {
    const zoom = zooms.get(n), source = byId('ct-zoom-' + n);
    if (!zoom || !source) return;
    const parsed = new DOMParser().parseFromString(JSON.parse(source.textContent), 'image/svg+xml');
    const root = parsed.documentElement;
    if (!root || root.localName !== 'svg' || parsed.querySelector('parsererror')) return;
    const svg = document.importNode(root, true);
    const natural = { w: svg.width.baseVal.value, h: svg.height.baseVal.value };
    zoomDiagram.svg = svg;
    zoomDiagram.home = ChainTraceDOM.homeBox(svg);
    zoomDiagram.box = zoomDiagram.home && { ...zoomDiagram.home };
    const figureEl = h('figure', { class: 'diagram zoom', 'data-node': String(n) });
    figureEl.append(svg);
    zoomViewport.replaceChildren(figureEl);
    zoomEdgeEls = [];
    zoomNodeEls = [];
    const pattern = new RegExp('^z' + n + '-([ne])(\\d+)$');
    for (const g of svg.querySelectorAll('g[id]')) {
      const match = pattern.exec(g.id);
      if (match) (match[1] === 'n' ? zoomNodeEls : zoomEdgeEls)[Number(match[2])] = g;
    }
    byId('expansion-h').textContent = 'Scalar graph of ' + nodes[n].name + ' = ' + nodes[n].op;
    byId('expansion-intro').textContent = 'The op ' + nodes[n].name + ' alone, recorded as scalars and seeded with its upstream Ḡ = ' +
      nodes[n].gradientSymbol + ': its output ' + zoom.seed + ' makes each operand element\u2019s scalar gradient the contribution the tensor edge sends it. ' +
      'Each edge shows upstream × local partial = contribution.';
    const sums = byId('expansion-sums');
    sums.replaceChildren();
    for (const operand of zoom.operands) {
      const edgeText = operand.edges.map((e) => 'edge ' + nodes[edges[e].operand].name + ' → ' + nodes[n].name).join(' and ');
      sums.append(h('p', null, 'To ', nodeButton(operand.node), ' (' + edgeText + (operand.edges.length > 1 ? ', summed' : '') + '):'));
      const table = h('table', { class: 'sums', 'data-operand': String(operand.node) },
        h('thead', null, h('tr', null, h('th', null, 'element'), h('th', null, 'scalar contributions'), h('th', null, 'sum'), h('th', null, 'tensor contribution'))));
      const body = h('tbody');
      for (const element of operand.elements) {
        body.append(h('tr', { class: element.equal ? 'ok' : 'differs' }, h('th', null, element.name), h('td', { class: 'num terms' }, element.terms),
          h('td', { class: 'num scalar-sum' }, element.sum), h('td', { class: 'num tensor-contribution' }, (element.equal ? '= ' : '≠ ') + element.tensor)));
      }
      table.append(body);
      sums.append(table);
    }
    if (expanded !== null && expanded !== n) mark('node', expanded, 'expanded', false);
    expanded = n;
    mark('node', n, 'expanded', true);
    expansionCard.hidden = false;
    // As tall as the graph drawn at its own size (or fitted to the width), at least 240 px or its size, at
    // most 70% of the window: a small graph opens at its size, a large one fitted, to zoom into.
    const fitted = natural.h * Math.min(1, zoomViewport.clientWidth / Math.max(natural.w, 1));
    zoomViewport.style.height = Math.round(Math.min(Math.max(fitted, Math.min(natural.h, 240)), 0.7 * innerHeight)) + 'px';
    resequence();
    expansionCard.scrollIntoView({ block: 'nearest' });
    announce('Expanded ' + nodes[n].name + ' into its scalar graph.');
  }
  function collapse() {
    if (expanded === null) return;
    mark('node', expanded, 'expanded', false);
    expanded = null;
    zoomEdgeEls = [];
    zoomNodeEls = [];
    zoomDiagram.svg = zoomDiagram.box = zoomDiagram.home = null;
    zoomViewport.replaceChildren();
    expansionCard.hidden = true;
    resequence();
    announce('Collapsed back to the tensor op.');
  }
  byId('collapse').addEventListener('click', collapse);

  // ---- Backward stepper: tensor ops, and inside an expanded op its scalar steps ----
  const status = byId('step-status');
  const stepDetail = byId('step-detail');
  let sequence = stepSequence(steps, edges, null, 0);
  let at = 0, stepping = false;
  function resequence() {
    const zoom = expanded === null ? null : zooms.get(expanded);
    sequence = stepSequence(steps, edges, expanded, zoom ? zoom.steps.length : 0);
    if (stepping) goTo(Math.min(at, sequence.length));
  }
  function paint(s) {
    const done = tensorStepsDone(sequence, s);
    const known = new Set([data.output]);
    steps.forEach((e, i) => {
      mark('edge', e, 'done', stepping && i < done);
      mark('edge', e, 'current', stepping && i === done - 1 && sequence[s - 1] && sequence[s - 1].scalar === undefined);
      if (i < done) known.add(edges[e].operand);
    });
    for (let n = 0; n < N; n++) mark('node', n, 'known', stepping && known.has(n));
    figure.classList.toggle('stepping', stepping);
    const zoom = expanded === null ? null : zooms.get(expanded);
    if (zoom) {
      const inZoom = sequence.slice(0, s).filter((entry) => entry.scalar !== undefined).length;
      const zoomDone = sequence.slice(0, s).some((entry) => entry.scalar === undefined && edges[steps[entry.tensor]].consumer === expanded);
      // A scalar node is known once every contribution it receives has arrived.
      const pending = new Map();
      zoom.steps.forEach((step) => pending.set(step.operand, (pending.get(step.operand) || 0) + 1));
      zoom.steps.forEach((step, j) => {
        const done = j < inZoom || zoomDone;
        if (done) pending.set(step.operand, pending.get(step.operand) - 1);
        const el = zoomEdgeEls[step.edge];
        if (!el) return;
        el.classList.toggle('done', stepping && done);
        const current = stepping && j === inZoom - 1 && !zoomDone && sequence[s - 1] && sequence[s - 1].scalar === j;
        el.classList.toggle('current', current);
        // The current edge's label (upstream × local partial = contribution) is brought into view at a readable size.
        if (current) { zoomControl.reveal(el.querySelector('text') || el, 16); el.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
      });
      zoomNodeEls.forEach((el, node) => {
        if (el) el.classList.toggle('known', stepping && (node === zoom.output || pending.get(node) === 0));
      });
      const zoomFigure = zoomViewport.querySelector('figure');
      if (zoomFigure) zoomFigure.classList.toggle('stepping', stepping);
    }
  }
  function goTo(s) {
    audit.clear();
    stepping = true;
    at = Math.max(0, Math.min(sequence.length, s));
    paint(at);
    status.textContent = 'Step ' + at + ' of ' + sequence.length;
    const parts = [];
    if (at === 0) {
      parts.push(h('p', null, 'Before the first step only the output\u2019s gradient is known: ' + nodes[data.output].gradientSymbol + ' = 1. Press Next.'));
    } else {
      const entry = sequence[at - 1];
      if (entry.scalar !== undefined) {
        const zoom = zooms.get(expanded);
        parts.push(h('p', { class: 'scalar-step' }, 'Inside ' + nodes[expanded].name + ', scalar step ' + (entry.scalar + 1) + ' of ' + zoom.steps.length + ': ' + zoom.steps[entry.scalar].text + '.'));
      } else {
        const e = steps[entry.tensor], edge = edges[e];
        parts.push(h('p', { class: 'tensor-step' }, 'At ', nodeButton(edge.consumer), ' (' + nodes[edge.consumer].op + '): ' + edge.rule +
          ' applied to the upstream Ḡ = ' + nodes[edge.consumer].gradientSymbol + ' (' + edge.shapes + ') gives the contribution to ',
          nodeButton(edge.operand), '.'));
        if (edge.contribution) parts.push(tensorView(edge.contribution, 'Contribution'));
        const arrivals = steps.filter((other) => edges[other].operand === edge.operand);
        if (arrivals.length > 1) {
          const got = arrivals.filter((other) => steps.indexOf(other) <= entry.tensor).length;
          parts.push(h('p', { class: 'branch' }, h('strong', null, 'Branch point: '), nodes[edge.operand].name + ' has received ' + got + ' of ' + arrivals.length + ' contributions.'));
        }
      }
    }
    stepDetail.replaceChildren(...parts);
    announce('Step ' + at + ' of ' + sequence.length + '. ' + (stepDetail.firstChild ? stepDetail.firstChild.textContent : ''));
  }
  function leave() {
    stepping = false;
    at = 0;
    paint(0);
    status.textContent = 'Not stepping';
    stepDetail.replaceChildren(h('p', null, 'Step through the backward pass op by op; inside an expanded op, scalar step by scalar step.'));
  }
  byId('step-first').addEventListener('click', () => goTo(0));
  byId('step-prev').addEventListener('click', () => goTo(at - 1));
  byId('step-next').addEventListener('click', () => goTo(at + 1));
  byId('step-last').addEventListener('click', () => goTo(sequence.length));
  byId('step-reset').addEventListener('click', leave);

  // ---- Audit: each hand-written line highlights the gradient it computes and the local Jacobians it multiplies ----
  // The same classes as the scalar page; the stepper clears the highlight (audit.clear).
  const audit = ChainTraceDOM.auditList({
    lines: data.audit || [], mark, ends: (e) => [edges[e].operand, edges[e].consumer], figures: [figure],
    element: (n) => nodeEls[n], name: (n) => nodes[n].name, label: nodeLabel, factor: 'local Jacobian',
    leaveOthers: () => { if (stepping) leave(); }, reveal, announce,
  });

  // ---- The layer chain: ∂J/∂W as a product of local Jacobians, one picture per factor ----
  const chainInput = byId('chain-input');
  const chainBody = byId('chain-body');
  const chains = new Map(data.chains.map((chain) => [chain.node, chain]));
  for (const chain of data.chains) chainInput.append(h('option', { value: String(chain.node) }, nodes[chain.node].name + ' ' + nodes[chain.node].value.shape));
  function showChain(n) {
    const chain = chains.get(n);
    if (!chain) return;
    const out = nodes[data.output].name;
    const parts = [h('p', null, nodes[n].name + ' reaches ' + out + ' along ' + (chain.count === 1 ? '1 path' : chain.count + ' paths') +
      ' of tensor ops; each path is a product of local Jacobians (rows: the consumer\u2019s elements, columns: the operand\u2019s), and the paths add up to ' +
      nodes[n].gradientSymbol + '.' + (chain.paths.length < chain.count ? ' Listed: the first ' + chain.paths.length + '.' : ''))];
    chain.paths.forEach((path, p) => {
      const row = h('div', { class: 'chain-row', 'data-path': String(p) }, h('span', { class: 'chain-symbol' }, nodes[n].gradientSymbol + ' ='));
      path.forEach((e, i) => {
        const edge = edges[e];
        if (i > 0) row.append(h('span', { class: 'times' }, '·'));
        const picture = edge.jacobian ? heatmap(edge.jacobian, null, 'local Jacobian ∂' + nodes[edge.consumer].name + '/∂' + nodes[edge.operand].name)
          : h('span', { class: 'shape-box' }, edge.kind);
        row.append(h('button', { type: 'button', class: 'factor', 'data-edge': String(e), onclick: () => select('edge', e) },
          picture, h('span', { class: 'factor-name' }, '∂' + nodes[edge.consumer].name + '/∂' + nodes[edge.operand].name),
          h('span', { class: 'factor-shape' }, edge.jacobianShape + ' ' + edge.symbol)));
      });
      row.append(h('span', { class: 'times' }, '='), tensorView(chain.products[p], 'this path\u2019s product'));
      parts.push(row);
    });
    chainBody.replaceChildren(...parts);
  }
  chainInput.addEventListener('change', () => showChain(Number(chainInput.value)));
  if (data.chains.length) showChain(data.chains[0].node);
  else chainBody.replaceChildren(h('p', null, 'The output depends on no input.'));

  document.documentElement.classList.add('ready');
})();
