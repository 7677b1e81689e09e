// Harness: a fake clock replaces setTimeout and clearTimeout, so timelines are exact. Checks
// trailing, leading and both edges, `this` and latest arguments, cancel, flush, re-entrancy,
// and the autosave wrapper (flush on hide, cancel on dispose, versions increase).
import assert from 'node:assert/strict';

let now = 0;
let timers = [];
let nextId = 1;
globalThis.setTimeout = (fn, ms) => { const id = nextId++; timers.push({ id, at: now + ms, fn }); return id; };
globalThis.clearTimeout = (id) => { timers = timers.filter((t) => t.id !== id); };
function advance(to) {
  for (;;) {
    timers.sort((a, b) => a.at - b.at || a.id - b.id);
    const t = timers[0];
    if (!t || t.at > to) break;
    timers.shift();
    now = t.at;
    t.fn();
  }
  now = to;
}
const listeners = {};
globalThis.document = {
  visibilityState: 'visible',
  addEventListener: (t, f) => { listeners[t] = f; },
  removeEventListener: (t) => { delete listeners[t]; },
};

{{EXAMPLE}}

function record(options) {
  const calls = [];
  const d = debounce(function (x) { calls.push([now, x, this?.name]); return x; }, 300, options);
  return { d, calls };
}
function burst(d, self) { for (const t of [0, 100, 200]) { advance(t); d.call(self, t); } advance(2000); }

{ now = 0; timers = []; const { d, calls } = record(); burst(d, { name: 'form' });
  assert.deepEqual(calls, [[500, 200, 'form']]); }                 // trailing: once, latest args, this
{ now = 0; timers = []; const { d, calls } = record({ leading: true, trailing: false }); burst(d);
  assert.deepEqual(calls.map((c) => c.slice(0, 2)), [[0, 0]]); }
{ now = 0; timers = []; const { d, calls } = record({ leading: true }); burst(d);
  assert.deepEqual(calls.map((c) => c.slice(0, 2)), [[0, 0], [500, 200]]); }
{ now = 0; timers = []; const { d, calls } = record({ leading: true }); d(1); advance(1000);
  assert.equal(calls.length, 1); }                                 // a single call runs once
{ now = 0; timers = []; const { d, calls } = record(); d(1); d.cancel(); advance(1000);
  assert.equal(calls.length, 0); }
{ now = 0; timers = []; const { d, calls } = record(); d(7); assert.equal(d.flush(), 7);
  advance(1000); assert.equal(calls.length, 1); assert.equal(d.flush(), 7); }
{ now = 0; timers = []; let n = 0;                                  // re-entrant call from fn
  const d = debounce(() => { n += 1; if (n === 1) d(); }, 100);
  d(); advance(1000); assert.equal(n, 2); }

// Autosave: versions increase, hide flushes, dispose cancels.
now = 0; timers = [];
const saves = [];
const autosave = createAutosave((draft, version) => saves.push([now, draft, version]));
autosave.change('H'); advance(400); autosave.change('He'); advance(500);
document.visibilityState = 'hidden'; listeners.visibilitychange();
assert.deepEqual(saves, [[500, 'He', 1]]);                          // flushed at once on hide, not at 1,400
autosave.change('Hel'); advance(2000);
assert.deepEqual(saves.at(-1), [1500, 'Hel', 2]);
autosave.change('Hell'); autosave.dispose(); advance(5000);
assert.equal(saves.length, 2);
assert.equal(listeners.visibilitychange, undefined);
console.log('debounce-autosave: ok');
