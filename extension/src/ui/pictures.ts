// The row's pictures as data: where the parcel is on the seven-step route, and how much Buyer
// Protection is left. Pure (tested in Node); view.ts draws them.
import type { Assessment } from "../shared/assessment.js";
import { protectionState } from "../shared/i18n.js";

/** The route as the buyer thinks of it, in order. */
export const STAGES = ["ordered", "shipped", "left_origin", "in_country", "customs", "local_carrier", "delivered"] as const;
export type StageStep = (typeof STAGES)[number];

export interface StagePicture {
  /** Index in STAGES of where the parcel is (steps before it are done). */
  at: number;
  /** "normal"; "returning" when it goes back to the seller; "problem" when stuck or failed there; "closed" for a cancelled order. */
  mode: "normal" | "returning" | "problem" | "closed";
}

const BY_STAGE: Record<string, number> = {
  not_shipped: 0, label_created: 1, origin: 1, international: 2, destination: 3, customs: 4, last_mile: 5, delivered: 6,
};
const PROBLEM_STATUSES = new Set(["customs_held", "delivery_failed", "exception"]);

/** stagePicture: where an order's parcel is, from the core's stage, status and order status. */
export function stagePicture(a: Pick<Assessment, "stage" | "status" | "order_status" | "parcels">): StagePicture {
  if (a.order_status === "closed") return { at: 0, mode: "closed" };
  if (a.stage === "returning" || a.status === "returning" || a.status === "returned") return { at: furthestLeg(a), mode: "returning" };
  let at = BY_STAGE[a.stage];
  if (at === undefined) {
    // exception or unknown: the furthest leg the route reached, else what the order status says.
    if (a.stage === "exception") at = furthestLeg(a);
    else at = a.order_status === "completed" ? 6 : a.order_status === "shipped" ? 1 : 0;
  }
  if (a.order_status === "completed" && a.stage === "unknown") at = 6;
  const problem = a.stage === "exception" || PROBLEM_STATUSES.has(a.status);
  return { at, mode: problem ? "problem" : "normal" };
}

function furthestLeg(a: Pick<Assessment, "parcels">): number {
  let best = 1;
  for (const p of a.parcels ?? []) {
    for (const l of p.legs ?? []) {
      if (l.state === "pending") continue;
      best = Math.max(best, l.name === "destination" ? 3 : l.name === "transit" ? 2 : 1);
    }
  }
  return best;
}

/** The span the protection bar is drawn against: AliExpress's usual 60-day window (longer ones fill it). */
export const PROTECTION_SPAN_DAYS = 60;

export interface ProtectionPicture {
  kind: "left" | "ended" | "none";
  days: number;
  /** 0..1 of the bar filled. */
  fill: number;
  /** ok above 7 days, amber at 7 or fewer, red at 3 or fewer (and once ended). */
  level: "ok" | "amber" | "red" | "none";
}

export function protectionPicture(a: Pick<Assessment, "order_status" | "protection">): ProtectionPicture {
  return protectionPictureOf(protectionState(a.order_status, a.protection.days_left, a.protection.expired));
}

/** protectionPictureOf: the bar for a protection state (protectionState), as protectionPicture draws it. */
export function protectionPictureOf(p: ReturnType<typeof protectionState>): ProtectionPicture {
  if (p.kind === "none") return { kind: "none", days: 0, fill: 0, level: "none" };
  if (p.kind === "ended") return { kind: "ended", days: p.daysAgo, fill: 0, level: "red" };
  const fill = Math.max(0, Math.min(1, p.days / PROTECTION_SPAN_DAYS));
  return { kind: "left", days: p.days, fill, level: p.days <= 3 ? "red" : p.days <= 7 ? "amber" : "ok" };
}
