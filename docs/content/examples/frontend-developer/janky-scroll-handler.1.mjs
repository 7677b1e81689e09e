// Harness: the same layout model, plus stand-ins for IntersectionObserver and
// requestAnimationFrame. Five scroll events inside one frame must schedule one callback, and
// the frame must write transforms without forcing a single layout.
import assert from 'node:assert/strict';

let layoutDirty = false;
let forcedLayouts = 0;
const readGeometry = () => { if (layoutDirty) { forcedLayouts += 1; layoutDirty = false; } };

class Card {
  constructor(i) {
    this._top = 100 + i * 300;
    this.style = { transform: '' };               // transform: compositor only, no layout
    this.classList = { toggle() {} };
  }
  get offsetTop() { readGeometry(); return this._top; }
}
const allCards = Array.from({ length: 200 }, (_, i) => new Card(i));
const listeners = {};
globalThis.window = { scrollY: 0, innerHeight: 800, addEventListener: (t, f) => { listeners[t] = f; } };
globalThis.document = { querySelectorAll: () => allCards };
const observed = [];
globalThis.IntersectionObserver = class { constructor(cb) { this.cb = cb; } observe(el) { observed.push(el); } };
let frames = [];
globalThis.requestAnimationFrame = (cb) => { frames.push(cb); return frames.length; };

{{EXAMPLE}}

assert.equal(observed.length, 200);
window.scrollY = 1000;
for (let k = 0; k < 5; k++) listeners.scroll();
assert.equal(frames.length, 1, 'one frame callback per frame');
const run = frames; frames = [];
run.forEach((cb) => cb());
assert.equal(forcedLayouts, 0);
// Card 3 sits at 1,000 px: top = 0 after scrolling 1,000 px, so it moves down 40 px.
assert.equal(allCards[3].style.transform, 'translateY(40px)');
assert.equal(allCards[0].style.transform, `translateY(${40 - (100 - 1000) / 10}px)`);
listeners.resize();                                // positions refreshed without forced layout
assert.equal(forcedLayouts, 0);
console.log('janky-scroll-handler (after): ok');
