// Harness: run the spinning snippet in a worker next to a zero-delay timer. If the claim holds,
// the timer never fires, because the microtask queue never empties; the worker is then
// terminated from outside.
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';

const source = `
const { parentPort } = require('node:worker_threads');
setTimeout(() => parentPort.postMessage('timer ran'), 0);
parentPort.postMessage('started');
{{EXAMPLE}}
`;
const worker = new Worker(source, { eval: true });
const messages = [];
worker.on('message', (m) => messages.push(m));
await new Promise((r) => setTimeout(r, 300));
await worker.terminate();
assert.deepEqual(messages, ['started']);
console.log('event-loop-ordering (microtask starvation): ok');
