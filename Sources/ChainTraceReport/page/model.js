// The report page's pure part: the trace as flat arrays (the same layout as the Swift tape), the
// backward pass as known after some steps, and the diagram's zoom arithmetic. No DOM here, so node's
// test runner loads this file on its own (Tests/page/); on the page it runs first, before report.js.
// Every number and every label arrives written by Swift (report.numbers, report.labels): one format
// for the page, the tables and the diagrams; this file only picks and joins those strings.
const ChainTraceModel = (() => {
  'use strict';
  // Trace JSON writes NaN and the infinities as strings.
  const num = (x) => (typeof x === 'number' ? x : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN);

  // The trace and the report's data as the page reads them.
  function build(trace, report) {
    const nodes = trace.nodes;
    const N = nodes.length;
    const edgeStart = new Int32Array(N + 1);
    const edgeInput = [], edgeConsumer = [];
    const consumersOf = Array.from({ length: N }, () => []);
    for (let n = 0; n < N; n++) {
      edgeStart[n] = edgeInput.length;
      for (const operand of nodes[n].inputs) {
        consumersOf[operand.node].push(edgeInput.length);
        edgeInput.push(operand.node);
        edgeConsumer.push(n);
      }
    }
    const E = edgeInput.length;
    edgeStart[N] = E;
    const backward = trace.backward || null;
    const grad = nodes.map((node) => (node.grad === null ? null : num(node.grad)));
    const output = backward ? backward.output : trace.outputs[0];
    const steps = backward ? backward.steps.map((s) => edgeStart[s.consumer] + s.operand) : [];
    const S = steps.length;
    const stepOfEdge = new Int32Array(E).fill(-1);
    const arrivals = Array.from({ length: N }, () => []);
    steps.forEach((edge, i) => { stepOfEdge[edge] = i; arrivals[edgeInput[edge]].push(edge); });
    const lastArrival = new Int32Array(N).fill(-1), firstArrival = new Int32Array(N).fill(-1);
    steps.forEach((edge, i) => { const n = edgeInput[edge]; if (firstArrival[n] < 0) firstArrival[n] = i; lastArrival[n] = i; });

    const numbers = report.numbers, labels = report.labels;
    const valueText = (n) => numbers.value[n];
    const gradText = (n) => (grad[n] === null ? '—' : numbers.gradient[n]);
    const opText = (n) => numbers.op[n];
    const label = (n) => labels.node[n];
    const short = (n) => labels.short[n];
    // ∂output/∂n, and ∂consumer/∂operand on an edge, as the diagrams write them.
    const gradientSymbol = (n) => labels.gradient[n];
    const partialSymbol = (edge) => labels.partial[edge];
    // A sum of contributions as written: `1.5 − 2.3`; a negative term is subtracted.
    const sumText = (edges) => numbers.contribution[edges[0]] + edges.slice(1).map((edge) => numbers.term[edge]).join('');

    // A gradient as known after s steps: not known before its first contribution, a branch point's
    // partial sum while it is still summing (`3 + … = 3`), then the whole sum (`3 + 2 = 5`).
    function gradientAt(n, s) {
      if (grad[n] === null) return '—';
      if (n === output || arrivals[n].length === 0) return gradText(n);
      const got = arrivals[n].filter((edge) => stepOfEdge[edge] < s);
      if (!got.length) return 'not known yet';
      if (arrivals[n].length === 1) return gradText(n);
      return sumText(got) + (got.length < arrivals[n].length ? ' + …' : '') + ' = ' + numbers.running[stepOfEdge[got[got.length - 1]]];
    }
    // After s steps a node's gradient is known, partly summed, waiting for its first contribution,
    // or never reached ('').
    function nodeState(n, s) {
      if (n === output) return 'known';
      if (firstArrival[n] < 0 || firstArrival[n] >= s) return firstArrival[n] < 0 ? '' : 'waiting';
      return lastArrival[n] < s ? 'known' : 'partial';
    }
    // The last step before s that brought n a contribution, or -1.
    function lastStepBefore(n, s) {
      for (let i = arrivals[n].length - 1; i >= 0; i--) if (stepOfEdge[arrivals[n][i]] < s) return stepOfEdge[arrivals[n][i]];
      return -1;
    }
    // Nodes named in a sentence: the first twelve, then how many more.
    function names(list) {
      return list.length > 12 ? list.slice(0, 12).map(short).join(', ') + ', and ' + (list.length - 12) + ' more' : list.map(short).join(', ');
    }
    return {
      nodes, N, E, edgeStart, edgeInput, edgeConsumer, consumersOf, backward, grad, output, steps, S, stepOfEdge, arrivals,
      firstArrival, lastArrival, numbers, valueText, gradText, opText, label, short, gradientSymbol, partialSymbol,
      gradientAt, nodeState, lastStepBefore, names,
    };
  }

  // The view box after zooming by `factor` about `center` (default: the box's middle), kept between
  // 1/400 of the whole diagram's width and four times it.
  function zoomed(box, home, factor, center) {
    const w = Math.min(Math.max(box.w / factor, home.w / 400), home.w * 4);
    const scale = w / box.w;
    const c = center || { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    return { x: c.x - (c.x - box.x) * scale, y: c.y - (c.y - box.y) * scale, w, h: box.h * scale };
  }

  // Whether the listed paths' products sum to the gradient, to rounding (relative to the largest term).
  function sumMatches(products, gradient) {
    if (gradient === null) return false;
    const sum = products.reduce((total, product) => total + product, 0);
    const tolerance = 1e-9 * Math.max(1, Math.abs(gradient), ...products.map(Math.abs));
    return Math.abs(sum - gradient) <= tolerance;
  }

  // New text for a run a diagram drew, keeping that run's leading and trailing spaces (a run starting
  // with a space is a tspan of the run before it); blank stays blank.
  const respaced = (drawn, text) => (text ? drawn.match(/^\s*/)[0] + text.trim() + drawn.match(/\s*$/)[0] : '');

  return { num, build, zoomed, sumMatches, respaced };
})();
