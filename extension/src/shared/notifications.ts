// Which notifications an assessment calls for, deduplicated by key. Pure; tested in Node.
import type { Assessment } from "./assessment.js";
import type { LocalRecord } from "./sync.js";

/** Parcel statuses worth telling the buyer about as soon as they happen. */
export const NOTIFY_STATUSES = new Set(["out_for_delivery", "pickup_ready", "delivery_failed", "delivered", "customs_held", "returning", "returned", "exception"]);

export interface Notice {
  key: string;
  orderId: string;
  kind: "status" | "act" | "protection";
  status?: string;
  days?: number;
}

/**
 * noticesFor lists what to notify for one order. A status change notifies only when a previous
 * status was known (the first "Track all" must not flood the buyer, now or at the next refresh:
 * first sight records the order's reason to act in `seen`); protection warnings fire at
 * 7, 3 and 1 days unless the buyer has the parcel, opened a dispute or archived the order.
 */
export function noticesFor(rec: LocalRecord, a: Assessment, prevStatus: string | undefined, seen: Set<string>): Notice[] {
  const id = rec.order.order_id;
  const out: Notice[] = [];
  const add = (n: Notice) => {
    if (!seen.has(n.key)) out.push(n);
  };
  if (rec.marks.archived) return out;
  if (prevStatus !== undefined && prevStatus !== a.status && NOTIFY_STATUSES.has(a.status)) {
    add({ key: `status:${id}:${a.status}`, orderId: id, kind: "status", status: a.status });
  }
  if (a.verdict === "act") {
    const key = `act:${id}:${a.reasons[0]?.code ?? a.status}`;
    // At first sight the buyer is looking at the order already ("Track all"): the reason is
    // recorded as known, so only a later, new reason to act notifies.
    if (prevStatus === undefined) seen.add(key);
    else add({ key, orderId: id, kind: "act", status: a.status });
  }
  const w = a.protection.warning;
  if ((w === 7 || w === 3 || w === 1) && rec.marks.received !== true && !rec.marks.dispute_opened && !a.protection.expired && a.status !== "delivered") {
    add({ key: `protection:${id}:${w}`, orderId: id, kind: "protection", days: a.protection.days_left ?? w });
  }
  return out;
}

/** At most this many notifications at once; the rest are summed up in one. */
export const MAX_NOTICES = 3;
