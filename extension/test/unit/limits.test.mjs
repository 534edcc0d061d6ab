// The order limits in the extension are the core's table (shared/order/limits.go, generated
// into src/shared/limits.gen.ts; the Go test TestLimitsFileIsCurrent fails while that file is
// stale). Here: the message gate (messages.ts) and the copy for the server (sync.ts) clip every
// field of the table to exactly its limit in characters, in any script, and keep the shared
// order with long Cyrillic, Chinese and Hebrew fields whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTogether, root } from "../../scripts/test-lib.mjs";

const { m, s, L, t } = await loadTogether({ m: "shared/messages.ts", s: "shared/sync.ts", L: "shared/limits.gen.ts", t: "shared/text.ts" });
const cps = (v) => [...v].length;
const SCRIPTS = { cyrillic: "Сортировочный центр ", chinese: "国际小包已揽收", hebrew: "החבילה בדרך ", emoji: "📦🚚" };
const runes = (script, n) => [...SCRIPTS[script].repeat(Math.ceil(n / [...SCRIPTS[script]].length) + 1)].slice(0, n).join("");

const base = () => ({
  order_id: "8214937669763641", items: [{ title: "t" }], protection: { days_left: 3 },
  parcels: [{ eta: {}, numbers: [{ number: "LP00123456789012" }], events: [{ text: "accepted", time: "2026-02-23T10:05:00+08:00" }] }],
  buyer: { country: "GB" }, promise: { texts: ["Refund if no delivery"] },
});
// parent follows a table path ("parcels[].events[].location") to the object holding its last
// part, through the first entry of each list; undefined where a copy left something out.
function parent(o, parts) {
  let cur = o;
  for (const p of parts.slice(0, -1)) cur = p.endsWith("[]") ? cur?.[p.slice(0, -2)]?.[0] : cur?.[p];
  return cur;
}
// at reads the field at path, after setting it to make() when make is given.
function at(o, path, make) {
  const parts = path.split(".");
  const cur = parent(o, parts);
  const last = parts.at(-1);
  if (make) {
    if (last.endsWith("[]")) cur[last.slice(0, -2)] = [make()];
    else cur[last] = make();
  }
  return last.endsWith("[]") ? cur?.[last.slice(0, -2)]?.[0] : cur?.[last];
}
// A value the field's own rules accept, of n characters: numbers are ASCII, prices start with a digit.
const valueOf = (path, script, n) => (path.endsWith(".number") ? "A".repeat(n) : path.endsWith("price") || path === "total" ? "1" + runes(script, n - 1) : runes(script, n));
const gate = (o) => m.parseMessage({ type: m.MSG.ordersFound, page: "ok", orders: [o] }, "content").orders[0];
const copies = { "message gate": gate, "copy for the server": (o) => s.forServer(gate(o)) };

test("clip counts characters, never splits a pair, and ends a cut with …", () => {
  assert.equal(t.clip("📦".repeat(5), 5), "📦".repeat(5));
  assert.equal(t.clip("📦".repeat(6), 5), "📦".repeat(4) + "…");
  assert.equal(t.codePoints("a📦ж"), 3);
  assert.equal(t.MAX_TEXT, L.MAX_TEXT);
});

for (const [name, copy] of Object.entries(copies)) {
  test(`${name}: every field of the limits table is cut to exactly its limit in characters`, () => {
    let carried = 0;
    for (const [path, max] of Object.entries(L.FIELD_MAX)) {
      const o = base();
      at(o, path, () => valueOf(path, "cyrillic", 5));
      if (at(copy(o), path) === undefined) continue; // a field this copy does not carry cannot drift
      carried++;
      for (const script of Object.keys(SCRIPTS)) {
        if (path.endsWith(".number") && script !== "cyrillic") continue;
        const exact = base();
        const v = at(exact, path, () => valueOf(path, script, max));
        assert.equal(at(copy(exact), path), v, `${path}: ${max} ${script} characters kept whole`);
        const over = base();
        at(over, path, () => valueOf(path, script, max + 30));
        const got = at(copy(over), path);
        // A tracking number that does not fit is dropped rather than cut; anything else is cut.
        if (got !== undefined) assert.equal(cps(got), max, `${path}: ${max + 30} ${script} characters cut to ${max}`);
        else assert.ok(path.endsWith(".number"), `${path}: dropped`);
      }
    }
    assert.ok(carried >= 15, `only ${carried} fields carried`);
  });

  test(`${name}: every list of the limits table is cut to its count`, () => {
    for (const [path, max] of Object.entries(L.COUNT_MAX)) {
      const o = base();
      const parts = path.split(".");
      const cur = parent(o, parts);
      const list = cur[parts.at(-1)];
      cur[parts.at(-1)] = Array.from({ length: max + 5 }, () => structuredClone(list[0]));
      const out = parent(copy(o), parts)?.[parts.at(-1)];
      if (out === undefined) continue; // not carried (promise texts, until the extension reads them)
      assert.equal(out.length, max, `${path}: ${max + 5} entries cut to ${max}`);
    }
  });
}

test("the order with long Cyrillic, Chinese and Hebrew fields passes both copies whole", () => {
  const fixture = JSON.parse(readFileSync(join(root, "..", "shared", "order", "testdata", "long_scripts.json"), "utf8"));
  const gated = gate(structuredClone(fixture));
  assert.deepEqual(gated, fixture);
  assert.deepEqual(s.forServer(gated), fixture);
  const utf16 = [fixture.store, fixture.parcels[0].events[2].text].map((v) => v.length);
  assert.ok(utf16[0] === 100 && utf16[1] === 1200, "the fixture still holds its long fields");
});

test("quantities and days left are bounded by the table in both copies", () => {
  for (const [name, copy] of Object.entries(copies)) {
    const at = (q, d) => {
      const o = base();
      o.items[0].quantity = q;
      o.protection.days_left = d;
      const out = copy(o);
      return [out.items?.[0]?.quantity, out.protection?.days_left];
    };
    assert.deepEqual(at(L.MAX_QUANTITY, L.MAX_PROTECTION_DAYS), [L.MAX_QUANTITY, L.MAX_PROTECTION_DAYS], name);
    assert.deepEqual(at(L.MAX_QUANTITY + 1, L.MAX_PROTECTION_DAYS + 1), [undefined, undefined], name);
  }
});
