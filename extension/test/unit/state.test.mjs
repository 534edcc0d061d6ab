// The worker's state: a woken worker reads storage once however many messages arrive at once,
// and peek hands out the state itself without letting update change what it handed out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTogether } from "../../scripts/test-lib.mjs";

let reads = 0;
const data = { "rec:80000000000001": { order: { order_id: "80000000000001" }, marks: {}, note: "", conflicts: [], version: 0, dismissed: [], firstSeen: "2026-11-01T00:00:00Z" } };
globalThis.chrome = {
  runtime: { id: "test" },
  storage: {
    local: {
      async get(keys) {
        if (keys === null) reads++;
        await new Promise((r) => setTimeout(r, 20)); // the IPC of a just-woken worker
        return keys === null ? structuredClone(data) : {};
      },
      async set(items) {
        Object.assign(data, structuredClone(items));
      },
      async remove() {},
    },
    session: { async get() { return {}; }, async set() {}, async remove() {} },
  },
};

const { state } = await loadTogether({ state: "background/state.ts" });

test("messages arriving together on a woken worker share one storage read", async () => {
  const [a, b, ids] = await Promise.all([state.load(), state.load(), state.peek((s) => Object.keys(s.records))]);
  assert.equal(reads, 1, "one read of the whole storage");
  assert.deepEqual(ids, ["80000000000001"]);
  assert.deepEqual(a, b);
  assert.notEqual(a, b, "load hands out copies");
});

test("what peek handed out is not changed by a later update", async () => {
  const before = await state.peek((s) => s.records["80000000000001"]);
  await state.update((s) => {
    s.records["80000000000001"] = { ...s.records["80000000000001"], note: "changed" };
  });
  assert.equal(before.note, "", "the peeked record is a snapshot");
  assert.equal((await state.peek((s) => s.records["80000000000001"])).note, "changed");
  assert.equal(reads, 1, "still one read");
});
