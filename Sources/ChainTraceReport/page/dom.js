// The one DOM helper both report pages build their panels with (report.js and tensor.js); it runs
// before them on the page. h('p', {class: 'note'}, 'text', child) makes an element with attributes,
// a click handler ('onclick') and children, skipping null, undefined and false; text stays text.
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
  return { h };
})();
