// The evidence pack's helpers that are not the core's: the buyer's delivered trips for the
// arrival window (assess.Trips, computed here from assessments the worker already has), and
// saving the pack as a file.
import type { Assessment } from "./assessment.js";
import type { Trip } from "../../../wasm/js/orderwatch.js";

/** tripsOf: the delivered parcels of an assessed order, as assess.Trips makes them. */
export function tripsOf(a: Assessment, country: string): Trip[] {
  if (!country || !a.method.id || a.method.id === "unknown") return [];
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
    out.push({ method: a.method.id, country: country.toUpperCase(), days: Math.round(((delivered - first) / 86_400_000) * 10) / 10 });
  }
  return out;
}

/** evidenceFileName is a safe file name for an order's pack. */
export function evidenceFileName(orderId: string): string {
  return `orderwatch-evidence-${orderId.replace(/[^A-Za-z0-9-]/g, "_").slice(0, 80)}.html`;
}
