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
