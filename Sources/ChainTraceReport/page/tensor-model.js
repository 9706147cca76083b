// The tensor report page's pure part: no DOM here, so node's test runner loads this file on its own
// (Tests/page/); on the page it runs after model.js and before tensor.js. Every number and label
// arrives written by Swift (the ct-tensor block); this file only orders steps and finds elements.
const ChainTraceTensorModel = (() => {
  'use strict';

  // The stepper's sequence: the tensor steps in the order the backward pass ran, with the expanded
  // op's scalar steps (zoomSteps of them) placed just before its first tensor step, since they compute
  // the same contributions element by element. Entries are {tensor: i} or {scalar: j, tensor: i}.
  function stepSequence(steps, edges, expanded, zoomSteps) {
    const sequence = [];
    let inserted = false;
    steps.forEach((edge, i) => {
      if (!inserted && expanded !== null && edges[edge].consumer === expanded) {
        for (let j = 0; j < zoomSteps; j++) sequence.push({ scalar: j, tensor: i });
        inserted = true;
      }
      sequence.push({ tensor: i });
    });
    return sequence;
  }

  // Which tensor steps are done once the first s entries of the sequence are: a tensor step is done
  // when its own entry is.
  function tensorStepsDone(sequence, s) {
    let done = 0;
    for (let k = 0; k < s && k < sequence.length; k++) if (sequence[k].scalar === undefined) done = sequence[k].tensor + 1;
    return done;
  }

  // A cell of a tensor shown with `columns` columns: its row-major offset.
  const offsetOf = (row, column, columns) => row * columns + column;

  // Numbers as Swift writes them (− for minus) back to numbers, for checks.
  const parse = (text) => Number(String(text).replace(/\u2212/g, '-'));

  // Whether two numbers agree to rounding, relative to the larger.
  const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

  return { stepSequence, tensorStepsDone, offsetOf, parse, close };
})();
