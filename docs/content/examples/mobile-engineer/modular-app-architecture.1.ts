{{EXAMPLE}}

// ---- checks (type-level and value-level; tsc checks them) ---------------
const start: MenuState = { kind: "loading" };
const loaded = reduce(start, { type: "loaded", items: ["pizza", "salad"] });
const added = reduce(loaded, { type: "addedToCart" });
const reloaded = reduce(added, { type: "loaded", items: ["pizza"] });
export const checks: [MenuState, MenuState] = [added, reloaded];
// @ts-expect-error an event the reducer does not know is rejected at compile time
reduce(start, { type: "removedFromCart" });
