// Tracking data arriving in the service worker: results the content script fetched in the
// buyer's session, and Cainiao's public tracking fetched from here by number.
import { CainiaoError, cainiaoUrl, mergeEvents, parseCainiao } from "../shared/cainiao.js";
import { pageKey, type Order, type Parcel } from "../shared/order.js";
import { Limiter, Retryable, withRetries } from "../shared/politeness.js";
import { enqueue, newRecord, type LocalRecord } from "../shared/sync.js";
import { load, update, type State } from "./state.js";

const limiter = new Limiter();

export const newId = () => crypto.randomUUID();

/** upsertPageOrders records orders read from the page; page facts never overwrite tracking. */
export function upsertPageOrders(s: State, orders: Order[], now: string): string[] {
  const changed: string[] = [];
  for (const o of orders) {
    const rec = s.records[o.order_id];
    const key = pageKey(o);
    if (!rec) {
      s.records[o.order_id] = { ...newRecord(o, now), pageKey: key };
      s.queue = enqueue(s.queue, o.order_id, 0, { orderChanged: true }, newId);
      changed.push(o.order_id);
      continue;
    }
    const merged: Order = { ...rec.order, ...o, parcels: rec.order.parcels, buyer: rec.order.buyer };
    if (!o.items && rec.order.items) merged.items = rec.order.items;
    const old = rec.order.protection;
    // The same Buyer Protection line read again is no news: keep when it was first read, so a
    // page view does not rewrite (and re-sync, and re-judge) every order.
    if (!o.protection && old) merged.protection = old;
    else if (o.protection && old && o.protection.days_left === old.days_left && o.protection.text === old.text) merged.protection = old;
    if (!merged.parcels) delete merged.parcels;
    if (!merged.buyer) delete merged.buyer;
    if (JSON.stringify(merged) !== JSON.stringify(rec.order)) {
      s.records[o.order_id] = { ...rec, order: merged, pageKey: key };
      s.queue = enqueue(s.queue, o.order_id, rec.version, { orderChanged: true }, newId);
      changed.push(o.order_id);
    } else if (rec.pageKey !== key) {
      // Only the fingerprint is new (a first reading since this field existed): nothing to sync.
      s.records[o.order_id] = { ...rec, pageKey: key };
    }
  }
  return changed;
}

/** mergeParcels keeps events already known (e.g. from Cainiao) for numbers AliExpress still reports. */
export function mergeParcels(old: Parcel[] | undefined, fresh: Parcel[]): Parcel[] {
  return fresh.map((p) => {
    const nums = new Set((p.numbers ?? []).map((n) => n.number));
    const prev = (old ?? []).find((q) => (q.numbers ?? []).some((n) => nums.has(n.number)));
    return prev ? { ...p, events: mergeEvents(p.events ?? [], prev.events ?? []) } : p;
  });
}

export async function applyTracking(orderId: string, parcels: Parcel[], method: string | undefined, now: string, promise?: Order["promise"]): Promise<LocalRecord> {
  return update((s) => {
    const rec = s.records[orderId] ?? newRecord({ order_id: orderId }, now);
    const order: Order = { ...rec.order, parcels: mergeParcels(rec.order.parcels, parcels) };
    if (method && !order.shipping_method) order.shipping_method = method;
    if (promise) order.promise = promise; // AliExpress's latest word on its own promise
    const { error: _e, ...rest } = rec;
    const next: LocalRecord = { ...rest, order, trackedAt: now };
    s.records[orderId] = next;
    s.queue = enqueue(s.queue, orderId, rec.version, { orderChanged: true }, newId);
    return next;
  });
}

export async function applyTrackingError(orderId: string, code: string, message: string, now: string): Promise<void> {
  await update((s) => {
    const rec = s.records[orderId] ?? newRecord({ order_id: orderId }, now);
    s.records[orderId] = { ...rec, error: { code, message, at: now } };
  });
}

async function fetchCainiao(number: string) {
  // Every try takes its own slot, so retries count against the rate too.
  return withRetries(() =>
    limiter.run(async () => {
      let res: Response;
      try {
        res = await fetch(cainiaoUrl(number), { credentials: "omit" });
      } catch (err) {
        throw new Retryable(`cainiao: network error: ${(err as Error).message}`);
      }
      if (res.status === 429 || res.status >= 500) throw new Retryable(`cainiao: HTTP ${res.status}`);
      if (!res.ok) throw new CainiaoError("layout_changed", `cainiao: HTTP ${res.status}`);
      return parseCainiao(await res.json(), number);
    }),
  );
}

const FINAL = new Set(["delivered", "returned"]);

/**
 * refreshViaCainiao fetches Cainiao's public tracking for every number of the given (or all
 * unfinished) orders and merges the events into the parcel that carries the number.
 */
export async function refreshViaCainiao(onlyIds?: string[], isFinal: (id: string) => boolean = () => false): Promise<number> {
  const { records } = await load();
  const jobs: { orderId: string; number: string }[] = [];
  for (const rec of Object.values(records ?? {})) {
    const id = rec.order.order_id;
    if (onlyIds && !onlyIds.includes(id)) continue;
    if (!onlyIds && (rec.marks.archived || rec.marks.received === true || isFinal(id))) continue;
    for (const p of rec.order.parcels ?? []) for (const n of p.numbers ?? []) jobs.push({ orderId: id, number: n.number });
  }
  let updated = 0;
  await Promise.all(jobs.map(async ({ orderId, number }) => {
    try {
      const reading = await fetchCainiao(number);
      if (reading.events.length === 0) return;
      await update((s) => {
        const rec = s.records[orderId];
        if (!rec) return;
        const parcels = (rec.order.parcels ?? []).map((p) =>
          (p.numbers ?? []).some((n) => n.number === number) ? { ...p, events: mergeEvents(p.events ?? [], reading.events) } : p);
        const order = { ...rec.order, parcels };
        if (JSON.stringify(order) === JSON.stringify(rec.order)) return;
        s.records[orderId] = { ...rec, order };
        s.queue = enqueue(s.queue, orderId, rec.version, { orderChanged: true }, newId);
        updated++;
      });
    } catch (err) {
      console.warn(`OrderWatch: Cainiao refresh of ${number} failed:`, (err as Error).message);
    }
  }));
  return updated;
}

export { FINAL };
