import assert from "node:assert/strict";

{{EXAMPLE}}

// ---- checks -------------------------------------------------------------
const after = (ms, value, fail = false) =>
  new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error(value)) : resolve(value)), ms));
const started = [];
const services = {
  product: (id) => { started.push("product"); return after(50, { id, title: "Kettle" }); },
  price: () => { started.push("price"); return after(60, { cents: 3999 }); },
  stock: () => { started.push("stock"); return after(40, 12); },
  reviews: () => { started.push("reviews"); return after(5000, { avg: 4.5 }); },       // too slow
  shipping: () => { started.push("shipping"); return after(30, "HTTP 500", true); },  // fails
  recommendations: () => { started.push("recommendations"); return after(80, ["mug"]); },
};

const t0 = Date.now();
const page = await productPage("p1", services, { budgetMs: 300 });
const took = Date.now() - t0;
assert.equal(started.length, 6);                       // everything started at once
assert.deepEqual(page.product, { id: "p1", title: "Kettle" });
assert.equal(page.stock, 12);
assert.equal(page.reviews, null);
assert.equal(page.shipping, null);
assert.deepEqual(page.recommendations, ["mug"]);
assert.deepEqual(page.degraded.sort(), ["reviews", "shipping"]);
assert.ok(took < 1000, `took ${took} ms; the budget should cap it near 300 ms`);

// a critical failure fails the page
await assert.rejects(
  productPage("p1", { ...services, price: () => after(10, "HTTP 500", true) }, { budgetMs: 300 }),
  /HTTP 500/,
);
console.log("ok");
