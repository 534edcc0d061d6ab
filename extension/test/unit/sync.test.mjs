// Sync client logic (pure): queueing, push outcomes, conflicts, pulls — and two browsers against
// an in-memory server that follows the brief's "Sync record" rules (a version per field).
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const s = await load("shared/sync.ts");
const NOW = "2026-03-08T12:00:00Z";
let n = 0;
const newId = () => `m-${++n}`;
const ORDER = { order_id: "8214937669763641", store: "Shop", status_text: "Awaiting delivery" };

test("changes to one order coalesce until the mutation has been sent", () => {
  let q = s.enqueue([], ORDER.order_id, 3, { note: "a" }, newId);
  q = s.enqueue(q, ORDER.order_id, 3, { marks: { received: true } }, newId);
  q = s.enqueue(q, ORDER.order_id, 3, { marks: { archived: true } }, newId);
  assert.equal(q.length, 1);
  assert.deepEqual(q[0].data, { note: "a", marks: { received: true, archived: true } });
  q = [{ ...q[0], sent: true }];
  q = s.enqueue(q, ORDER.order_id, 3, { note: "b" }, newId);
  assert.equal(q.length, 2, "a sent mutation's id is bound to its payload");
  assert.deepEqual(q[1].data, { note: "b" });
});

test("the push body leaves the city behind and cleans what the server refuses", () => {
  const order = {
    ...ORDER, store: "Evil\u202Egnp.exe", order_date: "1970-01-01", total: "-5",
    buyer: { city: "Leeds", country: "GB", received: true },
    parcels: [{ numbers: [{ number: "javascript:alert(1)" }, { number: "LP00123456789012" }], events: [{ text: "x\u0000y", time: 1772000000000, number: "LP00123456789012" }, { text: "old", time: 100 }] }],
    items: [{ title: "é".repeat(2500) }],
  };
  const body = s.pushBody("dev-1", [{ mutation_id: "m1", order_id: ORDER.order_id, base_version: 0, op: "upsert", data: { order, note: "n\u202E" } }]);
  const sent = body.mutations[0].data;
  assert.equal(body.device_id, "dev-1");
  assert.equal(sent.order.buyer.city, undefined);
  assert.equal(sent.order.buyer.country, "GB");
  assert.equal(sent.order.store, "Evilgnp.exe");
  assert.equal(sent.order.order_date, undefined, "year 1970 is outside what the server accepts");
  assert.equal(sent.order.total, undefined);
  assert.deepEqual(sent.order.parcels[0].numbers, [{ number: "LP00123456789012" }]);
  assert.deepEqual(sent.order.parcels[0].events, [{ text: "xy", time: 1772000000000, number: "LP00123456789012" }]);
  assert.equal([...sent.order.items[0].title].length, 2000, "cut to the limits table's 2000 characters");
  assert.ok(sent.order.items[0].title.endsWith("é…"));
  assert.equal(sent.note, "n");
  assert.equal(order.buyer.city, "Leeds", "the local copy is untouched");
});

const rec = (over = {}) => ({ ...s.newRecord(ORDER, NOW), ...over });

test("an applied push moves the record and later local edits onto the new version", () => {
  const q = [
    { mutation_id: "a", order_id: ORDER.order_id, base_version: 4, op: "upsert", data: { note: "x" }, sent: true },
    { mutation_id: "b", order_id: ORDER.order_id, base_version: 4, op: "upsert", data: { note: "y" } },
  ];
  const { state } = s.applyOutcome({ records: { [ORDER.order_id]: rec({ version: 4 }) }, queue: q }, { status: "applied", mutation_id: "a", version: 9 }, "dev-1", NOW, newId);
  assert.equal(state.records[ORDER.order_id].version, 9);
  assert.deepEqual(state.queue.map((m) => [m.mutation_id, m.base_version]), [["b", 9]]);
});

test("a conflict keeps our edit, takes the server's other fields, and records what we replaced", () => {
  const local = rec({ version: 4, note: "mine", marks: { received: null, dispute_opened: false, archived: false } });
  const q = [{ mutation_id: "a", order_id: ORDER.order_id, base_version: 4, op: "upsert", data: { note: "mine" }, sent: true }];
  const row = { order_id: ORDER.order_id, version: 7, data: { order: ORDER, note: "theirs", marks: { received: true, dispute_opened: false, archived: true }, conflicts: [] } };
  const { state } = s.applyOutcome({ records: { [ORDER.order_id]: local }, queue: q }, { status: "conflict", mutation_id: "a", row, conflicting_fields: ["note"] }, "dev-1", NOW, newId);
  const r = state.records[ORDER.order_id];
  assert.equal(r.note, "mine");
  assert.equal(r.marks.received, true);
  assert.equal(r.marks.archived, true);
  assert.equal(r.version, 7);
  assert.equal(state.queue.length, 1);
  const m = state.queue[0];
  assert.notEqual(m.mutation_id, "a", "a re-push needs a new mutation id");
  assert.equal(m.base_version, 7);
  assert.equal(m.sent, false);
  assert.deepEqual(m.data, { note: "mine", conflicts: [{ field: "note", lost_value: "theirs", device_id: "dev-1", at: NOW }] });
  assert.deepEqual(s.conflictNotices(r, "dev-1"), [], "our own conflict entry is not news to us");
});

test("a rejected mutation is dropped with the reason; the local data stays", () => {
  const q = [{ mutation_id: "a", order_id: ORDER.order_id, base_version: 0, op: "upsert", data: { note: "x" }, sent: true }];
  const local = rec({ note: "x" });
  const out = s.applyOutcome({ records: { [ORDER.order_id]: local }, queue: q }, s.normalizeOutcome({ mutation_id: "a", status: "rejected", error: { code: "invalid", message: "bad note" } }), "d", NOW, newId);
  assert.equal(out.state.queue.length, 0);
  assert.equal(out.state.records[ORDER.order_id].note, "x");
  assert.match(out.error, /bad note/);
});

test("push answers are read from the server's shapes", () => {
  assert.deepEqual(s.normalizeOutcome({ mutation_id: "a", status: "applied", version: 3, merged: true }), { status: "applied", mutation_id: "a", version: 3, merged: true });
  const c = s.normalizeOutcome({ mutation_id: "b", status: "conflict", conflicting_fields: ["marks.received"], row: { order_id: "1", version: 5, data: {} } });
  assert.equal(c.row.version, 5);
  const gone = s.normalizeOutcome({ mutation_id: "c", status: "conflict", row: null });
  assert.equal(gone.row.deleted, true);
  assert.equal(s.normalizeOutcome({ status: "weird" }), null);
});

test("a pull keeps fields with unpushed local edits and takes the rest", () => {
  const local = rec({ version: 2, note: "local draft" });
  const q = [{ mutation_id: "a", order_id: ORDER.order_id, base_version: 2, op: "upsert", data: { note: "local draft" } }];
  const rows = [
    { order_id: ORDER.order_id, version: 5, data: { order: { ...ORDER, store: "Renamed" }, note: "server note", marks: { received: false, dispute_opened: true, archived: false }, conflicts: [{ field: "note", lost_value: "old", device_id: "dev-2", at: NOW }] } },
    { order_id: "8212379857492017", version: 6, data: { order: { order_id: "8212379857492017" }, note: "new one", marks: { received: null, dispute_opened: false, archived: false } } },
  ];
  const out = s.applyPulled({ records: { [ORDER.order_id]: local }, queue: q }, rows, NOW);
  const r = out.records[ORDER.order_id];
  assert.equal(r.note, "local draft");
  assert.equal(r.order.store, "Renamed");
  assert.equal(r.marks.dispute_opened, true);
  assert.equal(r.version, 5);
  assert.equal(out.records["8212379857492017"].note, "new one");
  assert.deepEqual(out.queue, q, "a pull never queues anything");
  assert.equal(s.conflictNotices(r, "dev-1").length, 1);
  assert.equal(s.conflictNotices(s.dismissConflicts(r, "dev-1"), "dev-1").length, 0);
});

test("a pulled tombstone removes the order unless it has unpushed edits", () => {
  const out = s.applyPulled({ records: { [ORDER.order_id]: rec({ version: 3 }) }, queue: [] }, [{ order_id: ORDER.order_id, version: 9, deleted: true, data: {} }], NOW);
  assert.equal(out.records[ORDER.order_id], undefined);
});

test("after sign-in every local order the server lacks is queued once", () => {
  const st = { records: { a: { ...rec(), order: { order_id: "a" } }, b: { ...rec({ version: 4 }), order: { order_id: "b" } } }, queue: [] };
  const out = s.queueUnsynced(st, newId);
  assert.deepEqual(out.queue.map((m) => [m.order_id, m.base_version]), [["a", 0]]);
  assert.deepEqual(s.queueUnsynced(out, newId).queue.length, 1);
});

// ---- two browsers and a server that follows the Sync record rules ----

const FIELDS = ["order", "note", "marks.received", "marks.dispute_opened", "marks.archived"];
const get = (d, f) => (f.startsWith("marks.") ? d.marks?.[f.slice(6)] : d[f]);

class FakeServer {
  seq = 0;
  rows = new Map(); // order_id → {version, fv: {field: version}, data, deleted}
  push(mutations) {
    return mutations.map((m) => {
      const row = this.rows.get(m.order_id);
      const pushed = FIELDS.filter((f) => get(m.data, f) !== undefined);
      if (row && m.base_version !== row.version) {
        const changed = pushed.filter((f) => (row.fv[f] ?? 0) > m.base_version);
        if (changed.length) return { mutation_id: m.mutation_id, status: "conflict", conflicting_fields: changed, row: this.out(m.order_id) };
      } else if (!row && m.base_version !== 0) {
        return { mutation_id: m.mutation_id, status: "conflict", row: null };
      }
      const v = ++this.seq;
      const r = row ?? { fv: {}, data: { marks: {} }, version: 0 };
      for (const f of pushed) {
        if (f.startsWith("marks.")) r.data.marks = { ...r.data.marks, [f.slice(6)]: get(m.data, f) };
        else r.data[f] = get(m.data, f);
        r.fv[f] = v;
      }
      if (m.data.conflicts) r.data.conflicts = [...(r.data.conflicts ?? []), ...m.data.conflicts].slice(-20);
      r.version = v;
      this.rows.set(m.order_id, r);
      return { mutation_id: m.mutation_id, status: "applied", version: v, merged: !!row && m.base_version !== row.version };
    });
  }
  out(id) {
    const r = this.rows.get(id);
    return { order_id: id, version: r.version, data: JSON.parse(JSON.stringify(r.data)) };
  }
  pull(since) {
    return [...this.rows.keys()].filter((id) => this.rows.get(id).version > since).map((id) => this.out(id)).sort((a, b) => a.version - b.version);
  }
}

class Browser {
  constructor(device, server) {
    this.device = device;
    this.server = server;
    this.state = { records: {}, queue: [] };
    this.cursor = 0;
    this.online = true;
  }
  edit(id, data) {
    const r = this.state.records[id] ?? s.newRecord({ order_id: id }, NOW);
    const next = { ...r, marks: { ...r.marks, ...(data.marks ?? {}) } };
    if (data.note !== undefined) next.note = data.note;
    if (data.order) next.order = data.order;
    this.state = { records: { ...this.state.records, [id]: next }, queue: s.enqueue(this.state.queue, id, r.version, data, newId) };
  }
  sync() {
    if (!this.online) return;
    for (let round = 0; round < 5 && this.state.queue.length; round++) {
      const batch = this.state.queue.map((m) => ({ ...m, sent: true }));
      this.state = { ...this.state, queue: batch };
      const body = s.pushBody(this.device, batch);
      for (const o of this.server.push(body.mutations)) this.state = s.applyOutcome(this.state, s.normalizeOutcome(o), this.device, NOW, newId).state;
    }
    const rows = this.server.pull(this.cursor);
    this.state = s.applyPulled(this.state, rows, NOW);
    this.cursor = Math.max(this.cursor, ...rows.map((r) => r.version));
  }
  rec(id) {
    return this.state.records[id];
  }
}

test("two browsers: different fields edited offline both survive", () => {
  const server = new FakeServer();
  const a = new Browser("dev-a", server);
  const b = new Browser("dev-b", server);
  a.edit(ORDER.order_id, { order: ORDER });
  a.sync();
  b.sync();
  assert.equal(b.rec(ORDER.order_id).order.store, "Shop");
  a.online = b.online = false;
  a.edit(ORDER.order_id, { marks: { archived: true } });
  b.edit(ORDER.order_id, { note: "from B" });
  a.online = b.online = true;
  a.sync();
  b.sync();
  a.sync();
  for (const br of [a, b]) {
    assert.equal(br.rec(ORDER.order_id).marks.archived, true, br.device);
    assert.equal(br.rec(ORDER.order_id).note, "from B", br.device);
    assert.equal(br.state.queue.length, 0, br.device);
    assert.deepEqual(s.conflictNotices(br.rec(ORDER.order_id), br.device), [], `${br.device}: no conflict for different fields`);
  }
});

test("two browsers: the same field edited offline — the later push wins and the other browser is told", () => {
  const server = new FakeServer();
  const a = new Browser("dev-a", server);
  const b = new Browser("dev-b", server);
  a.edit(ORDER.order_id, { order: ORDER, note: "start" });
  a.sync();
  b.sync();
  a.online = b.online = false;
  a.edit(ORDER.order_id, { note: "A's note" });
  b.edit(ORDER.order_id, { note: "B's note" });
  a.online = b.online = true;
  a.sync(); // A reaches the server first
  b.sync(); // B conflicts, re-pushes on A's version: last writer by server order wins
  a.sync();
  assert.equal(server.out(ORDER.order_id).data.note, "B's note");
  assert.equal(a.rec(ORDER.order_id).note, "B's note");
  assert.equal(b.rec(ORDER.order_id).note, "B's note");
  const notices = s.conflictNotices(a.rec(ORDER.order_id), "dev-a");
  assert.equal(notices.length, 1);
  assert.deepEqual({ field: notices[0].field, lost: notices[0].lost_value, by: notices[0].device_id }, { field: "note", lost: "A's note", by: "dev-b" });
  assert.deepEqual(s.conflictNotices(b.rec(ORDER.order_id), "dev-b"), []);
});

test("a browser that was never online keeps its edits until it can push them", () => {
  const server = new FakeServer();
  const a = new Browser("dev-a", server);
  a.online = false;
  a.edit(ORDER.order_id, { order: ORDER, marks: { received: true }, note: "offline" });
  a.sync();
  assert.equal(a.state.queue.length, 1);
  a.online = true;
  a.sync();
  assert.equal(server.out(ORDER.order_id).data.note, "offline");
  assert.equal(server.out(ORDER.order_id).data.marks.received, true);
  assert.equal(a.state.queue.length, 0);
});

test("tracking data from two reads is merged, never replaced by a poorer copy", () => {
  const tracked = { ...ORDER, parcels: [{ numbers: [{ number: "LP1", role: "origin" }], events: [{ time: 1, text: "Accepted", number: "LP1" }] }] };
  const pageOnly = { ...ORDER, status_text: "Awaiting delivery (page)", protection: { days_left: 9, text: "9 days" }, buyer: { city: "Leeds" } };
  const m = s.mergeOrders(tracked, pageOnly);
  assert.equal(m.status_text, "Awaiting delivery (page)");
  assert.equal(m.protection.days_left, 9);
  assert.deepEqual(m.parcels, tracked.parcels);
  assert.equal(m.buyer.city, "Leeds");
  const more = { ...ORDER, parcels: [{ numbers: [{ number: "LP1" }, { number: "RB2GB", role: "last_mile" }], events: [{ time: 1, text: "Accepted", number: "LP1" }, { time: 2, text: "Delivered", number: "RB2GB" }] }, { numbers: [{ number: "LP9" }], events: [] }] };
  const u = s.mergeOrders(tracked, more);
  assert.deepEqual(u.parcels[0].numbers.map((n) => n.number), ["LP1", "RB2GB"]);
  assert.deepEqual(u.parcels[0].events.map((e) => e.text), ["Accepted", "Delivered"]);
  assert.equal(u.parcels.length, 2);
});

test("a browser that only read the page keeps the other browser's tracking after sign-in", () => {
  const server = new FakeServer();
  const a = new Browser("dev-a", server);
  const b = new Browser("dev-b", server);
  const tracked = { ...ORDER, parcels: [{ numbers: [{ number: "LP1" }], events: [{ time: 1772000000000, text: "Accepted", number: "LP1" }] }] };
  a.edit(ORDER.order_id, { order: tracked });
  a.sync();
  // B read the My Orders page before signing in: it knows the order without tracking.
  b.edit(ORDER.order_id, { order: { ...ORDER, protection: { days_left: 20 } } });
  b.sync();
  a.sync();
  for (const br of [a, b]) {
    const o = br.rec(ORDER.order_id).order;
    assert.equal(o.parcels?.[0]?.events?.length, 1, `${br.device} lost the tracking`);
    assert.equal(o.protection?.days_left, 20, `${br.device} lost the page facts`);
  }
  assert.equal(server.out(ORDER.order_id).data.order.parcels[0].events.length, 1);
});
