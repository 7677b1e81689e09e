import assert from "node:assert/strict";

{{EXAMPLE}}

// ---- checks -------------------------------------------------------------
function memoryStorage() {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
  };
}
let clock = 1_000_000;
const now = () => clock;
const storage = memoryStorage();
let reloads = 0;
const reload = () => { reloads += 1; };

// a chunk that loads fine clears the marker
const ok = lazyWithReload(async () => ({ default: "Settings" }), { storage, reload, now });
assert.deepEqual(await ok(), { default: "Settings" });

// the first failure reloads once; the promise never settles
const missing = lazyWithReload(async () => { throw new Error("Failed to fetch dynamically imported module"); },
  { storage, reload, now });
let settled = false;
missing().then(() => { settled = true; }, () => { settled = true; });
await new Promise((r) => setTimeout(r, 10));
assert.equal(reloads, 1);
assert.equal(settled, false);

// failing again right after the reload shows an error instead of looping
clock += 5_000;
await assert.rejects(missing(), /dynamically imported module/);
assert.equal(reloads, 1);

// much later, a new deploy may reload again
clock += 120_000;
missing();
await new Promise((r) => setTimeout(r, 10));
assert.equal(reloads, 2);

// success after the reload clears the marker
await ok();
assert.equal(storage.getItem("chunk-reload-at"), null);
console.log("ok");
