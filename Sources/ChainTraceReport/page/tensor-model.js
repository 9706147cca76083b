// The tensor report page's pure part: no DOM here, so node's test runner loads this file on its own
// (Tests/page/); on the page it runs after model.js and before tensor.js. Every number and label
// arrives written by Swift (the ct-tensor block); this file only orders the stepper's steps.
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

  return { stepSequence, tensorStepsDone };
})();
