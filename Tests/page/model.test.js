// Unit tests of the report page's pure part (Sources/ChainTraceReport/page/model.js), run with
// `node --test Tests/page/`. The file is evaluated as the page evaluates it: a classic script.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const source = fs.readFileSync(path.join(__dirname, '../../Sources/ChainTraceReport/page/model.js'), 'utf8');
const { num, build, zoomed, sumMatches, respaced } = vm.runInNewContext(source + '\nChainTraceModel;');
// Arrays made in the script's context have that context's prototypes: compare plain copies.
const plain = (array) => JSON.parse(JSON.stringify(Array.from(array)));

// `x = 3; y = x * x + x`: x #0 feeds #1 twice and y once, so x is a branch point with three contributions.
// Edges: 0 and 1 (x into #1), 2 (#1 into y), 3 (x into y). Backward steps: 2, 3, 0, 1.
const trace = {
  nodes: [
    { name: 'x', grad: 7, inputs: [] },
    { name: null, grad: 1, inputs: [{ node: 0 }, { node: 0 }] },
    { name: 'y', grad: 1, inputs: [{ node: 1 }, { node: 0 }] },
  ],
  outputs: [2],
  backward: { output: 2, steps: [{ consumer: 2, operand: 0 }, { consumer: 2, operand: 1 }, { consumer: 1, operand: 0 }, { consumer: 1, operand: 1 }] },
};
const report = {
  numbers: {
    value: ['3', '9', '12'], gradient: ['7', '1', '1'], op: ['input', 'mul', 'add'],
    partial: ['3', '3', '1', '1'], contribution: ['3', '3', '1', '1'], term: [' + 3', ' + 3', ' + 1', ' + 1'],
    running: ['1', '1', '4', '7'],
  },
  labels: { node: ['x #0', '#1', 'y #2'], short: ['x', '#1', 'y'], gradient: ['∂y/∂x', '∂y/∂(#1)', '∂y/∂y'], partial: ['∂(#1)/∂x', '∂(#1)/∂x', '∂y/∂(#1)', '∂y/∂x'] },
};

test('the trace becomes flat arrays in tape order', () => {
  const model = build(trace, report);
  assert.equal(model.N, 3);
  assert.equal(model.E, 4);
  assert.deepEqual(plain(model.edgeStart), [0, 0, 2, 4]);
  assert.deepEqual(plain(model.edgeInput), [0, 0, 1, 0]);
  assert.deepEqual(plain(model.edgeConsumer), [1, 1, 2, 2]);
  assert.deepEqual(plain(model.consumersOf), [[0, 1, 3], [2], []]);
  assert.deepEqual(plain(model.steps), [2, 3, 0, 1]);
  assert.deepEqual(plain(model.stepOfEdge), [2, 3, 0, 1]);
  assert.deepEqual(plain(model.arrivals), [[3, 0, 1], [2], []]);
  assert.deepEqual(plain(model.firstArrival), [1, 0, -1]);
  assert.deepEqual(plain(model.lastArrival), [3, 0, -1]);
});

test('labels and symbols are the strings Swift sent', () => {
  const model = build(trace, report);
  assert.equal(model.label(1), '#1');
  assert.equal(model.short(2), 'y');
  assert.equal(model.gradientSymbol(1), '∂y/∂(#1)');
  assert.equal(model.partialSymbol(3), '∂y/∂x');
  assert.equal(model.opText(1), 'mul');
});

test('a branch point shows its partial sum while summing, then the whole sum', () => {
  const model = build(trace, report);
  assert.equal(model.gradientAt(0, 0), 'not known yet');
  assert.equal(model.gradientAt(0, 2), '1 + … = 1');
  assert.equal(model.gradientAt(0, 3), '1 + 3 + … = 4');
  assert.equal(model.gradientAt(0, 4), '1 + 3 + 3 = 7');
  assert.equal(model.gradientAt(1, 0), 'not known yet');
  assert.equal(model.gradientAt(1, 1), '1');
  assert.equal(model.gradientAt(2, 0), '1');
});

test('node states follow the steps', () => {
  const model = build(trace, report);
  assert.deepEqual([0, 1, 2].map((n) => model.nodeState(n, 0)), ['waiting', 'waiting', 'known']);
  assert.deepEqual([0, 1, 2].map((n) => model.nodeState(n, 2)), ['partial', 'known', 'known']);
  assert.deepEqual([0, 1, 2].map((n) => model.nodeState(n, 4)), ['known', 'known', 'known']);
  assert.equal(model.lastStepBefore(0, 3), 2);
  assert.equal(model.lastStepBefore(0, 1), -1);
});

test('a node without a gradient shows a dash; a trace without a backward pass has no steps', () => {
  const forward = { ...trace, backward: undefined, nodes: trace.nodes.map((node) => ({ ...node, grad: null })) };
  const model = build(forward, report);
  assert.equal(model.S, 0);
  assert.equal(model.output, 2);
  assert.equal(model.gradText(0), '—');
  assert.equal(model.gradientAt(0, 0), '—');
  assert.equal(model.nodeState(0, 0), '');
});

test('long lists of names are cut after twelve', () => {
  const many = { nodes: Array.from({ length: 14 }, () => ({ name: null, grad: null, inputs: [] })), outputs: [0] };
  const model = build(many, { numbers: report.numbers, labels: { short: Array.from({ length: 14 }, (_, n) => 'n' + n) } });
  assert.equal(model.names([0, 1]), 'n0, n1');
  assert.equal(model.names(Array.from({ length: 14 }, (_, n) => n)), 'n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, and 2 more');
});

test('NaN and the infinities arrive as strings', () => {
  assert.equal(num('Infinity'), Infinity);
  assert.equal(num('-Infinity'), -Infinity);
  assert.ok(Number.isNaN(num('NaN')));
  assert.equal(num(2.5), 2.5);
});

test('zooming keeps the point under the pointer and stays within bounds', () => {
  const home = { x: 0, y: 0, w: 400, h: 200 };
  const box = zoomed(home, home, 2, { x: 100, y: 50 });
  assert.deepEqual({ ...box }, { x: 50, y: 25, w: 200, h: 100 });
  assert.deepEqual({ ...zoomed(home, home, 2) }, { x: 100, y: 50, w: 200, h: 100 });
  assert.equal(zoomed(home, home, 1e6).w, 1);
  assert.equal(zoomed(home, home, 1e-6).w, 1600);
});

test('path products match the gradient to rounding only', () => {
  assert.equal(sumMatches([0.1, 0.2], 0.30000000000000004), true);
  assert.equal(sumMatches([0.1, 0.2], 0.3), true);
  assert.equal(sumMatches([3, 3, 1], 7), true);
  assert.equal(sumMatches([3, 3], 7), false);
  assert.equal(sumMatches([1e12, 1e4], 1e12), false);
  assert.equal(sumMatches([3, 3, 1], null), false);
});

test('a diagram run keeps its own spaces when the stepper rewrites it', () => {
  assert.equal(respaced(' 3.543', '1.53'), ' 1.53');
  assert.equal(respaced('1.53 + 2.014 =', '1.53 + … = '), '1.53 + … =');
  assert.equal(respaced('1.53 + 2.014 = ', '1.53 + … = '), '1.53 + … = ');
  assert.equal(respaced('3.543', '3.543'), '3.543');
  assert.equal(respaced(' 3.543', ''), '');
});
