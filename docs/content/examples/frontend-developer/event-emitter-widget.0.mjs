// Harness: the awkward cases from the answer: removal and addition during emit, a throwing
// listener, once with off, double unsubscribe, re-entrant emit, and the emit return value.
import assert from 'node:assert/strict';

{{EXAMPLE}}

const errors = [];
const e = new Emitter({ onError: (err) => errors.push(err.message) });
const log = [];
const offSelf = e.on('change', () => { log.push('self-removing'); offSelf(); });
e.on('change', () => { log.push('adder'); e.on('change', () => log.push('added later')); });
e.on('change', () => { throw new Error('bad listener'); });
e.on('change', (p) => log.push(`last ${p.index}`));
assert.equal(e.emit('change', { index: 1 }), true);
assert.deepEqual(log, ['self-removing', 'adder', 'last 1']);   // the added listener waits
assert.deepEqual(errors, ['bad listener']);
log.length = 0;
e.emit('change', { index: 2 });
assert.deepEqual(log, ['adder', 'last 2', 'added later']);

const onceLog = [];
const handler = (p) => onceLog.push(p);
e.once('open', handler);
e.off('open', handler);                                       // off works with the original
assert.equal(e.emit('open', 1), false);
e.once('open', handler);
e.emit('open', 1); e.emit('open', 2);
assert.deepEqual(onceLog, [1]);

const unsubscribe = e.on('x', () => {});
unsubscribe(); unsubscribe();                                 // harmless twice
assert.equal(e.emit('x'), false);

let depth = 0;
e.on('ping', () => { depth += 1; if (depth < 3) e.emit('ping'); });
e.emit('ping');
assert.equal(depth, 3);
console.log('event-emitter-widget: ok');
