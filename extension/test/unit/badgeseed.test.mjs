// The worker's badge store takes the entries stored before it started from its first full read
// of storage (state.ts), and after that read answers from memory: a page's question costs no
// storage read per message (on a first visit that read stood before the core).
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, loadTogether, storageArea } from "../../scripts/test-lib.mjs";

const bc = await load("shared/badgecache.ts");
const reads = [];
const local = storageArea({}, (keys) => reads.push(keys));
const data = local.data;
globalThis.chrome = {
  runtime: { id: "test" },
  storage: { local, session: { async get() { return {}; }, async set() {}, async remove() {} } },
};
// Module names of their own: a fresh worker, whose first read is still to come.
const { seedState: state, seedStore: store, seedSync: sync } = await loadTogether({ seedState: "background/state.ts", seedStore: "background/badgestore.ts", seedSync: "shared/sync.ts" });

const badge = (id) => ({ orderId: id, status: "in_transit", orderStatus: "shipped", verdict: "watch", label: "In transit", daysSinceUpdate: 2, protectionDaysLeft: 20, reason: "", tracked: true });
const rec = (id) => ({ ...sync.newRecord({ order_id: id, status_text: "Awaiting delivery" }, "2026-11-01T00:00:00Z"), pageKey: `p${id}` });

test("entries stored before the worker started come from its first read; no storage read per question after it", async () => {
  const now = Date.now();
  const known = rec("8000000000000011");
  const unknown = rec("8000000000000012");
  data[`rec:${known.order.order_id}`] = known;
  data[`rec:${unknown.order.order_id}`] = unknown;
  data[bc.badgeKey(known.order.order_id)] = { page: known.pageKey, input: store.recordInput(known, "en"), lang: "en", at: now - 1000, badge: badge(known.order.order_id) };

  const [k, u] = await state.peek((s) => [s.records[known.order.order_id], s.records[unknown.order.order_id]]);
  assert.deepEqual(reads, [null], "one full read");
  const got = await store.cachedBadges([k, u], "en", now);
  assert.equal(got.get(known.order.order_id)?.verdict, "watch", "the stored entry answers");
  assert.equal(got.has(unknown.order.order_id), false, "an order without an entry has none");
  assert.deepEqual(reads, [null], "no storage read to learn either");

  // An entry judged since is the one kept, not the older one the read brought.
  store.storeBadges([{ rec: k, badge: { ...badge(known.order.order_id), verdict: "act" } }], "en", now + 5);
  assert.equal((await store.cachedBadges([k], "en", now + 10)).get(known.order.order_id)?.verdict, "act");
  assert.deepEqual(reads, [null]);
});
