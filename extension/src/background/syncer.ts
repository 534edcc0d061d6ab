// Signed in, local changes go to the server and the server's changes come back: push the queue
// (resolving conflicts per field), then pull since the cursor. One sync runs at a time.
import { ApiError, SyncApi, explainError } from "../shared/api.js";
import { applyOutcome, applyPulled, materialize, pushBody, queueUnsynced, type LocalRecord, type Mutation, type PushOutcome } from "../shared/sync.js";
import { hasTokens, load, tokenStore, update } from "./state.js";
import { newId } from "./tracking.js";

/** How a failed sync is put into words for the buyer; the worker sets its language's lookup (index.ts). */
let errorWords: (key: string) => string = (key) => key;
export function setErrorWords(words: (key: string) => string): void {
  errorWords = words;
}

/**
 * What one push may carry: the server takes at most 500 mutations (server/validate.go,
 * MaxPushMutations) in a body of at most 1 MB (server/api/routes.go, pushBodyLimit). A batch
 * stops at whichever comes first, measured on the body as it will be sent (UTF-8 bytes), with
 * room to spare for the envelope. The first sync of a 2,000-order account goes up in a handful
 * of such batches in one run.
 */
export const PUSH_MAX_MUTATIONS = 500;
export const PUSH_MAX_BYTES = 900_000;
/** Pushes per run: enough for a 2,000-order account of heavy orders; the alarm does the rest. */
const MAX_ROUNDS = 100;
const utf8 = new TextEncoder();

/**
 * takeBatch picks the mutations of the next push from the head of the queue (in order, never
 * skipping one): as many as fit in PUSH_MAX_MUTATIONS and PUSH_MAX_BYTES, and at least one.
 */
export function takeBatch(queue: Mutation[], records: Record<string, LocalRecord>, deviceId: string): Mutation[] {
  const out: Mutation[] = [];
  let bytes = utf8.encode(JSON.stringify(pushBody(deviceId, []))).length;
  for (const m of queue) {
    if (out.length >= PUSH_MAX_MUTATIONS) break;
    const size = utf8.encode(JSON.stringify(pushBody(deviceId, [materialize(m, records[m.order_id])]).mutations[0])).length + 1;
    if (out.length > 0 && bytes + size > PUSH_MAX_BYTES) break;
    out.push(m);
    bytes += size;
  }
  return out;
}

export async function api(): Promise<SyncApi> {
  const { settings } = await load();
  return new SyncApi(settings.serverUrl, tokenStore);
}

export async function signedIn(): Promise<boolean> {
  return hasTokens();
}

let running: Promise<SyncResult> | null = null;
/** The run that follows the one in progress, shared by everyone who asked during it. */
let next: Promise<SyncResult> | null = null;

export interface SyncResult {
  ok: boolean;
  pushed: number;
  pulled: number;
  error?: string;
}

/**
 * syncNow pushes and pulls. A caller during a run gets a run that starts after it: the run in
 * progress may have pushed before the caller's change was queued, and the next alarm is
 * minutes away. Callers during one run share the one run that follows.
 */
export function syncNow(): Promise<SyncResult> {
  if (running) {
    const after = () => {
      next = null;
      return syncNow();
    };
    next ??= running.then(after, after);
    return next;
  }
  running = doSync().finally(() => {
    running = null;
  });
  return running;
}

async function doSync(): Promise<SyncResult> {
  if (!(await signedIn())) return { ok: false, pushed: 0, pulled: 0, error: "not signed in" };
  const client = await api();
  let pushed = 0;
  let pulled = 0;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { queue, settings, records } = await load();
      const batch = takeBatch(queue, records, settings.deviceId);
      if (batch.length === 0) break;
      const ids = new Set(batch.map((m) => m.mutation_id));
      // Marked as sent before it goes: a retry after a lost answer reuses the same ids.
      await update((s) => {
        s.queue = s.queue.map((m) => (ids.has(m.mutation_id) ? { ...materialize(m, s.records[m.order_id]), sent: true } : m));
      });
      const sent = (await load()).queue.filter((m) => ids.has(m.mutation_id));
      const outcomes = await pushIsolating(client, settings.deviceId, sent);
      await update((s) => {
        let st = { records: s.records, queue: s.queue };
        const now = new Date().toISOString();
        for (const o of outcomes) {
          const r = applyOutcome(st, o, s.settings.deviceId, now, newId);
          st = r.state;
          // The server refused one order's data: the buyer gets the sentence, the console the detail.
          if (r.error) {
            console.warn(r.error);
            s.settings.lastSyncError = errorWords("api_error_invalid");
          }
          if (o.status === "applied") pushed++;
        }
        s.records = st.records;
        s.queue = st.queue;
      });
      if (outcomes.length === 0) break;
    }
    for (let page = 0; page < 1000; page++) {
      const { settings } = await load();
      let res;
      try {
        res = await client.pull(settings.cursor);
      } catch (err) {
        if (err instanceof ApiError && err.kind === "gone") {
          // The cursor is older than the server's tombstone horizon: start over.
          await update((s) => {
            s.settings.cursor = 0;
          });
          continue;
        }
        throw err;
      }
      await update((s) => {
        const st = applyPulled({ records: s.records, queue: s.queue }, res.changes, new Date().toISOString());
        s.records = st.records;
        s.settings.cursor = Math.max(s.settings.cursor, res.cursor);
      });
      pulled += res.changes.length;
      if (!res.has_more) break;
    }
    await update((s) => {
      s.settings.lastSyncAt = new Date().toISOString();
      s.settings.lastSyncError = "";
    });
    return { ok: true, pushed, pulled };
  } catch (err) {
    // The buyer sees a sentence in their language, never the server's JSON or an English code.
    const msg = explainError(err, "sync", errorWords);
    await update((s) => {
      s.settings.lastSyncError = msg;
    });
    if (err instanceof ApiError && err.kind === "unauthorized") await tokenStore.clear();
    return { ok: false, pushed, pulled, error: msg };
  }
}

/**
 * pushIsolating pushes a batch; when the server refuses the whole batch (400: one mutation is
 * invalid), it pushes them one by one so that one bad order cannot hold back the others. A
 * mutation refused on its own is reported as rejected (and dropped); the local data stays.
 */
async function pushIsolating(client: SyncApi, deviceId: string, batch: Mutation[]): Promise<PushOutcome[]> {
  try {
    return await client.push(deviceId, batch);
  } catch (err) {
    if (!(err instanceof ApiError) || err.kind !== "bad_request") throw err;
    if (err.status === 413 && batch.length > 1) {
      // Too large after all (the server's limit changed): halves, not one by one.
      const half = Math.ceil(batch.length / 2);
      return [...(await pushIsolating(client, deviceId, batch.slice(0, half))), ...(await pushIsolating(client, deviceId, batch.slice(half)))];
    }
    if (batch.length === 1) return [{ status: "rejected", mutation_id: batch[0].mutation_id, reason: err.message }];
    const out: PushOutcome[] = [];
    for (const m of batch) out.push(...(await pushIsolating(client, deviceId, [m])));
    return out;
  }
}

/** afterSignIn: take the account's orders first, then offer ours that it does not have. */
export async function afterSignIn(email: string): Promise<SyncResult> {
  await update((s) => {
    s.settings.email = email;
    s.settings.cursor = 0;
    // Versions seen on another account (or server) mean nothing here.
    for (const id of Object.keys(s.records)) s.records[id] = { ...s.records[id], version: 0 };
    s.queue = s.queue.map((m) => ({ ...m, base_version: 0, sent: false, mutation_id: newId() }));
  });
  const first = await syncNow();
  if (!first.ok) return first;
  await update((s) => {
    const st = queueUnsynced({ records: s.records, queue: s.queue }, newId);
    s.queue = st.queue;
  });
  return syncNow();
}
