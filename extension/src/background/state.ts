// The service worker's state lives in chrome.storage (an MV3 worker can be stopped at any
// moment): records, the mutation queue and settings in storage.local; the access token in
// storage.session (memory only, trusted contexts only). Every read-modify-write goes through
// one promise chain so two messages cannot interleave their updates.
import { ext } from "../shared/browser.js";
import type { LocalRecord, Mutation } from "../shared/sync.js";
import type { Tokens, TokenStore } from "../shared/api.js";
import type { PageStateCode } from "../shared/messages.js";

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

interface Cache {
  state: State;
  /** The JSON of each key as last stored: tells which keys an update changed. */
  json: Record<string, string>;
  recJson: Record<string, string>;
}

// Only this background writes these keys, so a copy in memory stays true for as long as the
// worker lives; storage is read again after every restart.
let cache: Cache | null = null;

async function readStorage(): Promise<State> {
  const got = (await ext.storage.local.get(null)) as Record<string, unknown> & Partial<State>;
  const d = defaults();
  const records: Record<string, LocalRecord> = {};
  for (const [k, v] of Object.entries(got)) if (k.startsWith(REC)) records[k.slice(REC.length)] = v as LocalRecord;
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
        cache ??= {
          state,
          json: Object.fromEntries(KEYS.map((k) => [k, JSON.stringify(state[k])])),
          recJson: Object.fromEntries(Object.entries(state.records).map(([id, r]) => [id, JSON.stringify(r)])),
        };
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

/** load returns a copy of the state: changing it changes nothing. Use update to write. */
export async function load(): Promise<State> {
  const c = await cached();
  return structuredClone(c.state);
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

/** update runs fn on the current state under the lock and stores what it changed. */
export function update<T>(fn: (s: State) => T | Promise<T>): Promise<T> {
  const run = chain.then(async () => {
    const c = await cached();
    const s = structuredClone(c.state);
    const out = await fn(s);
    const changed: Record<string, unknown> = {};
    const json: Record<string, string> = {};
    for (const k of KEYS) {
      json[k] = JSON.stringify(s[k]);
      if (json[k] !== c.json[k]) changed[k] = s[k];
    }
    const recJson: Record<string, string> = {};
    for (const [id, r] of Object.entries(s.records)) {
      // Records the update did not touch are the same objects' copies; compare their JSON.
      recJson[id] = JSON.stringify(r);
      if (recJson[id] !== c.recJson[id]) changed[REC + id] = r;
    }
    const removed = Object.keys(c.recJson).filter((id) => !(id in s.records)).map((id) => REC + id);
    if (Object.keys(changed).length || removed.length) {
      cache = { state: s, json, recJson };
      // Writes go out in order on their own chain: the answer to a message does not wait for
      // the disk, and the cache already holds the new state. Each starts in a task of its own:
      // handing a batch of records to chrome.storage costs tens of milliseconds of this thread,
      // which a microtask would spend before the message that caused it is answered.
      writes = writes.then(async () => {
        await new Promise((r) => setTimeout(r, 0));
        if (Object.keys(changed).length) await ext.storage.local.set(changed);
        if (removed.length) await ext.storage.local.remove(removed);
      }).catch((err) => console.error("OrderWatch: storage write failed:", err));
    }
    return out;
  });
  chain = run.catch(() => undefined);
  return run;
}

/** The storage keys whose change means the dashboard should redraw. */
export const isStateKey = (key: string): boolean => key.startsWith(REC) || (KEYS as readonly string[]).includes(key);

/** Tokens: access in storage.session, refresh in storage.local; content scripts get neither API. */
export const tokenStore: TokenStore = {
  async get(): Promise<Tokens | null> {
    const [{ access_token }, { refresh_token }] = await Promise.all([ext.storage.session.get("access_token"), ext.storage.local.get("refresh_token")]);
    if (typeof refresh_token !== "string") return null;
    return { access: typeof access_token === "string" ? access_token : "", refresh: refresh_token };
  },
  async set(t: Tokens): Promise<void> {
    await Promise.all([ext.storage.session.set({ access_token: t.access }), ext.storage.local.set({ refresh_token: t.refresh })]);
  },
  async clear(): Promise<void> {
    await Promise.all([ext.storage.session.remove("access_token"), ext.storage.local.remove("refresh_token")]);
  },
};
