// The service worker's state lives in chrome.storage (an MV3 worker can be stopped at any
// moment): records, the mutation queue and settings in storage.local; the access token in
// storage.session (memory only, trusted contexts only). Every read-modify-write goes through
// one promise chain so two messages cannot interleave their updates.
import { ext } from "../shared/browser.js";
import type { LocalRecord, Mutation } from "../shared/sync.js";
import type { Tokens, TokenStore } from "../shared/api.js";
import type { PageStateCode } from "../shared/messages.js";
import { badgeKey, type BadgeEntry } from "../shared/badgecache.js";
import { capState } from "../shared/caps.js";
import { LIST_HEAD_KEY } from "../shared/messages.js";

export const DEFAULT_SERVER = "http://127.0.0.1:8080";

export interface Settings {
  serverUrl: string;
  deviceId: string;
  email: string;
  cursor: number;
  lastSyncAt: string;
  lastSyncError: string;
}

export interface PageNotice {
  state: PageStateCode;
  detail: string;
  at: string;
}

export interface State {
  records: Record<string, LocalRecord>;
  queue: Mutation[];
  settings: Settings;
  pageNotice: PageNotice | null;
  /** Notification keys already shown (deduplication). */
  notified: string[];
  /** Last badge status per order, to notice changes. */
  lastStatus: Record<string, string>;
  /** Orders with numbers but no events yet: asked of Cainiao once the page's run is over. */
  cainiaoPending: string[];
}

// Records are stored one key per order ("rec:<id>") so that a tracking result for one order
// writes a few KB, not the whole account; the other parts are one key each.
const KEYS = ["queue", "settings", "pageNotice", "notified", "lastStatus", "cainiaoPending"] as const;
const REC = "rec:";

const defaults = (): State => ({
  records: {},
  queue: [],
  settings: { serverUrl: DEFAULT_SERVER, deviceId: crypto.randomUUID(), email: "", cursor: 0, lastSyncAt: "", lastSyncError: "" },
  pageNotice: null,
  notified: [],
  lastStatus: {},
  cainiaoPending: [],
});

let chain: Promise<unknown> = Promise.resolve();
let writes: Promise<void> = Promise.resolve();

/** flushed resolves once every update so far is on disk. */
export const flushed = (): Promise<void> => writes;

/**
 * A write the browser refused (the quota, most often). Nothing already stored is lost: a failed
 * set changes nothing on disk, the state in memory keeps the change, and the keys are written
 * again with the next update (or retryWrites). The buyer hears of it through onWriteFailure.
 */
let unwritten: Record<string, true> = {};
let lastWriteError = "";
let failureListener: ((message: string) => void) | null = null;
/** onWriteFailure: called once per failing write with the browser's message. */
export function onWriteFailure(fn: (message: string) => void): void {
  failureListener = fn;
}
/** storageError is the last write failure not yet made good ("" when every change is on disk). */
export const storageError = (): string => lastWriteError;

/** The value of a storage key in the cached state (undefined: the key is to be removed). */
function currentValue(c: Cache, key: string): unknown {
  if (key.startsWith(REC)) return c.state.records[key.slice(REC.length)];
  return c.state[key as (typeof KEYS)[number]];
}

/**
 * The write chain's view of storage: the state the last write went out from and the JSON of its
 * parts. A record's JSON is made when a change to it is first compared (a woken worker does not
 * serialise 2,000 records before its first answer); only the write chain reads or changes this.
 */
interface Written {
  state: State;
  json: Record<string, string>;
  recJson: Map<string, string>;
}
let written: Written | null = null;

/** What a badge was judged on in a record: its order, marks and last error (badgecache rule 3). */
const judgedOn = (r: LocalRecord | undefined): string => (r ? JSON.stringify([r.order, r.marks, r.error ?? null]) : "");

/**
 * diffWritten: the keys to set and to remove to take storage from what was written last to next,
 * and next becomes what was written last. Records that are the very same objects are not
 * compared; a new one may still say the same.
 */
function diffWritten(next: State): { changed: Record<string, unknown>; removed: string[] } {
  const w = written!;
  const changed: Record<string, unknown> = {};
  const removed: string[] = [];
  const json: Record<string, string> = {};
  for (const k of KEYS) {
    json[k] = JSON.stringify(next[k]);
    if (json[k] !== w.json[k]) changed[k] = next[k];
  }
  const prev = w.state.records;
  if (next.records !== prev) {
    for (const [id, r] of Object.entries(next.records)) {
      const old = prev[id];
      if (r === old) continue;
      const j = JSON.stringify(r);
      const was = w.recJson.get(id) ?? (old ? JSON.stringify(old) : undefined);
      w.recJson.set(id, j);
      if (j === was) continue;
      changed[REC + id] = r;
      // Badge cache rule 3: an order whose judged input changed loses its badge entry in the same write.
      if (judgedOn(old) !== judgedOn(r)) removed.push(badgeKey(id));
    }
    for (const id of Object.keys(prev)) {
      if (id in next.records) continue;
      // A removed record takes its badge entry along.
      removed.push(REC + id, badgeKey(id));
      w.recJson.delete(id);
    }
  }
  // The list's stored head (writeListHead) was made from the records before: it goes with any
  // change of them, in the same write.
  if (listHeadJson !== "" && (Object.keys(changed).some((k) => k.startsWith(REC)) || removed.some((k) => k.startsWith(REC)))) {
    removed.push(LIST_HEAD_KEY);
    // One this life wrote (a dashboard was opened): made again once the changes settle.
    if (listHeadJson !== null) headGone?.();
    listHeadJson = "";
  }
  written = { state: next, json, recJson: w.recJson };
  return { changed, removed };
}

/** The JSON stored under LIST_HEAD_KEY by this worker life; "" none; null not known (a life before may have left one). */
let listHeadJson: string | null = null;
let headGone: (() => void) | null = null;

/**
 * onListHeadGone: fn is called when records change under a head this worker life wrote. The
 * dashboard's own redraws ask for the whole list, which writes no head, and a Track all changes
 * every record: without a head made again, the next open with the worker stopped waited seconds
 * for it to wake and judge every order. A worker that wrote one has every order judged already,
 * so making it again costs the changed orders only.
 */
export function onListHeadGone(fn: () => void): void {
  headGone = fn;
}

/**
 * The head of the dashboard's list as last sent (ui/rows.ts packed rows, the total, the account
 * line, its language), kept in storage.local for a page that opens while the worker sleeps: it
 * draws this at once instead of waiting seconds for a woken worker to read 2,000 records and
 * judge them, and the worker's answer replaces it. Written only while the records it was made
 * from are the current ones, removed in the same write as any change of a record (diffWritten),
 * so a page never draws it over records that changed since.
 */
export function writeListHead(records: Readonly<Record<string, LocalRecord>>, head: Record<string, unknown>): void {
  const json = JSON.stringify(head);
  writes = writes.then(async () => {
    await new Promise((r) => setTimeout(r, 0));
    await writeGate();
    if (!cache || cache.state.records !== records || json === listHeadJson) return;
    listHeadJson = json;
    await ext.storage.local.set({ [LIST_HEAD_KEY]: { ...head, at: Date.now() } }).catch(() => {
      listHeadJson = null;
    });
  });
}

/**
 * queueWrite stores what the state next changed since the last write. The diff and the write run
 * on their own chain, in order, each in a task of its own: the answer to a message does not wait
 * for them (comparing a page's 60 new records with what was stored and handing them to
 * chrome.storage costs tens of ms of this thread on a busy machine), and the cache already holds
 * the new state. Without next: only the keys a failed write left behind.
 */
function queueWrite(next?: State): void {
  writes = writes.then(async () => {
    await new Promise((r) => setTimeout(r, 0));
    await writeGate();
    const { changed, removed } = next ? diffWritten(next) : { changed: {}, removed: [] };
    // Keys a failed write left behind go again, with their current values.
    const retry = Object.keys(unwritten);
    const set: Record<string, unknown> = { ...changed };
    const del = new Set(removed);
    if (retry.length && cache) {
      for (const k of retry) {
        if (k in set || del.has(k)) continue;
        const v = currentValue(cache, k);
        if (v === undefined) del.add(k);
        else set[k] = v;
      }
    }
    if (Object.keys(set).length === 0 && del.size === 0) return;
    try {
      if (Object.keys(set).length) await ext.storage.local.set(set);
      if (del.size) await ext.storage.local.remove([...del]);
      unwritten = {};
      lastWriteError = "";
    } catch (err) {
      for (const k of [...Object.keys(set), ...del]) unwritten[k] = true;
      lastWriteError = (err as Error)?.message ?? String(err);
      console.error("OrderWatch: storage write failed:", err);
      failureListener?.(lastWriteError);
    }
  });
}

/**
 * What a write waits for before it starts: index.ts passes the questions of a page being judged,
 * so that storing a page's orders does not stand between its first answer and the judging of its
 * second question. It must always resolve (soon).
 */
let writeGate: () => Promise<unknown> = () => Promise.resolve();
export function setWriteGate(gate: () => Promise<unknown>): void {
  writeGate = gate;
}

/**
 * settleDelay: how long a write whose turn came at turn still waits, at now, for a page drawing
 * new cards (answered at newAnswer) to have had settleMs: until settleMs after that answer, but
 * never beyond settleMs after the write's own turn, so answers that keep coming never hold
 * writes off for long.
 */
export function settleDelay(newAnswer: number, turn: number, now: number, settleMs: number): number {
  return Math.max(0, Math.min(newAnswer, turn) + settleMs - now);
}

/** retryWrites writes again what a failed write left in memory only. */
export function retryWrites(): Promise<void> {
  if (Object.keys(unwritten).length) queueWrite();
  return writes;
}

/**
 * writeBadges stores badge cache entries (shared/badgecache.ts) on the same ordered chain as the
 * records, so that an entry written after a record changed is never overtaken by the removal
 * that change caused. Badge entries are a cache: a failed write of one is not reported.
 */
export function writeBadges(entries: Record<string, BadgeEntry>): void {
  const items = Object.fromEntries(Object.entries(entries).map(([id, e]) => [badgeKey(id), e]));
  if (Object.keys(items).length === 0) return;
  writes = writes.then(async () => {
    await new Promise((r) => setTimeout(r, 0));
    await writeGate();
    await ext.storage.local.set(items).catch(() => undefined);
  });
}

interface Cache {
  state: State;
}

// Only this background writes these keys, so a copy in memory stays true for as long as the
// worker lives; storage is read again after every restart.
let cache: Cache | null = null;

/** Called with everything storage.local held when the worker first read it (badgestore.ts takes its entries from it). */
let storageReadListener: ((all: Readonly<Record<string, unknown>>) => void) | null = null;
export function onStorageRead(fn: (all: Readonly<Record<string, unknown>>) => void): void {
  storageReadListener = fn;
}

async function readStorage(): Promise<State> {
  const got = (await ext.storage.local.get(null)) as Record<string, unknown> & Partial<State>;
  storageReadListener?.(got);
  const d = defaults();
  const records: Record<string, LocalRecord> = {};
  for (const [k, v] of Object.entries(got)) if (k.startsWith(REC)) records[k.slice(REC.length)] = Object.freeze(v) as LocalRecord;
  const state: State = {
    records,
    queue: got.queue ?? d.queue,
    settings: { ...d.settings, ...(got.settings ?? {}) },
    pageNotice: got.pageNotice ?? null,
    notified: got.notified ?? [],
    lastStatus: got.lastStatus ?? {},
    cainiaoPending: got.cainiaoPending ?? [],
  };
  if (!got.settings) await ext.storage.local.set({ settings: state.settings });
  return state;
}

/** The one storage read of a starting worker, shared by every message that arrives meanwhile. */
let reading: Promise<void> | null = null;

async function cached(): Promise<Cache> {
  if (!cache) {
    reading ??= readStorage().then(
      (state) => {
        if (cache) return;
        cache = { state };
        written = { state, json: Object.fromEntries(KEYS.map((k) => [k, JSON.stringify(state[k])])), recJson: new Map() };
      },
      (err) => {
        reading = null; // the next caller tries again
        throw err;
      },
    );
    await reading;
  }
  return cache!;
}

/**
 * copyState: a copy of everything but the records, and a new map of the same record objects.
 * Records are replaced, never changed in place (every writer builds a new record with { ...rec }),
 * and each record in the cache is frozen so that a change in place fails loudly. Copying them
 * all for each update cost a heavy account (2,000 orders, ~3 MB) tens of ms and many MB of
 * garbage per tracking result.
 */
function copyState(st: State): State {
  const { records, ...rest } = st;
  return { ...structuredClone(rest), records: { ...records } };
}

/** load returns a copy of the state: changing it changes nothing. Use update to write. */
export async function load(): Promise<State> {
  const c = await cached();
  return copyState(c.state);
}

/**
 * peek runs fn on the current state itself, without the copy load makes: for read-only work on a
 * hot path. fn must not change what it is given; the objects stay valid snapshots afterwards,
 * since update never changes the state it replaces.
 */
export async function peek<T>(fn: (s: Readonly<State>) => T): Promise<T> {
  const c = await cached();
  return fn(c.state);
}

/** sameRecords: the map holds the very same record objects under the same ids as before. */
function sameRecords(next: Record<string, LocalRecord>, prev: Record<string, LocalRecord>): boolean {
  const ids = Object.keys(next);
  if (ids.length !== Object.keys(prev).length) return false;
  for (const id of ids) if (next[id] !== prev[id]) return false;
  return true;
}

/**
 * update runs fn on the current state under the lock; the new state is the cache's (what load,
 * peek and the next update see) as soon as fn returns, and its caller continues then. What it
 * changed is worked out and stored afterwards, in order, on the write chain (queueWrite): a page's
 * question is answered first, stored after.
 */
export function update<T>(fn: (s: State) => T | Promise<T>): Promise<T> {
  const run = chain.then(async () => {
    const c = await cached();
    const s = copyState(c.state);
    const out = await fn(s);
    capState(s);
    for (const [id, r] of Object.entries(s.records)) if (r !== c.state.records[id]) Object.freeze(r);
    // The same records: the same map, so what is worked out per records map (the buyer's history) holds.
    if (sameRecords(s.records, c.state.records)) s.records = c.state.records;
    cache = { state: s };
    queueWrite(s);
    return out;
  });
  chain = run.catch(() => undefined);
  return run;
}

/** The storage keys whose change means the dashboard should redraw. */
export const isStateKey = (key: string): boolean => key.startsWith(REC) || (KEYS as readonly string[]).includes(key);

/**
 * Secrets stay out of storage.local, which the content script reads (the badge cache,
 * shared/badgecache.ts): the refresh token lives in the extension's own IndexedDB, which no
 * content script or page can open (it belongs to the extension's origin). One database, one
 * object store, one key.
 */
const SECRET_DB = "orderwatch-secrets";
function secretDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(SECRET_DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("kv");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
async function secret(op: "get" | "put" | "delete", key: string, value?: string): Promise<unknown> {
  if (typeof indexedDB === "undefined") {
    // No IndexedDB (the unit tests in Node): storage.local, as versions before this one did.
    if (op === "get") return (await ext.storage.local.get(key))[key];
    if (op === "put") return ext.storage.local.set({ [key]: value });
    return ext.storage.local.remove(key);
  }
  const db = await secretDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction("kv", op === "get" ? "readonly" : "readwrite");
      const st = tx.objectStore("kv");
      const req = op === "get" ? st.get(key) : op === "put" ? st.put(value, key) : st.delete(key);
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** readRefresh: the refresh token, moved out of storage.local where an older version kept it. */
async function readRefresh(): Promise<string | null> {
  const v = await secret("get", "refresh_token");
  if (typeof v === "string" || typeof indexedDB === "undefined") return typeof v === "string" ? v : null;
  const { refresh_token } = await ext.storage.local.get("refresh_token");
  if (typeof refresh_token !== "string") return null;
  await secret("put", "refresh_token", refresh_token);
  await ext.storage.local.remove("refresh_token");
  return refresh_token;
}

/** Tokens: access in storage.session, refresh in the extension's IndexedDB; content scripts reach neither. */
export const tokenStore: TokenStore = {
  async get(): Promise<Tokens | null> {
    const [{ access_token }, refresh] = await Promise.all([ext.storage.session.get("access_token"), readRefresh()]);
    hasRefresh = refresh !== null;
    if (refresh === null) return null;
    return { access: typeof access_token === "string" ? access_token : "", refresh };
  },
  async set(t: Tokens): Promise<void> {
    hasRefresh = null; // not known while being written
    await Promise.all([ext.storage.session.set({ access_token: t.access }), secret("put", "refresh_token", t.refresh)]);
    hasRefresh = true;
    if (typeof indexedDB !== "undefined") await ext.storage.local.remove("refresh_token");
  },
  async clear(): Promise<void> {
    hasRefresh = null;
    await Promise.all([ext.storage.session.remove("access_token"), secret("delete", "refresh_token"), ext.storage.local.remove("refresh_token")]);
    hasRefresh = false;
  },
};

/**
 * Whether a refresh token is stored, as this worker life last read or wrote it (null: not known
 * yet, or a write under way). Only this worker stores tokens, so the dashboard's account line
 * need not open the IndexedDB for each list (tens of ms on a busy machine).
 */
let hasRefresh: boolean | null = null;
export async function hasTokens(): Promise<boolean> {
  return hasRefresh ?? (await tokenStore.get()) !== null;
}
