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

test("update answers before it stores: nothing is serialised or written until its caller has gone on", async () => {
  const log = [];
  // JSON.stringify calls toJSON: the probe says when the new record is serialised (compared with
  // what was stored, or handed to storage); structuredClone in the storage stand-in skips it.
  class Probe {
    toJSON() {
      log.push("serialised");
      return "probe";
    }
  }
  const set = globalThis.chrome.storage.local.set;
  globalThis.chrome.storage.local.set = async (items) => {
    log.push(`written ${Object.keys(items).join(",")}`);
    return set(items);
  };
  try {
    const id = "80000000000002";
    const rec = { order: { order_id: id, items: [new Probe()] }, marks: {}, note: "", conflicts: [], version: 0, dismissed: [], firstSeen: "2026-11-01T00:00:00Z" };
    const got = await state.update((s) => {
      s.records[id] = rec;
      return s.records[id];
    });
    log.push("answered");
    assert.equal(got, rec);
    assert.equal(await state.peek((s) => s.records[id]), rec, "the new state is what the next reader sees at once");
    assert.deepEqual(log, ["answered"], "no serialising or writing before the caller went on");
    await state.flushed();
    assert.equal(log[0], "answered");
    assert.ok(log.includes("serialised"), "serialised afterwards, on the write chain");
    assert.match(log.at(-1), new RegExp(`written .*rec:${id}`), "then written");
    assert.ok(data[`rec:${id}`], "in storage");

    // An update that changes nothing writes nothing and keeps the records map (the buyer's history is kept per map).
    const before = await state.peek((s) => s.records);
    log.length = 0;
    await state.update(() => undefined);
    await state.flushed();
    assert.deepEqual(log.filter((x) => x.startsWith("written")), [], "nothing written");
    assert.equal(await state.peek((s) => s.records), before, "the same records map");
  } finally {
    globalThis.chrome.storage.local.set = set;
  }
});

test("the list's stored head: written while its records are current, removed with any change of a record", async () => {
  const removed = [];
  const remove = globalThis.chrome.storage.local.remove;
  globalThis.chrome.storage.local.remove = async (keys) => {
    for (const k of [].concat(keys)) {
      removed.push(k);
      delete data[k];
    }
  };
  let gone = 0;
  state.onListHeadGone(() => gone++);
  try {
    const records = await state.peek((s) => s.records);
    state.writeListHead(records, { lang: "en", list: [["80000000000001"]], total: 1, more: 0 });
    await state.flushed();
    assert.deepEqual(data.listHead?.list, [["80000000000001"]], "stored");
    assert.equal(typeof data.listHead.at, "number");

    // A change of a record takes it away in the same write as the record.
    const writes = [];
    const set = globalThis.chrome.storage.local.set;
    globalThis.chrome.storage.local.set = async (items) => {
      writes.push(Object.keys(items));
      return set(items);
    };
    try {
      await state.update((s) => {
        s.records["80000000000001"] = { ...s.records["80000000000001"], note: "head goes" };
      });
      await state.flushed();
    } finally {
      globalThis.chrome.storage.local.set = set;
    }
    assert.ok(writes.some((k) => k.includes("rec:80000000000001")));
    assert.ok(removed.includes("listHead"), "removed with the record's change");
    assert.equal(data.listHead, undefined);
    assert.equal(gone, 1, "the worker is told, to make it again");

    // A head made from the records before that change is not written any more.
    state.writeListHead(records, { lang: "en", list: [["old"]], total: 1, more: 0 });
    await state.flushed();
    assert.equal(data.listHead, undefined, "made from records that are not the current ones");
    // One made from the current records is; the same again is not written twice; a change that
    // leaves every record as it was keeps it.
    const now = await state.peek((s) => s.records);
    state.writeListHead(now, { lang: "en", list: [["new"]], total: 1, more: 0 });
    await state.flushed();
    assert.deepEqual(data.listHead?.list, [["new"]]);
    const at = data.listHead.at;
    await new Promise((r) => setTimeout(r, 5));
    state.writeListHead(now, { lang: "en", list: [["new"]], total: 1, more: 0 });
    await state.update((s) => {
      s.pageNotice = { state: "ok", detail: "", at: "2026-12-06T00:00:00Z" };
    });
    await state.flushed();
    assert.equal(data.listHead?.at, at, "not written again, not removed");
    assert.equal(gone, 1);
    // A record change with no head stored says nothing.
    await state.update((s) => {
      s.records["80000000000001"] = { ...s.records["80000000000001"], note: "takes the new head" };
    });
    await state.update((s) => {
      s.records["80000000000001"] = { ...s.records["80000000000001"], note: "no head left" };
    });
    await state.flushed();
    assert.equal(gone, 2, "once for the head written, not for the change after it");
  } finally {
    globalThis.chrome.storage.local.remove = remove;
  }
});

test("whether tokens are stored is known after the first read and follows set and clear without reading again", async () => {
  let reads = 0;
  const session = globalThis.chrome.storage.session;
  const get = globalThis.chrome.storage.local.get;
  globalThis.chrome.storage.session = { ...session, async get() { reads++; return {}; } };
  globalThis.chrome.storage.local.get = async (keys) => {
    if (keys !== null) reads++;
    return get(keys);
  };
  try {
    assert.equal(await state.hasTokens(), false, "none stored");
    const after = reads;
    assert.ok(after > 0, "read once");
    assert.equal(await state.hasTokens(), false);
    assert.equal(reads, after, "known since");
    await state.tokenStore.set({ access: "a", refresh: "r" });
    assert.equal(await state.hasTokens(), true, "stored now");
    await state.tokenStore.clear();
    assert.equal(await state.hasTokens(), false, "cleared");
    assert.equal(reads, after, "no read after set and clear");
  } finally {
    globalThis.chrome.storage.session = session;
    globalThis.chrome.storage.local.get = get;
  }
});

test("a write waits for a page drawing new cards, but never long past its own turn", () => {
  const S = 1000;
  assert.equal(state.settleDelay(0, 5000, 5000, S), 0, "no new cards answered: no wait");
  assert.equal(state.settleDelay(4800, 5000, 5000, S), 800, "until a second after the answer");
  assert.equal(state.settleDelay(3000, 5000, 5000, S), 0, "a second has passed since the answer");
  assert.equal(state.settleDelay(5600, 5000, 5700, S), 300, "answers after the write's turn hold it no more than a second after that turn");
  assert.equal(state.settleDelay(9000, 5000, 6200, S), 0, "however many answers keep coming");
});
