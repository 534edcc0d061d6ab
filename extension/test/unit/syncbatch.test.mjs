// The first sync of a heavy account: 2,000 orders (some with long tracking histories) go up in
// one run, in pushes the server accepts — at most 500 mutations and under its 1 MB body limit —
// each order once, in queue order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTogether } from "../../scripts/test-lib.mjs";

function area(initial = {}) {
  const data = structuredClone(initial);
  return {
    async get(keys) {
      if (keys === null || keys === undefined) return structuredClone(data);
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) { Object.assign(data, structuredClone(items)); },
    async remove(keys) { for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k]; },
  };
}
globalThis.chrome = { storage: { local: area({ refresh_token: "r1" }), session: area({ access_token: "a1" }) }, runtime: { id: "test" } };

const { syncer, state, sync } = await loadTogether({ syncer: "background/syncer.ts", state: "background/state.ts", sync: "shared/sync.ts" });

// The server's limits as it states them (server/validate.go, server/api/routes.go).
const SERVER_MAX_MUTATIONS = 500;
const SERVER_MAX_BODY = 1 << 20;

function heavyOrder(i) {
  const id = String(80000000000000 + i);
  const o = { order_id: id, order_date: "2024-05-01T00:00:00Z", store: `Магазин ${i} 旗舰店`, status_text: "Completed", total: "US $12.00", items: [{ title: "Чехол для телефона ".repeat(6), quantity: 1 }] };
  // Every tenth order has a long history (a parcel that went round the world).
  const n = i % 10 === 0 ? 120 : 8;
  o.parcels = [{ numbers: [{ number: `RB${String(100000000 + i)}GB` }], events: Array.from({ length: n }, (_, k) => ({ time: `2024-05-${String(2 + (k % 27)).padStart(2, "0")}T10:00:00Z`, text: `Посылка обработана в сортировочном центре ${k}`, location: "Москва" })) }];
  return id ? o : o;
}

test("2,000 orders go up in one sync, in batches the server accepts", async () => {
  const N = 2000;
  await state.update((s) => {
    for (let i = 0; i < N; i++) {
      const o = heavyOrder(i);
      s.records[o.order_id] = sync.newRecord(o, "2026-11-01T00:00:00Z");
      s.queue = sync.enqueue(s.queue, o.order_id, 0, { orderChanged: true }, () => `m-${o.order_id}`);
    }
  });
  const pushes = [];
  globalThis.fetch = async (url, init) => {
    const path = new URL(url).pathname;
    if (path === "/api/v1/sync/push") {
      const bytes = Buffer.byteLength(init.body, "utf8");
      const body = JSON.parse(init.body);
      if (bytes > SERVER_MAX_BODY) return new Response(JSON.stringify({ error: { code: "too_large", message: "body too large" } }), { status: 413 });
      if (body.mutations.length > SERVER_MAX_MUTATIONS) return new Response(JSON.stringify({ error: { code: "invalid", message: "too many" } }), { status: 400 });
      pushes.push({ n: body.mutations.length, bytes, ids: body.mutations.map((m) => m.order_id) });
      return new Response(JSON.stringify({ results: body.mutations.map((m) => ({ mutation_id: m.mutation_id, status: "applied", version: 1 })) }), { status: 200 });
    }
    if (path === "/api/v1/sync/pull") return new Response(JSON.stringify({ changes: [], cursor: 0, has_more: false }), { status: 200 });
    return new Response("{}", { status: 404 });
  };
  const res = await syncer.syncNow();
  assert.equal(res.ok, true, res.error);
  assert.equal(res.pushed, N);
  const ids = pushes.flatMap((p) => p.ids);
  assert.equal(ids.length, N, "each order once");
  assert.equal(new Set(ids).size, N);
  assert.deepEqual(ids, Array.from({ length: N }, (_, i) => String(80000000000000 + i)), "in queue order");
  for (const p of pushes) {
    assert.ok(p.n <= SERVER_MAX_MUTATIONS, `${p.n} mutations in one push`);
    assert.ok(p.bytes <= syncer.PUSH_MAX_BYTES, `${p.bytes} bytes in one push`);
  }
  assert.ok(pushes.length >= Math.ceil(N / SERVER_MAX_MUTATIONS) && pushes.length < 20, `${pushes.length} pushes`);
  assert.equal((await state.load()).queue.length, 0, "nothing left queued");
});

test("takeBatch takes one mutation even when it alone is over the byte budget", () => {
  const big = { order_id: "80000000000001", items: [{ title: "x".repeat(2000) }], parcels: [{ events: Array.from({ length: 600 }, (_, k) => ({ text: "y".repeat(1900) + k })) }] };
  const rec = sync.newRecord(big, "2026-11-01T00:00:00Z");
  const q = [{ mutation_id: "a", order_id: big.order_id, base_version: 0, op: "upsert", data: { orderChanged: true } }, { mutation_id: "b", order_id: "80000000000002", base_version: 0, op: "upsert", data: { note: "n" } }];
  const batch = syncer.takeBatch(q, { [big.order_id]: rec }, "dev");
  assert.deepEqual(batch.map((m) => m.mutation_id), ["a"]);
});
