// Harness: stand-ins for the service worker global (self, caches, clients, skipWaiting) and a
// network that can go offline. Checks: install caches the offline page, activate deletes older
// builds' caches, navigations are network-first with an offline fallback, hashed assets are
// cache-first, API calls are not intercepted, and SKIP_WAITING reaches skipWaiting().
import assert from 'node:assert/strict';

class FakeCache {
  constructor() { this.entries = new Map(); }
  async put(req, res) { this.entries.set(typeof req === 'string' ? req : req.url, res); }
  async add(url) { this.entries.set(url, await fetch({ url, mode: 'no-cors' })); }
  async match(req) { return this.entries.get(typeof req === 'string' ? req : req.url); }
}
const stores = new Map([['pages-build-2024-05-30.1', new FakeCache()], ['assets-build-2024-05-30.1', new FakeCache()]]);
globalThis.caches = {
  async open(name) { if (!stores.has(name)) stores.set(name, new FakeCache()); return stores.get(name); },
  async keys() { return [...stores.keys()]; },
  async delete(name) { return stores.delete(name); },
  async match(req) { for (const c of stores.values()) { const hit = await c.match(req); if (hit) return hit; } return undefined; },
};
let online = true;
const network = [];
globalThis.fetch = async (req) => {
  const url = typeof req === 'string' ? req : req.url;
  if (!online) throw new TypeError('Failed to fetch');
  network.push(url);
  return new Response(`body of ${url}`, { status: 200 });
};
const handlers = {};
let skipped = false;
let claimed = false;
globalThis.self = {
  addEventListener: (type, fn) => { handlers[type] = fn; },
  skipWaiting: () => { skipped = true; },
  clients: { claim: async () => { claimed = true; } },
};
async function dispatch(type, props = {}) {
  const waits = [];
  let response = null;
  const event = { ...props, waitUntil: (p) => waits.push(p), respondWith: (p) => { response = p; } };
  handlers[type](event);
  await Promise.all(waits);
  return response === null ? null : await response;
}
const page = (url) => ({ url: `https://app.example.com${url}`, mode: 'navigate' });
const asset = (url) => ({ url: `https://app.example.com${url}`, mode: 'no-cors' });

{{EXAMPLE}}

await dispatch('install');
await dispatch('activate');
assert.deepEqual(await caches.keys(), [`pages-${VERSION}`]);                          // old builds gone
assert.ok(claimed);
assert.ok(await caches.match('/offline.html'));

const first = await dispatch('fetch', { request: page('/orders/42') });
assert.equal(await first.text(), 'body of https://app.example.com/orders/42');
online = false;
const offline = await dispatch('fetch', { request: page('/orders/42') });
assert.equal(await offline.text(), 'body of https://app.example.com/orders/42');   // cached copy
const never = await dispatch('fetch', { request: page('/settings') });
assert.equal(await never.text(), 'body of /offline.html');
online = true;

network.length = 0;
await dispatch('fetch', { request: asset('/assets/app.3f9a1c.js') });
await dispatch('fetch', { request: asset('/assets/app.3f9a1c.js') });
assert.deepEqual(network, ['https://app.example.com/assets/app.3f9a1c.js']);         // once
assert.ok((await caches.keys()).includes(`assets-${VERSION}`));

assert.equal(await dispatch('fetch', { request: asset('/api/orders') }), null);      // not intercepted
await dispatch('message', { data: 'SKIP_WAITING' });
assert.ok(skipped);
console.log('deploy-safe-caching: ok');
