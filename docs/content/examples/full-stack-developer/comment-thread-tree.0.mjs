import assert from "node:assert/strict";

{{EXAMPLE}}

// ---- checks -------------------------------------------------------------
const c = (id, parentId, minute) => ({
  id, parentId, author: "u" + id, body: "b" + id,
  createdAt: `2024-05-01T10:${String(minute).padStart(2, "0")}:00Z`,
});
const input = [
  c("a", null, 1),
  c("b", null, 5),          // newer top-level comment
  c("a1", "a", 2),
  c("a2", "a", 3),
  c("a1x", "a1", 4),        // depth 3
  c("a1xy", "a1x", 6),      // depth 4: shown at depth 3, under a1
  c("a1xyz", "a1xy", 7),    // depth 5: also under a1, after a1xy
  c("orphan", "deleted", 8) // parent was deleted
];
const frozen = JSON.stringify(input);
const tree = buildThread(input);

assert.deepEqual(tree.map((n) => n.id), ["orphan", "b", "a"]);          // newest first
const a = tree[2];
assert.deepEqual(a.replies.map((n) => n.id), ["a1", "a2"]);              // oldest first
assert.deepEqual(a.replies[0].replies.map((n) => n.id), ["a1x", "a1xy", "a1xyz"]);
assert.deepEqual(a.replies[0].replies[0].replies, []);                   // nothing below depth 3
assert.equal(JSON.stringify(input), frozen);                             // input untouched
assert.deepEqual(buildThread([]), []);

// equal timestamps are ordered by id; a cycle in bad data does not hang
const tie = buildThread([c("y", null, 1), c("x", null, 1)]);
assert.deepEqual(tie.map((n) => n.id), ["y", "x"]);
const cyc = buildThread([c("p", "q", 1), c("q", "p", 2)]);
assert.equal(Array.isArray(cyc), true);

// 2,000 comments in a long chain stay fast
const many = [c("0", null, 0)];
for (let i = 1; i < 2000; i++) many.push({ ...c(String(i), String(i - 1), 0), createdAt: `2024-05-01T10:00:${String(i).padStart(4, "0")}` });
const t0 = performance.now();
const deep = buildThread(many);
assert.equal(deep.length, 1);
assert.ok(performance.now() - t0 < 2000);
console.log("ok");
