// Harness: a tiny layout model. Writing a layout property (marginTop) invalidates layout;
// reading geometry while layout is invalid forces a synchronous layout, which is counted.
import assert from 'node:assert/strict';

let layoutDirty = false;
let forcedLayouts = 0;
const readGeometry = () => { if (layoutDirty) { forcedLayouts += 1; layoutDirty = false; } };

class Card {
  constructor(i) {
    this.top = i * 300;
    const style = {};
    Object.defineProperty(style, 'marginTop', { set(v) { layoutDirty = true; this._m = v; }, get() { return this._m; } });
    this.style = style;
    this.classList = { toggle() {} };
  }
  getBoundingClientRect() { readGeometry(); return { top: this.top - window.scrollY }; }
}
const cards = Array.from({ length: 200 }, (_, i) => new Card(i));
const listeners = {};
globalThis.window = { scrollY: 0, innerHeight: 800, addEventListener: (t, f) => { listeners[t] = f; } };
globalThis.document = { querySelectorAll: () => cards };

{{EXAMPLE}}

listeners.scroll();
// Every card after the first reads geometry right after the previous card's write.
assert.equal(forcedLayouts, 199);
console.log('janky-scroll-handler (before): ok');
