// Harness: stand-ins for IntersectionObserver, elements and visibilitychange. Scrolling past
// the 25% and 50% markers and hiding the page must send one event with maxDepth 50.
import assert from 'node:assert/strict';

let observerCallback;
const observed = [];
globalThis.IntersectionObserver = class {
  constructor(cb) { observerCallback = cb; }
  observe(el) { observed.push(el); }
  disconnect() { this.disconnected = true; }
};
globalThis.document = {
  visibilityState: 'visible',
  listeners: {},
  createElement: () => ({ dataset: {}, style: {} }),
  addEventListener(t, f) { this.listeners[t] = f; },
};
const article = { children: [], append(el) { this.children.push(el); } };
const sent = [];

{{EXAMPLE}}

trackScrollDepth(article, (event) => sent.push(event));
assert.equal(observed.length, 4);
observerCallback(observed.slice(0, 2).map((target) => ({ target, isIntersecting: true })));
observerCallback([{ target: observed[2], isIntersecting: false }]);
document.visibilityState = 'hidden';
document.listeners.visibilitychange();
document.listeners.visibilitychange();          // nothing new: nothing sent twice
assert.deepEqual(sent, [{ maxDepth: 50 }]);
console.log('trackScrollDepth: ok');
