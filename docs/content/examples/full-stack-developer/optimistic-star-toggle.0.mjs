import assert from "node:assert/strict";

{{EXAMPLE}}

// ---- checks -------------------------------------------------------------
function fakeApi() {
  const calls = [];
  const pending = [];
  const call = (kind) => new Promise((resolve, reject) => {
    calls.push(kind);
    pending.push({ resolve, reject });
  });
  return {
    calls, pending,
    star: () => call("star"),
    unstar: () => call("unstar"),
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

// change of mind while the first request is in flight
{
  const api = fakeApi();
  const frames = [];
  const b = createStarButton({ api, repoId: 1, starred: false, count: 10, render: (s) => frames.push(s) });
  b.click();
  assert.deepEqual(frames.at(-1), { starred: true, count: 11, error: null });
  b.click();
  assert.deepEqual(frames.at(-1), { starred: false, count: 10, error: null });
  assert.deepEqual(api.calls, ["star"]);                 // still one request in flight
  api.pending[0].resolve({ count: 12 });                 // someone else starred too
  await settle();
  assert.deepEqual(api.calls, ["star", "unstar"]);       // the latest wish is sent next
  api.pending[1].resolve({ count: 11 });
  await settle();
  assert.deepEqual(frames.at(-1), { starred: false, count: 11, error: null });
}

// an odd number of rapid clicks ends in a single request
{
  const api = fakeApi();
  const frames = [];
  const b = createStarButton({ api, repoId: 1, starred: false, count: 3, render: (s) => frames.push(s) });
  b.click(); b.click(); b.click();
  api.pending[0].resolve({ count: 4 });
  await settle();
  assert.deepEqual(api.calls, ["star"]);
  assert.deepEqual(frames.at(-1), { starred: true, count: 4, error: null });
}

// failure rolls back to the server's state with a message
{
  const api = fakeApi();
  const frames = [];
  const b = createStarButton({ api, repoId: 1, starred: true, count: 5, render: (s) => frames.push(s) });
  b.click();
  assert.deepEqual(frames.at(-1), { starred: false, count: 4, error: null });
  api.pending[0].reject(new Error("HTTP 503"));
  await settle();
  const last = frames.at(-1);
  assert.equal(last.starred, true);
  assert.equal(last.count, 5);
  assert.match(last.error, /try again/i);
  b.click();                                             // retry works afterwards
  assert.deepEqual(api.calls, ["unstar", "unstar"]);
}
console.log("ok");
