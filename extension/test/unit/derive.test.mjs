// What the service worker derives from records and assessments: badges, order of the
// dashboard, notifications (deduplicated), and the export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const b = await load("shared/badge.ts");
const n = await load("shared/notifications.ts");
const x = await load("shared/export.ts");
const s = await load("shared/sync.ts");

const A = (over = {}) => ({
  order_id: "8214937669763641", order_status: "shipped", status: "in_transit", reason: "", stage: "international", verdict: "normal",
  reasons: [{ code: "ok", verdict: "normal", text: "Moving as expected", facts: {} }], summary: "sum", last_update: null, days_since_update: 2, days_since_shipment: 5,
  method: {}, protection: { deadline: "2026-04-01T00:00:00Z", source: "page", basis: "", days_left: 20, warning: 0, expired: false }, parcels: [], advice: [], confidence: 1, lang: "en", now: "",
  ...over,
});
const R = (order = {}, marks = {}) => ({ ...s.newRecord({ order_id: "8214937669763641", ...order }, "2026-03-01T00:00:00Z"), marks: { ...s.emptyMarks(), ...marks } });

test("badge: parcel status code always; words from the order status until tracked", () => {
  const untracked = b.badgeFor(R(), A({ status: "unknown", order_status: "processing" }), (c) => `L:${c}`);
  assert.deepEqual([untracked.status, untracked.orderStatus, untracked.label, untracked.tracked], ["unknown", "processing", "L:processing", false]);
  const tracked = b.badgeFor(R({ parcels: [{ numbers: [{ number: "LP1" }], events: [{ text: "x" }] }] }), A(), (c) => `L:${c}`);
  assert.deepEqual([tracked.status, tracked.label, tracked.tracked, tracked.reason, tracked.protectionDaysLeft], ["in_transit", "L:in_transit", true, "Moving as expected", 20]);
  const failed = b.badgeFor({ ...R(), error: { code: "captcha", message: "", at: "" } }, A(), String);
  assert.equal(failed.error, "captcha");
});

test("the core sees the buyer's marks as buyer facts", () => {
  const o = b.orderForCore(R({ buyer: { city: "Leeds" } }, { received: false, dispute_opened: true }), "ru");
  assert.deepEqual(o.buyer, { city: "Leeds", lang: "ru", received: false, dispute_opened: true });
  assert.equal(b.orderForCore(R(), "en").buyer.received, undefined);
});

test("act first, then watch; within a verdict the nearest protection deadline first", () => {
  const list = [A({ verdict: "normal" }), A({ verdict: "act", protection: { days_left: 9 } }), A({ verdict: "watch" }), A({ verdict: "act", protection: { days_left: 2 } })];
  const sorted = list.slice().sort(b.compareActFirst).map((a) => `${a.verdict}${a.protection.days_left}`);
  assert.deepEqual(sorted, ["act2", "act9", "watch20", "normal20"]);
});

test("notifications: status changes that matter, protection at 7/3/1 days, each once", () => {
  const rec = R();
  assert.deepEqual(n.noticesFor(rec, A({ status: "delivered" }), undefined, new Set()), [], "first sight of an order does not notify its status");
  const first = n.noticesFor(rec, A({ status: "customs_held" }), "customs", new Set());
  assert.deepEqual(first.map((x) => x.key), ["status:8214937669763641:customs_held"]);
  assert.deepEqual(n.noticesFor(rec, A({ status: "customs_held" }), "customs", new Set(first.map((x) => x.key))), [], "deduplicated");
  assert.deepEqual(n.noticesFor(rec, A({ status: "in_transit" }), "departed_origin", new Set()), [], "ordinary progress is quiet");
  const w = n.noticesFor(rec, A({ protection: { days_left: 3, warning: 3, expired: false } }), "in_transit", new Set());
  assert.deepEqual(w.map((x) => [x.kind, x.days]), [["protection", 3]]);
  assert.deepEqual(n.noticesFor(R({}, { received: true }), A({ protection: { days_left: 3, warning: 3 } }), "in_transit", new Set()), [], "received: no warning");
  assert.deepEqual(n.noticesFor(R({}, { archived: true }), A({ status: "returned" }), "in_transit", new Set()), [], "archived: silent");
  const act = n.noticesFor(rec, A({ verdict: "act", reasons: [{ code: "silent_too_long", text: "" }] }), "in_transit", new Set());
  assert.deepEqual(act.map((x) => x.key), ["act:8214937669763641:silent_too_long"]);
});

test("notifications: an order first seen needing action is not announced at the next refresh", () => {
  const rec = R();
  const seen = new Set();
  const held = A({ status: "customs_held", verdict: "act", reasons: [{ code: "customs_held", text: "" }] });
  assert.deepEqual(n.noticesFor(rec, held, undefined, seen), [], "first sight is quiet");
  assert.deepEqual(n.noticesFor(rec, held, "customs_held", seen), [], "the same reason later is still quiet");
  const silent = A({ status: "customs_held", verdict: "act", reasons: [{ code: "silent_too_long", text: "" }] });
  assert.deepEqual(n.noticesFor(rec, silent, "customs_held", seen).map((x) => x.key), ["act:8214937669763641:silent_too_long"], "a new reason to act notifies");
});

test("CSV export quotes, neutralises formulas, and leaves the city out of JSON", () => {
  const rec = { ...R({ store: '=HYPERLINK("http://evil")', buyer: { city: "Leeds" }, parcels: [{ numbers: [{ number: "LP1" }, { number: "RB2GB" }] }] }), note: 'line1\nline2, "quoted"' };
  const csv = x.toCSV([{ rec, a: A() }]);
  const lines = csv.split("\r\n");
  assert.equal(lines[0], x.CSV_COLUMNS.join(","));
  assert.ok(lines[1].includes(`"'=HYPERLINK(""http://evil"")"`), lines[1]);
  assert.ok(csv.includes('"line1\nline2, ""quoted"""'));
  assert.ok(csv.includes("LP1 RB2GB"));
  const json = JSON.parse(x.toJSON([{ rec, a: A() }]));
  assert.equal(json.orders[0].order.buyer.city, undefined);
  assert.equal(json.orders[0].assessment.verdict, "normal");
});

test("known badges go to the newest orders first: by order date, then by order number", () => {
  const recs = [
    R({ order_id: "8100000000000009", order_date: "2026-03-01" }),
    R({ order_id: "81000000000000010", order_date: "2026-03-02" }),
    R({ order_id: "8100000000000011", order_date: "2026-03-02" }),
    R({ order_id: "8100000000000001" }),
    R({ order_id: "8100000000000002", order_date: "2026-02-28T23:00:00Z" }),
  ];
  const ids = [...recs].sort(b.newestFirst).map((r) => r.order.order_id);
  // Same day: the longer (newer-format) number first, then the larger one; no date sorts last.
  assert.deepEqual(ids, ["81000000000000010", "8100000000000011", "8100000000000009", "8100000000000002", "8100000000000001"]);
});
