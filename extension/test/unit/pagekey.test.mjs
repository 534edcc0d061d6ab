// The page fingerprint behind badges drawn before the worker answers: a card read again is
// recognised whatever the clock or the key order, and any visible change means asking again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { load, fixture } from "../../scripts/test-lib.mjs";

const read = await load("content/read.ts");
const order = await load("shared/order.ts");
const messages = await load("shared/messages.ts");
const tracking = await load("background/tracking.ts");
const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";

async function cards(name, now) {
  const { document } = parseHTML(await fixture(`pages/${name}`));
  return read.readPage(document, ORDERS_URL, now).cards.map((c) => c.order);
}

const emptyState = () => ({ records: {}, queue: [], settings: {}, pageNotice: null, notified: [], lastStatus: {}, cainiaoPending: [] });

test("a card read again an hour later has the same key, in the page and in the worker", async () => {
  const a = await cards("orders-all-statuses.html", new Date("2026-03-08T12:00:00Z"));
  const b = await cards("orders-all-statuses.html", new Date("2026-03-08T13:00:00Z"));
  assert.ok(a.length >= 5, "the fixture page has cards");
  assert.ok(a.some((o) => o.protection?.read_at), "the fixture has a Buyer Protection line (read_at differs between readings)");
  for (let i = 0; i < a.length; i++) {
    const key = order.pageKey(a[i]);
    assert.equal(order.pageKey(b[i]), key, `order ${a[i].order_id}: same page, later reading`);
    // The worker keys the copy it received, rebuilt field by field in another order.
    assert.equal(order.pageKey(messages.sanitizeOrder(JSON.parse(JSON.stringify(a[i])))), key, `order ${a[i].order_id}: sanitised copy`);
  }
  assert.equal(new Set(a.map(order.pageKey)).size, a.length, "different orders have different keys");
});

test("anything the page shows differently changes the key", async () => {
  const [o] = await cards("orders-all-statuses.html", new Date("2026-03-08T12:00:00Z"));
  const key = order.pageKey(o);
  const changes = {
    status: { ...o, status_text: o.status_text + " (changed)" },
    store: { ...o, store: "Another store" },
    total: { ...o, total: "US $0.01" },
    protection: { ...o, protection: { ...(o.protection ?? {}), days_left: 1, text: "Buyer Protection: 1 day left" } },
    items: { ...o, items: [...(o.items ?? []), { title: "extra" }] },
  };
  for (const [what, changed] of Object.entries(changes)) assert.notEqual(order.pageKey(changed), key, what);
});

test("the worker stores the key of each reading and only real changes are synced", async () => {
  const [o] = await cards("orders-all-statuses.html", new Date("2026-03-08T12:00:00Z"));
  const s = emptyState();
  assert.deepEqual(tracking.upsertPageOrders(s, [o], "2026-03-08T12:00:00Z"), [o.order_id]);
  assert.equal(s.records[o.order_id].pageKey, order.pageKey(o));
  const queued = s.queue.length;

  // The same reading again: nothing changes, nothing is queued.
  assert.deepEqual(tracking.upsertPageOrders(s, [{ ...o }], "2026-03-08T13:00:00Z"), []);
  assert.equal(s.queue.length, queued);

  // A record from before the key existed gets it without a sync mutation.
  delete s.records[o.order_id].pageKey;
  assert.deepEqual(tracking.upsertPageOrders(s, [o], "2026-03-08T14:00:00Z"), []);
  assert.equal(s.records[o.order_id].pageKey, order.pageKey(o));
  assert.equal(s.queue.length, queued);

  // A new status is a change: new key, queued for sync.
  const moved = { ...o, status_text: "Completed" };
  assert.deepEqual(tracking.upsertPageOrders(s, [moved], "2026-03-08T15:00:00Z"), [o.order_id]);
  assert.equal(s.records[o.order_id].pageKey, order.pageKey(moved));
});

test("known badges may be asked by the content script, and carry nothing else", () => {
  assert.deepEqual(messages.parseMessage({ type: messages.MSG.knownBadges, orders: ["x"] }, "content"), { type: messages.MSG.knownBadges });
  assert.throws(() => messages.parseMessage({ type: messages.MSG.knownBadges }, "rejected"), messages.MessageError);
});

test("canonical JSON does not depend on key order, as chrome.storage reorders keys", async () => {
  const text = await load("shared/text.ts");
  const a = { order_id: "1", store: "S", buyer: { lang: "en", received: true }, parcels: [{ numbers: [{ number: "X", role: "origin" }] }] };
  const b = { parcels: [{ numbers: [{ role: "origin", number: "X" }] }], buyer: { received: true, lang: "en" }, store: "S", order_id: "1" };
  assert.equal(text.canonicalJSON(a), text.canonicalJSON(b));
  assert.deepEqual(JSON.parse(text.canonicalJSON(a)), a, "still JSON of the same value");
  assert.notEqual(text.canonicalJSON(a), text.canonicalJSON({ ...a, store: "T" }));
  assert.equal(text.canonicalJSON({ x: undefined, y: [undefined] }), '{"y":[null]}', "undefined as JSON.stringify treats it");
});
