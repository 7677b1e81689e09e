// Harness: a fake clock for setTimeout and Date.now. Calls every 10 ms from 0 to 250 with a
// wait of 100 must run at 0, 100, 200 and 300 with the arguments of 0, 90, 190 and 250.
import assert from 'node:assert/strict';

let now = 0;
let timers = [];
let nextId = 1;
Date.now = () => now;
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

{{EXAMPLE}}

const runs = [];
const t = throttle(function (x) { runs.push([now, x, this.id]); }, 100);
for (let time = 0; time <= 250; time += 10) { advance(time); t.call({ id: 'tracker' }, time); }
advance(1000);
assert.deepEqual(runs.map(([at, x]) => [at, x]), [[0, 0], [100, 90], [200, 190], [300, 250]]);
assert.ok(runs.every(([, , self]) => self === 'tracker'));
for (let i = 1; i < runs.length; i++) assert.ok(runs[i][0] - runs[i - 1][0] >= 100);

// After a quiet period the next call runs at once again; cancel drops a pending call.
advance(2000); t.call({ id: 'tracker' }, 'a'); t.call({ id: 'tracker' }, 'b'); t.cancel(); advance(3000);
assert.deepEqual(runs.slice(4).map(([at, x]) => [at, x]), [[2000, 'a']]);
console.log('throttle-scroll-analytics: ok');
