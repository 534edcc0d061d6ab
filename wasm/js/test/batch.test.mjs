// assessBatch: many orders in one call give exactly what the native core gives for each
// (the orderwatch binary, one order per line), refused orders come back as {error} in their
// place, and wrong arguments are errors, not crashes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assessmentCases, cleanup, loadCore, nativeBinary, run } from "../harness.mjs";

/** @type {import("../orderwatch").OrderWatchAPI} */
let ow;
/** @type {string} */
let bin;
before(async () => {
  [ow, bin] = await Promise.all([loadCore(), nativeBinary()]);
});
after(cleanup);

const jsonLines = (/** @type {string} */ out) => out.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));

test("assessBatch: the scenarios and the composed account, one call per clock, equal to native", async (t) => {
  const cases = await assessmentCases();
  /** @type {Map<string, typeof cases>} */
  const byNow = new Map();
  for (const c of cases) byNow.set(c.now, [...(byNow.get(c.now) ?? []), c]);
  let n = 0;
  for (const [now, group] of byNow) {
    const input = group.map((c) => JSON.stringify(c.order)).join("\n") + "\n";
    const native = jsonLines(await run(bin, ["advise", "--json", "--lines", "--now", now], { input }));
    const batch = ow.assessBatch(group.map((c) => c.order), now);
    assert.equal(batch.length, group.length);
    for (let i = 0; i < group.length; i++) {
      assert.deepStrictEqual(batch[i], native[i], `${group[i].name} differs (assessBatch vs native)`);
      assert.deepStrictEqual(batch[i], ow.assess(group[i].order, now), `${group[i].name} differs (assessBatch vs assess)`);
    }
    n += group.length;
  }
  t.diagnostic(`${n} orders over ${byNow.size} clocks`);
});

// A long batch crosses in parts both ways (the orders stringified a few at a time, the answer
// cut into JSON arrays of some answers each, which the loader joins): order for order the same
// as native, refused and non-order elements in their places.
test("assessBatch: a long batch, in parts both ways, equal to native order for order", async () => {
  const now = "2026-03-20T12:00:00Z";
  const cases = await assessmentCases();
  /** @type {any[]} */
  const orders = [];
  for (let k = 0; k < 4; k++) orders.push(...cases.map((c) => c.order));
  const input = orders.map((o) => JSON.stringify(o)).join("\n") + "\n";
  const native = jsonLines(await run(bin, ["advise", "--json", "--lines", "--now", now], { input }));
  assert.equal(native.length, orders.length);
  // Refused elements at the start, in the middle (a later part) and at the end; a hole and
  // undefined are null in JSON.stringify's array, so refused as a missing order_id.
  const bad = { store: "no id" };
  const mixed = /** @type {any[]} */ ([bad, ...orders.slice(0, 150), undefined, bad, ...orders.slice(150), bad]);
  mixed.length += 1; // a hole at the end
  const got = ow.assessBatch(mixed, now);
  assert.ok(JSON.stringify(got).length > 200_000, "the answer is long enough to cross in several parts");
  assert.equal(got.length, orders.length + 5);
  const refused = [0, 151, 152, orders.length + 3, orders.length + 4];
  const missingID = (() => {
    try {
      ow.assess(bad, now);
    } catch (e) {
      return /** @type {Error} */ (e).message;
    }
    throw new Error("an order without an id was assessed");
  })();
  let k = 0;
  for (let i = 0; i < got.length; i++) {
    if (refused.includes(i)) {
      assert.ok(missingID.endsWith(got[i].error), `element ${i}: ${JSON.stringify(got[i])}`);
      continue;
    }
    assert.deepStrictEqual(got[i], native[k], `element ${i} (order ${k}) differs from native`);
    k++;
  }
});

test("assessBatch: a refused order is an {error} in its place; the others are judged", () => {
  const now = "2026-03-20T09:30:00Z";
  const good = { order_id: "8214937669763641", status_text: "Awaiting delivery" };
  const out = ow.assessBatch([good, { store: "no id" }, good], now);
  assert.equal(out.length, 3);
  assert.deepStrictEqual(out[0], ow.assess(good, now));
  assert.deepStrictEqual(out[2], out[0]);
  assert.ok("error" in out[1] && /order_id/.test(out[1].error), JSON.stringify(out[1]));
  assert.throws(() => ow.assess({ store: "no id" }, now), (err) => err instanceof Error && err.message.endsWith(/** @type {{error: string}} */ (out[1]).error));
});

test("assessBatch: wrong arguments are errors", () => {
  assert.throws(() => ow.assessBatch(), /^Error: OrderWatch\.assessBatch: expects 1 to 3 arguments/);
  assert.throws(() => ow.assessBatch(/** @type {any} */ ({ order_id: "8214937669763641" })), /orders must be an array/);
  assert.throws(() => ow.assessBatch([], "tomorrow"), /now must be an RFC 3339 time/);
  assert.deepStrictEqual(ow.assessBatch([], "2026-03-20T09:30:00Z"), []);
});
