// Cainiao public tracking (shared/DESIGN.md §7) → events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, fixture } from "../../scripts/test-lib.mjs";

const c = await load("shared/cainiao.ts");

test("the Cainiao answer becomes events with time, text, code and number", async () => {
  const r = c.parseCainiao(await fixture("cainiao/LP00987654321098.json"), "LP00987654321098");
  assert.equal(r.number, "LP00987654321098");
  assert.equal(r.destCarrier, "Royal Mail");
  assert.equal(r.events.length, 3);
  assert.deepEqual(r.events[0], { text: "Import customs clearance started", carrier: "Cainiao", number: "LP00987654321098", lang: "en", time: r.events[0].time, code: "CC_IM_START" });
  assert.equal(typeof r.events[0].time, "number");
});

test("older answers wrapped in body are read too", async () => {
  const json = await fixture("cainiao/LP00987654321098.json");
  const r = c.parseCainiao({ body: json }, "LP00987654321098");
  assert.equal(r.events.length, 3);
});

test("unknown numbers and changed answers are clear errors", async () => {
  const notFound = await fixture("cainiao/not-found.json");
  assert.throws(() => c.parseCainiao(notFound, "LP00000000000000"), (e) => e.code === "not_found");
  assert.throws(() => c.parseCainiao({ success: false }, "X"), (e) => e.code === "layout_changed");
  assert.throws(() => c.parseCainiao("<html>", "X"), (e) => e.code === "layout_changed");
  assert.throws(() => c.parseCainiao({ module: [] }, "X"), (e) => e.code === "not_found");
});

test("the URL asks for one number in English", () => {
  const u = new URL(c.cainiaoUrl("LP00987654321098"));
  assert.equal(u.origin + u.pathname, "https://global.cainiao.com/global/detail.json");
  assert.equal(u.searchParams.get("mailNos"), "LP00987654321098");
  assert.equal(u.searchParams.get("lang"), "en-US");
});

test("mergeEvents adds only new events", () => {
  const a = [{ time: 1, text: "A", number: "N" }];
  const b = [{ time: 1, text: "A", number: "N" }, { time: 2, text: "B", number: "N" }, { time: 2, text: "B", number: "N" }];
  assert.deepEqual(c.mergeEvents(a, b), [{ time: 1, text: "A", number: "N" }, { time: 2, text: "B", number: "N" }]);
});
