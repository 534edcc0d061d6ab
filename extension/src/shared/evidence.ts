// The evidence pack's helpers that are not the core's: the buyer's delivered trips for the
// arrival window (assess.Trips, computed here from assessments the worker already has), and
// saving the pack as a file.
import type { Assessment } from "./assessment.js";
import type { Trip } from "../../../wasm/js/orderwatch.js";

/**
 * tripsOf: the delivered parcels of an assessed order, as assess.Trips makes them. country is the
 * order's destination, "" when not known (My Orders does not say it): such trips compare with the
 * buyer's other orders of unknown country, which went to the same buyer.
 */
export function tripsOf(a: Assessment, country: string): Trip[] {
  if (!a.method.id || a.method.id === "unknown") return [];
  const out: Trip[] = [];
  for (const p of a.parcels) {
    if (p.status !== "delivered") continue;
    let first: number | null = null;
    let delivered: number | null = null;
    for (const e of p.timeline ?? []) {
      if (!e.at || e.noise) continue;
      const t = Date.parse(e.at);
      if (first === null) first = t;
      if (e.status === "delivered" && delivered === null) delivered = t;
    }
    if (first === null || delivered === null || delivered <= first) continue;
    out.push({ method: a.method.id, country: (country ?? "").toUpperCase(), days: Math.round(((delivered - first) / 86_400_000) * 10) / 10 });
  }
  return out;
}

/** evidenceFileName is a safe file name for an order's pack. */
export function evidenceFileName(orderId: string): string {
  return `orderwatch-evidence-${orderId.replace(/[^A-Za-z0-9-]/g, "_").slice(0, 80)}.html`;
}

/**
 * historyOf: the buyer's own history for the arrival window — the delivered trips of every
 * order (assessed already), each with its order's country. Local-first: it is computed in the
 * browser from the orders stored there and goes to the core, never to a server.
 */
export function historyOf(orders: Iterable<{ id: string; country?: string }>, assessed: ReadonlyMap<string, Assessment>): Trip[] {
  const out: Trip[] = [];
  for (const o of orders) {
    const a = assessed.get(o.id);
    if (a) out.push(...tripsOf(a, o.country ?? ""));
  }
  out.sort((x, y) => (x.method < y.method ? -1 : x.method > y.method ? 1 : x.country < y.country ? -1 : x.country > y.country ? 1 : x.days - y.days));
  return out;
}

/** historyKey: one string per history (order-insensitive: historyOf sorts), for caches. */
export function historyKey(history: readonly Trip[]): string {
  return history.map((t) => `${t.method}/${t.country}/${t.days}`).join(",");
}

/**
 * historyMatters: whether a history can change this assessment's window — the order is still on
 * its way and at least 3 trips (assess minHistoryTrips) share its method and country and took at
 * least as long as it has been travelling (whole days: never fewer than the core counts).
 */
export function historyMatters(a: Assessment, country: string, history: readonly Trip[]): boolean {
  if (!a.eta || !a.method.known) return false;
  const c = (country ?? "").toUpperCase();
  const travelled = a.days_since_shipment ?? 0;
  let n = 0;
  for (const t of history) if (t.method === a.method.id && t.country === c && t.days >= travelled && ++n >= 3) return true;
  return false;
}
