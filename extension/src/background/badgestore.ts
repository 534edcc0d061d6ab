// The worker's side of the badge cache (shared/badgecache.ts, where the key scheme and the
// invalidation rules are written): a Map of the entries this worker wrote or read, backed by
// chrome.storage.local, which the content script reads directly.
import { ext } from "../shared/browser.js";
import { orderForCore } from "../shared/badge.js";
import { BADGE_PREFIX, badgeKey, inputKey, isEntry, workerMayUse, type BadgeEntry } from "../shared/badgecache.js";
import type { BadgeInfo } from "../shared/assessment.js";
import type { LocalRecord } from "../shared/sync.js";
import { onStorageRead, writeBadges } from "./state.js";

const entries = new Map<string, BadgeEntry>();
/**
 * Every entry in storage is also in entries: the worker's first read of storage (state.ts reads
 * it all) brought them, and only this worker writes them. A record then needs no storage read to
 * learn that it has no entry — on a first visit that read stood between the page's question and
 * the core (a storage round trip, tens of ms, far more on a busy machine).
 */
let complete = false;
onStorageRead((all) => {
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(BADGE_PREFIX) || !isEntry(v)) continue;
    const id = k.slice(BADGE_PREFIX.length);
    if (!entries.has(id)) entries.set(id, v); // one written since is newer
  }
  complete = true;
});

/** Records are never changed in place (update copies first): a record's input key is computed once. */
const inputs = new WeakMap<LocalRecord, { lang: string; key: string }>();
export function recordInput(r: LocalRecord, lang: string): string {
  const m = inputs.get(r);
  if (m && m.lang === lang) return m.key;
  const key = inputKey(orderForCore(r, lang), lang, r.error?.code);
  inputs.set(r, { lang, key });
  return key;
}

/**
 * cachedBadges returns the badges still good for these records (rule 1), from memory, else
 * from storage.local in one read (a worker just woken has nothing in memory).
 */
export async function cachedBadges(records: LocalRecord[], lang: string, now: number): Promise<Map<string, BadgeInfo>> {
  const out = new Map<string, BadgeInfo>();
  const missing: LocalRecord[] = [];
  for (const r of records) {
    const id = r.order.order_id;
    const e = entries.get(id);
    if (workerMayUse(e, recordInput(r, lang), lang, now)) out.set(id, e.badge);
    else missing.push(r);
  }
  if (missing.length && !complete) {
    const got = await ext.storage.local.get(missing.map((r) => badgeKey(r.order.order_id))).catch(() => ({}) as Record<string, unknown>);
    for (const r of missing) {
      const id = r.order.order_id;
      const e = (got as Record<string, unknown>)[badgeKey(id)];
      if (!isEntry(e)) continue;
      entries.set(id, e);
      if (workerMayUse(e, recordInput(r, lang), lang, now)) out.set(id, e.badge);
    }
  }
  return out;
}

/** storeBadges keeps freshly judged badges, in memory at once and in storage on the write chain. */
export function storeBadges(judged: { rec: LocalRecord; badge: BadgeInfo }[], lang: string, now: number): void {
  const batch: Record<string, BadgeEntry> = {};
  for (const { rec, badge } of judged) {
    const e: BadgeEntry = { page: rec.pageKey ?? "", input: recordInput(rec, lang), lang, at: now, badge };
    entries.set(rec.order.order_id, e);
    batch[rec.order.order_id] = e;
  }
  writeBadges(batch);
}
