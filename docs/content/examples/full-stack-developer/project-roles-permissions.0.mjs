import assert from "node:assert/strict";

{{EXAMPLE}}

// ---- checks -------------------------------------------------------------
const store = new Map([
  [1, { id: 1, name: "Launch", archived: false, members: [
    { userId: "o", role: "owner" }, { userId: "e", role: "editor" },
    { userId: "v", role: "viewer" }, { userId: "g", role: "guest" } ] }],
  [2, { id: 2, name: "Old", archived: true, members: [{ userId: "o", role: "owner" }] }],
]);
const ok = async () => ({ status: 200 });
const routes = {
  "GET /projects/:id": guard("view", async (req, p) => ({ status: 200, body: projectView(req.user, p) })),
  "POST /projects/:id/comments": guard("comment", ok),
  "PATCH /projects/:id": guard("edit", ok),
  "POST /projects/:id/members": guard("manage_members", ok),
  "GET /projects/:id/export": guard("export", ok),
  "DELETE /projects/:id": guard("delete", ok),
};
const call = (route, userId, projectId) =>
  routes[route]({ user: { id: userId }, params: { projectId }, loadProject: async (id) => store.get(id) });

// every route declares a known action
const known = new Set(Object.values(ROLE_ACTIONS).flat());
for (const [name, route] of Object.entries(routes)) {
  assert.ok(known.has(route.action), `${name} declares no known action`);
}

// the role matrix, checked against the expected table
const expected = {
  o: [200, 200, 200, 200, 200, 200],
  e: [200, 200, 200, 403, 200, 403],
  v: [200, 200, 403, 403, 403, 403],
  g: [200, 200, 200, 403, 403, 403],
  x: [404, 404, 404, 404, 404, 404],   // not a member, e.g. another company's user
};
for (const [userId, statuses] of Object.entries(expected)) {
  const got = [];
  for (const name of Object.keys(routes)) got.push((await call(name, userId, 1)).status);
  assert.deepEqual(got, statuses, `user ${userId}`);
}
// an unknown id looks exactly like someone else's project
assert.equal((await call("GET /projects/:id", "o", 999)).status, 404);

// archived projects are read-only, even for owners
assert.equal((await call("PATCH /projects/:id", "o", 2)).status, 403);
assert.equal((await call("GET /projects/:id/export", "o", 2)).status, 200);

// the UI gets its buttons from the same policy
const res = await call("GET /projects/:id", "g", 1);
assert.deepEqual(res.body.allowedActions, ["view", "comment", "edit"]);
console.log("ok");
