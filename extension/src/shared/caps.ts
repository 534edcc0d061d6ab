// Bounds on what the worker keeps, so that nothing grows with time rather than with the account
// (a heavy buyer has thousands of orders and years of history). Pure: state.ts applies capState
// after every update; tested in Node (test/unit/caps.test.mjs).
//
//   notified       notification keys already shown: the newest MAX_NOTIFIED (a key that falls
//                  out is for a change months old, which the lastStatus check no longer fires);
//   lastStatus     one entry per order that still has a record;
//   cainiaoPending each order once, only orders that still have a record;
//   queue          at most one unsent mutation per order (later changes coalesce into it), plus
//                  those sent and not yet answered: so an offline browser queues at most one
//                  mutation per order however many changes the buyer makes;
//   conflicts      the newest MAX_CONFLICTS per record; dismissed keys the newest MAX_DISMISSED.
import { MAX_CONFLICTS, enqueue, type LocalRecord, type Mutation } from "./sync.js";

export const MAX_NOTIFIED = 5000;
export const MAX_DISMISSED = 100;

export interface CappedState {
  records: Record<string, LocalRecord>;
  queue: Mutation[];
  notified: string[];
  lastStatus: Record<string, string>;
  cainiaoPending: string[];
}

/** capState trims s in place to the bounds above; returns s. */
export function capState<S extends CappedState>(s: S): S {
  if (s.notified.length > MAX_NOTIFIED) s.notified = s.notified.slice(-MAX_NOTIFIED);
  for (const id of Object.keys(s.lastStatus)) if (!(id in s.records)) delete s.lastStatus[id];
  if (s.cainiaoPending.length) {
    const seen = new Set<string>();
    const keep = s.cainiaoPending.filter((id) => id in s.records && !seen.has(id) && !!seen.add(id));
    if (keep.length !== s.cainiaoPending.length) s.cainiaoPending = keep;
  }
  s.queue = coalesce(s.queue);
  for (const [id, r] of Object.entries(s.records)) {
    if (r.conflicts.length > MAX_CONFLICTS || r.dismissed.length > MAX_DISMISSED) {
      s.records[id] = { ...r, conflicts: r.conflicts.slice(-MAX_CONFLICTS), dismissed: r.dismissed.slice(-MAX_DISMISSED) };
    }
  }
  return s;
}

/** coalesce merges unsent upserts of the same order into the first (enqueue's own rule). */
export function coalesce(queue: Mutation[]): Mutation[] {
  const seen = new Set<string>();
  let dup = false;
  for (const m of queue) {
    if (m.sent || m.op !== "upsert") continue;
    if (seen.has(m.order_id)) {
      dup = true;
      break;
    }
    seen.add(m.order_id);
  }
  if (!dup) return queue;
  let out: Mutation[] = [];
  for (const m of queue) {
    if (m.sent || m.op !== "upsert") out.push(m);
    else out = enqueue(out, m.order_id, m.base_version, m.data, () => m.mutation_id);
  }
  return out;
}
