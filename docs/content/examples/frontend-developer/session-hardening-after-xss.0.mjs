// Harness: mounts the policy in a real Node.js HTTP server on a random port and sends requests
// with arbitrary Origin headers (as a browser on another site, or a form post, would).
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';

{{EXAMPLE}}

const server = createServer((req, res) => {
  if (applySessionPolicy(req, res) === 'handled') return;
  if (req.method === 'POST' && req.url === '/session') res.setHeader('Set-Cookie', sessionCookie('s3cr3t'));
  res.writeHead(200).end('ok');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();
const call = (method, path, headers = {}) => new Promise((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
    res.resume();
    res.on('end', () => resolve(res));
  });
  req.on('error', reject);
  req.end();
});
const APP = 'https://app.example.com';

// Preflight from the app: allowed, with credentials and the custom header.
let res = await call('OPTIONS', '/api/orders', { Origin: APP, 'Access-Control-Request-Method': 'POST' });
assert.equal(res.statusCode, 204);
assert.equal(res.headers['access-control-allow-origin'], APP);
assert.equal(res.headers['access-control-allow-credentials'], 'true');
assert.match(res.headers['access-control-allow-headers'], /X-Requested-By/);
assert.equal(res.headers.vary, 'Origin');

// Preflight from another site: no CORS grant, so the browser blocks the real request.
res = await call('OPTIONS', '/api/orders', { Origin: 'https://evil.example.net' });
assert.equal(res.headers['access-control-allow-origin'], undefined);

// State changes: a sibling subdomain, a form post without the header, and the real app.
assert.equal((await call('POST', '/api/orders', { Origin: 'https://reviews.example.com', 'X-Requested-By': 'app' })).statusCode, 403);
assert.equal((await call('POST', '/api/orders', { Origin: APP })).statusCode, 403);
assert.equal((await call('POST', '/api/orders', { Origin: APP, 'X-Requested-By': 'app' })).statusCode, 200);
assert.equal((await call('GET', '/api/orders', { Origin: 'https://evil.example.net' })).statusCode, 200); // readable only with a CORS grant

// The session cookie: not readable by script, host-only, secure.
res = await call('POST', '/session', { Origin: APP, 'X-Requested-By': 'app' });
const cookie = res.headers['set-cookie'][0];
for (const part of ['__Host-session=s3cr3t', 'Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax']) assert.ok(cookie.includes(part), part);
assert.ok(!/Domain=/i.test(cookie));
server.close();
console.log('session-hardening-after-xss: ok');
