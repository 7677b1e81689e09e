import assert from "node:assert/strict";

{{EXAMPLE}}

// ---- checks -------------------------------------------------------------
const events = [];
const log = (e) => events.push(e);

// an old tab sends zip: accepted, normalised, and counted
assert.deepEqual(readAddress({ street: "1 Main St", zip: " 10115 " }, log),
  { status: 200, address: { street: "1 Main St", postalCode: "10115" } });
assert.deepEqual(events, ["address.zip_used"]);

// the new app sends postalCode: accepted, not counted
assert.equal(readAddress({ street: "1 Main St", postalCode: "10115" }, log).status, 200);
assert.equal(events.length, 1);

// both, agreeing: fine; both, disagreeing: a field error, never a silent pick
assert.equal(readAddress({ zip: "10115", postalCode: "10115" }).status, 200);
const conflict = readAddress({ zip: "10115", postalCode: "20095" });
assert.equal(conflict.status, 422);
assert.equal(conflict.error.pointer, "/postalCode");

// missing or blank: a field error
assert.equal(readAddress({ street: "x" }).status, 422);
assert.equal(readAddress({ postalCode: "  " }).status, 422);

// responses keep zip for old tabs that still read it
assert.deepEqual(writeAddress({ street: "1 Main St", postalCode: "10115" }),
  { street: "1 Main St", postalCode: "10115", zip: "10115" });
console.log("ok");
