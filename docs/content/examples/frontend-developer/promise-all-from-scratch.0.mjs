// Harness: compares promiseAll and allSettled with the built-ins on the cases the answer
// lists, and checks that loadPage aborts the other requests after the first failure.
import assert from 'node:assert/strict';

const sleep = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(v) : res(v)), ms));
const aborted = [];
globalThis.fetch = (url, { signal }) => new Promise((resolve, reject) => {
  const delay = url.includes('slow') ? 50 : 5;
  let settled = false;
  const t = setTimeout(() => { settled = true; resolve({ ok: !url.includes('bad'), status: url.includes('bad') ? 500 : 200,
                                                         json: async () => ({ url }) }); }, delay);
  signal.addEventListener('abort', () => { if (settled) return; clearTimeout(t); aborted.push(url); reject(signal.reason); });
});

{{EXAMPLE}}

const thenable = { then(res) { res('from thenable'); } };
const cases = [
  () => [sleep(30, 'a'), 2, sleep(5, 'c'), thenable],
  () => [],
  () => new Set([1, sleep(1, 2)]),
];
for (const make of cases) {
  assert.deepEqual(await promiseAll(make()), await Promise.all(make()));
  assert.deepEqual(await allSettled(make()), await Promise.allSettled(make()));
}
const failing = () => [sleep(30, 'late error', true), sleep(5, 'first error', true), sleep(1, 'ok')];
await assert.rejects(promiseAll(failing()), (e) => e === 'first error');
assert.deepEqual(await allSettled(failing()), await Promise.allSettled(failing()));
function* throwing() { yield 1; throw new Error('iterator broke'); }
await assert.rejects(promiseAll(throwing()), /iterator broke/);

await assert.rejects(loadPage(['/api/slow-a', '/api/bad', '/api/slow-b']), /bad: HTTP 500/);
assert.deepEqual(aborted.sort(), ['/api/slow-a', '/api/slow-b']);
assert.deepEqual(await loadPage(['/api/x', '/api/y']), [{ url: '/api/x' }, { url: '/api/y' }]);
console.log('promise-all-from-scratch: ok');
