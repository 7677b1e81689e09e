// Harness: stubs for the usage lines (40 files, a fake upload endpoint), then the checks the
// answer describes: input order, peak concurrency, first failure stops new calls, abort.
import assert from 'node:assert/strict';

const files = Array.from({ length: 40 }, (_, i) => `file-${i}`);
let inFlight = 0;
let peak = 0;
globalThis.fetch = async (url, { body, signal }) => {
  inFlight += 1;
  peak = Math.max(peak, inFlight);
  await new Promise((r) => setTimeout(r, 1 + (body.length % 3)));
  inFlight -= 1;
  if (signal?.aborted) throw signal.reason;
  return { json: async () => `https://cdn.example/${body}` };
};

{{EXAMPLE}}

assert.equal(urls.length, 40);
assert.equal(urls[7], 'https://cdn.example/file-7');
assert.equal(peak, 4);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The quick test from the answer: results in input order, peak concurrency exactly 2.
{
  let running = 0, max = 0;
  const out = await mapLimit([30, 10, 20, 5, 1], 2, async (ms) => {
    running += 1; max = Math.max(max, running);
    await sleep(ms);
    running -= 1;
    return ms * 2;
  });
  assert.deepEqual(out, [60, 20, 40, 10, 2]);
  assert.equal(max, 2);
}

// The first failure rejects, and no new calls start afterwards.
{
  const started = [];
  await assert.rejects(
    mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await sleep(5);
      if (n === 2) throw new Error('boom');
      return n;
    }),
    /boom/,
  );
  await sleep(30);
  assert.ok(started.length <= 3, `started ${started}`);
}

// Synchronous throws reject instead of escaping; limits are validated; empty input resolves.
await assert.rejects(mapLimit([1], 1, () => { throw new Error('sync'); }), /sync/);
await assert.rejects(mapLimit([1], 0, async () => 1), RangeError);
assert.deepEqual(await mapLimit([], 3, async () => 1), []);

// Aborting rejects with the signal's reason and passes the signal to fn.
{
  const c = new AbortController();
  const p = mapLimit([50, 50, 50], 1, (ms, i, signal) => {
    assert.equal(signal, c.signal);
    return sleep(ms);
  }, { signal: c.signal });
  setTimeout(() => c.abort(new Error('user cancelled')), 10);
  await assert.rejects(p, /user cancelled/);
}
console.log('async-map-with-limit: ok');
