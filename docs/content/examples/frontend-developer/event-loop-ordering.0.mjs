// Harness: Node has no requestAnimationFrame, so a frame-like stand-in runs callbacks after
// the timers of the current turn; the log is collected and compared with the stated order.
import assert from 'node:assert/strict';

const log = [];
const realLog = console.log;
console.log = (x) => log.push(x);
globalThis.requestAnimationFrame = (cb) => setTimeout(() => cb(performance.now()), 16);

{{EXAMPLE}}

await new Promise((r) => setTimeout(r, 50));
console.log = realLog;
assert.equal(log.join(' '), 'A F I C E G D B H');
console.log('event-loop-ordering: ok');
