// Nothing the worker keeps grows with time instead of with the account (src/shared/caps.ts):
// notification keys, last statuses, the Cainiao list, the offline mutation queue, conflict lists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const caps = await load("shared/caps.ts");
const sync = await load("shared/sync.ts");

const rec = (id) => sync.newRecord({ order_id: id }, "2026-11-01T00:00:00Z");
function accountState(n) {
  const records = {};
  for (let i = 0; i < n; i++) records[String(80000000000000 + i)] = rec(String(80000000000000 + i));
  return { records, queue: [], notified: [], lastStatus: {}, cainiaoPending: [] };
}

test("notification keys keep the newest MAX_NOTIFIED", () => {
  const s = accountState(1);
  s.notified = Array.from({ length: caps.MAX_NOTIFIED + 700 }, (_, i) => `k${i}`);
  caps.capState(s);
  assert.equal(s.notified.length, caps.MAX_NOTIFIED);
  assert.equal(s.notified.at(-1), `k${caps.MAX_NOTIFIED + 699}`, "the newest stay");
});

test("last statuses and the Cainiao list hold only orders that still exist, each once", () => {
  const s = accountState(3);
  const ids = Object.keys(s.records);
  s.lastStatus = { [ids[0]]: "in_transit", gone1: "delivered", gone2: "returned" };
  s.cainiaoPending = [ids[1], ids[1], "gone", ids[2]];
  caps.capState(s);
  assert.deepEqual(Object.keys(s.lastStatus), [ids[0]]);
  assert.deepEqual(s.cainiaoPending, [ids[1], ids[2]]);
});

test("an offline browser queues one mutation per order however many changes are made", () => {
  const s = accountState(50);
  const ids = Object.keys(s.records);
  let n = 0;
  for (let round = 0; round < 200; round++) {
    for (const id of ids) {
      // Some writers append rather than coalesce: capState still merges them.
      s.queue.push({ mutation_id: `m${n++}`, order_id: id, base_version: 0, op: "upsert", data: { note: `note ${round}` } });
    }
    caps.capState(s);
  }
  assert.equal(s.queue.length, ids.length);
  assert.deepEqual(s.queue.map((m) => m.data.note), ids.map(() => "note 199"), "the last change of each order is what goes out");
});

test("mutations already sent are never merged into (their ids are bound to their payload)", () => {
  const s = accountState(1);
  const id = Object.keys(s.records)[0];
  s.queue = [
    { mutation_id: "a", order_id: id, base_version: 0, op: "upsert", data: { note: "sent" }, sent: true },
    { mutation_id: "b", order_id: id, base_version: 0, op: "upsert", data: { note: "x" } },
    { mutation_id: "c", order_id: id, base_version: 0, op: "upsert", data: { note: "y" } },
  ];
  caps.capState(s);
  assert.deepEqual(s.queue.map((m) => [m.mutation_id, m.data.note]), [["a", "sent"], ["b", "y"]]);
});

test("conflict lists and dismissed keys are capped per record", () => {
  const s = accountState(1);
  const id = Object.keys(s.records)[0];
  const c = (i) => ({ field: "note", lost_value: `v${i}`, device_id: "d", at: `2026-11-01T00:00:${String(i % 60).padStart(2, "0")}Z` });
  s.records[id] = { ...s.records[id], conflicts: Array.from({ length: 500 }, (_, i) => c(i)), dismissed: Array.from({ length: 500 }, (_, i) => `k${i}`) };
  caps.capState(s);
  assert.equal(s.records[id].conflicts.length, sync.MAX_CONFLICTS);
  assert.equal(s.records[id].conflicts.at(-1).lost_value, "v499");
  assert.equal(s.records[id].dismissed.length, caps.MAX_DISMISSED);
});

test("a state within its bounds is left as it is (same objects)", () => {
  const s = accountState(3);
  const before = { ...s.records };
  const q = s.queue;
  caps.capState(s);
  for (const [id, r] of Object.entries(before)) assert.equal(s.records[id], r);
  assert.equal(s.queue, q);
});
