// Unit tests of the tensor report page's pure part (Sources/ChainTraceReport/page/tensor-model.js),
// run with `node --test Tests/page/`. Evaluated as the page evaluates it: a classic script.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const source = fs.readFileSync(path.join(__dirname, '../../Sources/ChainTraceReport/page/tensor-model.js'), 'utf8');
const { stepSequence, tensorStepsDone } = vm.runInNewContext(source + '\nChainTraceTensorModel;');
const plain = (value) => JSON.parse(JSON.stringify(value));

// Three tensor steps: edge 2 (into node 5), then edges 0 and 1 (both into node 4).
const edges = [{ consumer: 4 }, { consumer: 4 }, { consumer: 5 }];
const steps = [2, 0, 1];

test('without an expanded op the sequence is the tensor steps', () => {
  assert.deepEqual(plain(stepSequence(steps, edges, null, 0)), [{ tensor: 0 }, { tensor: 1 }, { tensor: 2 }]);
});

test('an expanded op\u2019s scalar steps come just before its first tensor step, once', () => {
  assert.deepEqual(plain(stepSequence(steps, edges, 4, 2)),
    [{ tensor: 0 }, { scalar: 0, tensor: 1 }, { scalar: 1, tensor: 1 }, { tensor: 1 }, { tensor: 2 }]);
  assert.deepEqual(plain(stepSequence(steps, edges, 5, 1)), [{ scalar: 0, tensor: 0 }, { tensor: 0 }, { tensor: 1 }, { tensor: 2 }]);
});

test('a tensor step is done when its own entry is, not its scalar steps', () => {
  const sequence = stepSequence(steps, edges, 4, 2);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((s) => tensorStepsDone(sequence, s)), [0, 1, 1, 1, 2, 3]);
});
