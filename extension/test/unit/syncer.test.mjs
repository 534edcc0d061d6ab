// One sync at a time, and no change left behind: a change queued while a run is pulling (after
// that run pushed) goes out in a run right after, not at the next alarm minutes later.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTogether, storageArea as area } from "../../scripts/test-lib.mjs";

globalThis.chrome = {
  storage: { local: area({ refresh_token: "r1" }), session: area({ access_token: "a1" }) },
  runtime: { id: "test" },
};

// One bundle: the syncer and the test must share the worker's state module.
const { syncer, state, sync } = await loadTogether({ syncer: "background/syncer.ts", state: "background/state.ts", sync: "shared/sync.ts" });
const { syncNow } = syncer;

test("a change queued while a sync pulls is pushed by a run right after", async () => {
  const pushed = [];
  let pulls = 0;
  let releasePull;
  const firstPullStarted = new Promise((started) => {
    globalThis.fetch = async (url, init) => {
      const path = new URL(url).pathname;
      if (path === "/api/v1/sync/push") {
        const body = JSON.parse(init.body);
        pushed.push(body.mutations.map((m) => m.order_id));
        return new Response(JSON.stringify({ results: body.mutations.map((m, i) => ({ mutation_id: m.mutation_id, status: "applied", version: pushed.length * 10 + i })) }), { status: 200 });
      }
      if (path === "/api/v1/sync/pull") {
        pulls++;
        if (pulls === 1) {
          started();
          await new Promise((r) => (releasePull = r));
        }
        return new Response(JSON.stringify({ changes: [], cursor: 0, has_more: false }), { status: 200 });
      }
      return new Response("{}", { status: 404 });
    };
  });
  const queueOrder = (id) =>
    state.update((s) => {
      s.records[id] = sync.newRecord({ order_id: id, status_text: "Awaiting delivery" }, "2026-11-01T00:00:00Z");
      s.queue = sync.enqueue(s.queue, id, 0, { orderChanged: true }, () => `m-${id}`);
    });

  await queueOrder("80000000000001");
  const first = syncNow();
  await firstPullStarted;
  // The first run has pushed and is pulling: the buyer changes another order now.
  await queueOrder("80000000000002");
  const second = syncNow();
  const third = syncNow();
  assert.notEqual(second, first, "a caller during a run must not just share that run");
  assert.equal(third, second, "callers during one run share the one run after it");
  releasePull();
  const r1 = await first;
  const r2 = await second;
  assert.ok(r1.ok && r2.ok, `both runs succeed: ${JSON.stringify([r1, r2])}`);
  assert.deepEqual(pushed, [["80000000000001"], ["80000000000002"]], "each change pushed once, the second by the follow-up run");
  assert.equal((await state.load()).queue.length, 0, "nothing left in the queue");
  assert.equal(pulls, 2, "two runs, not a loop");
});
