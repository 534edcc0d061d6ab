// The one badge cache (src/shared/badgecache.ts): its key scheme and invalidation rules, the
// worker's store (written after judging, invalidated by any change of what was judged, pruned
// with the record), and a storage write the browser refuses: reported, nothing lost, written
// again later.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, loadTogether } from "../../scripts/test-lib.mjs";

const bc = await load("shared/badgecache.ts");

const badge = (over = {}) => ({ orderId: "8000000000000001", status: "in_transit", orderStatus: "shipped", verdict: "normal", label: "In transit", daysSinceUpdate: 2, protectionDaysLeft: 40, reason: "", tracked: true, ...over });
const entry = (over = {}) => ({ page: "p1", input: "i1", lang: "en", at: 1_000_000, badge: badge(), ...over });

test("one key per order, recognised by its prefix", () => {
  assert.equal(bc.badgeKey("8000000000000001"), "badge:8000000000000001");
  assert.ok(bc.isBadgeKey(bc.badgeKey("x")));
  assert.ok(!bc.isBadgeKey("rec:8000000000000001"));
});

test("rule 1: the worker reuses an entry only for the same input and language, within the TTL", () => {
  const e = entry();
  assert.ok(bc.workerMayUse(e, "i1", "en", e.at + 1000));
  assert.ok(!bc.workerMayUse(e, "i2", "en", e.at + 1000), "another input");
  assert.ok(!bc.workerMayUse(e, "i1", "ru", e.at + 1000), "another language");
  assert.ok(!bc.workerMayUse(e, "i1", "en", e.at + bc.BADGE_TTL_MS), "too old");
  assert.ok(!bc.workerMayUse(e, "i1", "en", e.at - 1), "from the future (clock moved back)");
  assert.ok(!bc.workerMayUse(undefined, "i1", "en", e.at));
});

test("rule 5: a kept assessment holds as rule 1 says: same input and language, within the TTL", () => {
  const kept = { input: "i1", lang: "en", at: 2_000_000 };
  assert.ok(bc.stillHolds(kept, "i1", "en", kept.at));
  assert.ok(bc.stillHolds(kept, "i1", "en", kept.at + bc.BADGE_TTL_MS - 1));
  assert.ok(!bc.stillHolds(kept, "i2", "en", kept.at + 1), "the order's data changed");
  assert.ok(!bc.stillHolds(kept, "i1", "he", kept.at + 1), "the language changed");
  assert.ok(!bc.stillHolds(kept, "i1", "en", kept.at + bc.BADGE_TTL_MS), "a day count may have moved");
  assert.ok(!bc.stillHolds(kept, "i1", "en", kept.at - 1), "clock moved back");
});

test("rule 2: the page draws an entry for the same card reading; old ones are drawn and refined", () => {
  const e = entry();
  assert.equal(bc.pageUse(e, "p1", e.at + 10), "final");
  assert.equal(bc.pageUse(e, "p1", e.at + bc.BADGE_TTL_MS + 1), "refine");
  assert.equal(bc.pageUse(e, "p2", e.at + 10), "none", "the card reads differently now");
  assert.equal(bc.pageUse(entry({ page: "" }), "", e.at), "none", "never read from a page");
  assert.equal(bc.pageUse({ page: "p1", badge: {} }, "p1", e.at), "none", "malformed entry");
  assert.equal(bc.pageUse(undefined, "p1", e.at), "none");
});

test("the input key changes with the order, the language and the error, not with key order", () => {
  const o = { order_id: "1", status_text: "Awaiting delivery", store: "S" };
  const k = bc.inputKey(o, "en", undefined);
  assert.equal(bc.inputKey({ store: "S", status_text: "Awaiting delivery", order_id: "1" }, "en", undefined), k);
  assert.notEqual(bc.inputKey({ ...o, status_text: "Completed" }, "en", undefined), k);
  assert.notEqual(bc.inputKey(o, "ru", undefined), k);
  assert.notEqual(bc.inputKey(o, "en", "network"), k);
});

test("sameBadge tells a refinement that changes nothing from one that does", () => {
  assert.ok(bc.sameBadge(badge(), badge()));
  assert.ok(!bc.sameBadge(badge(), badge({ verdict: "act" })));
  assert.ok(!bc.sameBadge(badge(), badge({ daysSinceUpdate: 3 })));
});

test("rule 4: badge keys without a record are pruned", () => {
  const keys = ["badge:1", "badge:2", "rec:1", "settings"];
  assert.deepEqual(bc.pruneBadgeKeys(keys, (id) => id === "1"), ["badge:2"]);
});

// ---- the worker's store, over an in-memory storage that can be made to refuse writes ----

const data = {};
let refuse = false;
globalThis.chrome = {
  runtime: { id: "test" },
  storage: {
    local: {
      async get(keys) {
        if (keys === null) return structuredClone(data);
        const list = Array.isArray(keys) ? keys : [keys];
        return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
      },
      async set(items) {
        if (refuse) throw new Error("QUOTA_BYTES quota exceeded");
        Object.assign(data, structuredClone(items));
      },
      async remove(keys) {
        if (refuse) throw new Error("QUOTA_BYTES quota exceeded");
        for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
      },
    },
    session: { async get() { return {}; }, async set() {}, async remove() {} },
  },
};
const { state, store, sync } = await loadTogether({ state: "background/state.ts", store: "background/badgestore.ts", sync: "shared/sync.ts" });
const ID = "8000000000000001";
const rec = (over = {}) => ({ ...sync.newRecord({ order_id: ID, status_text: "Awaiting delivery" }, "2026-11-01T00:00:00Z"), pageKey: "p1", ...over });

test("the worker writes an entry after judging, reads it back on a fresh map, and loses it when the judged input changes", async () => {
  await state.update((s) => {
    s.records[ID] = rec();
  });
  const r = await state.peek((s) => s.records[ID]);
  const now = Date.now();
  store.storeBadges([{ rec: r, badge: badge({ orderId: ID }) }], "en", now);
  await state.flushed();
  const stored = data[bc.badgeKey(ID)];
  assert.ok(bc.isEntry(stored), "entry in storage.local");
  assert.equal(stored.page, "p1");
  assert.equal(stored.input, store.recordInput(r, "en"));
  assert.equal((await store.cachedBadges([r], "en", now + 10)).get(ID)?.verdict, "normal");
  assert.equal((await store.cachedBadges([r], "ru", now + 10)).size, 0, "another language is another input");

  // A note changes nothing the badge was judged on: the entry stays.
  await state.update((s) => {
    s.records[ID] = { ...s.records[ID], note: "a note" };
  });
  await state.flushed();
  assert.ok(data[bc.badgeKey(ID)], "a note does not invalidate the badge");

  // New tracking is another input: the entry goes in the same write.
  await state.update((s) => {
    s.records[ID] = { ...s.records[ID], order: { ...s.records[ID].order, parcels: [{ numbers: [{ number: "RB123456785GB" }], events: [{ text: "Delivered" }] }] } };
  });
  await state.flushed();
  assert.equal(data[bc.badgeKey(ID)], undefined, "changed order: entry removed");
  const r2 = await state.peek((s) => s.records[ID]);
  assert.equal((await store.cachedBadges([r2], "en", now + 10)).size, 0, "the memory copy does not answer for the new input");
});

test("a removed record takes its badge entry with it", async () => {
  const r = await state.peek((s) => s.records[ID]);
  store.storeBadges([{ rec: r, badge: badge({ orderId: ID }) }], "en", Date.now());
  await state.flushed();
  assert.ok(data[bc.badgeKey(ID)]);
  await state.update((s) => {
    delete s.records[ID];
  });
  await state.flushed();
  assert.equal(data[bc.badgeKey(ID)], undefined);
  assert.equal(data[`rec:${ID}`], undefined);
});

test("a refused write is reported, loses nothing stored, and is written again later", async () => {
  const reports = [];
  state.onWriteFailure((m) => reports.push(m));
  await state.update((s) => {
    s.records["8000000000000002"] = rec({ order: { order_id: "8000000000000002" }, note: "kept" });
  });
  await state.flushed();
  assert.equal(data["rec:8000000000000002"].note, "kept");
  refuse = true;
  await state.update((s) => {
    s.records["8000000000000002"] = { ...s.records["8000000000000002"], note: "new note" };
    s.records["8000000000000003"] = rec({ order: { order_id: "8000000000000003" } });
  });
  await state.flushed();
  assert.equal(reports.length, 1, "the failure reached the listener");
  assert.match(state.storageError(), /quota/);
  assert.equal(data["rec:8000000000000002"].note, "kept", "what was stored is untouched");
  assert.equal((await state.load()).records["8000000000000002"].note, "new note", "the change is kept in memory");
  refuse = false;
  await state.retryWrites();
  assert.equal(data["rec:8000000000000002"].note, "new note", "written on the retry");
  assert.ok(data["rec:8000000000000003"], "the new record too");
  assert.equal(state.storageError(), "", "the error is cleared once written");
});

test("records in the state cannot be changed in place", async () => {
  await state.update((s) => {
    s.records["8000000000000004"] = rec({ order: { order_id: "8000000000000004" } });
  });
  const r = await state.peek((s) => s.records["8000000000000004"]);
  assert.throws(() => {
    r.note = "in place";
  }, TypeError);
});
