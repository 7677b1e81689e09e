// Harness: a minimal element model (attributes, style, children, remove) and a viewport whose
// scrollTop the test sets; frames run when the test says so. Checks the mounted window at the
// top, in the middle (about 35 rows for a 700 px viewport) and at the end, and the ARIA attributes.
import assert from 'node:assert/strict';

class El {
  constructor(tag) { this.tag = tag; this.attrs = {}; this.style = {}; this.children = []; this.parent = null; this.listeners = {}; }
  setAttribute(k, v) { this.attrs[k] = v; }
  append(child) { child.parent = this; this.children.push(child); }
  remove() { if (this.parent) { this.parent.children = this.parent.children.filter((c) => c !== this); this.parent = null; } }
  addEventListener(t, f) { this.listeners[t] = f; }
  removeEventListener(t) { delete this.listeners[t]; }
}
const viewport = new El('div');
viewport.scrollTop = 0;
viewport.clientHeight = 700;
globalThis.document = { createElement: (t) => new El(t), querySelector: () => viewport };
let frames = [];
globalThis.requestAnimationFrame = (cb) => { frames.push(cb); return frames.length; };
globalThis.cancelAnimationFrame = () => {};
globalThis.ResizeObserver = class { observe() {} disconnect() {} };
const transactions = Array.from({ length: 100000 }, (_, i) => ({ date: '2024-06-01', label: `tx ${i}`, amount: i }));

{{EXAMPLE}}

const content = viewport.children[0];
const rows = () => content.children.map((c) => Number(c.attrs['aria-posinset']) - 1).sort((a, b) => a - b);
const scrollTo = (y) => { viewport.scrollTop = y; viewport.listeners.scroll(); const f = frames; frames = []; f.forEach((cb) => cb()); };

assert.equal(content.style.height, `${100000 * 40}px`);
assert.deepEqual([rows()[0], rows().at(-1)], [0, 26]);                   // 18 visible + 8 overscan below
scrollTo(40000);                                                         // row 1,000 at the top
assert.ok(content.children.length >= 35 && content.children.length <= 36, `${content.children.length} rows`);
assert.deepEqual([rows()[0], rows().at(-1)], [992, 1026]);
const row = content.children.find((c) => c.attrs['aria-posinset'] === '1001');
assert.equal(row.style.transform, 'translateY(40000px)');
assert.equal(row.attrs['aria-setsize'], '100000');
scrollTo(100000 * 40 - 700);                                             // the very end
assert.equal(rows().at(-1), 99999);
console.log('virtualized-long-list: ok');
