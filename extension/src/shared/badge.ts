// What the service worker derives from a record and its assessment for the badge, the
// dashboard rows, the export and the notifications. Pure: no chrome.*, tested in Node.
import type { Assessment, BadgeInfo } from "./assessment.js";
import type { LocalRecord } from "./sync.js";
import type { Order } from "./order.js";
import { protectionState, type I18n } from "./i18n.js";

/** orderForCore is the order as the core should judge it: the buyer's marks folded in. */
export function orderForCore(rec: LocalRecord, lang: string): Order {
  const buyer = { ...(rec.order.buyer ?? {}), lang };
  if (rec.marks.received !== null) buyer.received = rec.marks.received;
  else delete buyer.received;
  buyer.dispute_opened = rec.marks.dispute_opened;
  return { ...rec.order, buyer };
}

export const isTracked = (rec: LocalRecord): boolean => (rec.order.parcels ?? []).some((p) => (p.events?.length ?? 0) > 0 || (p.numbers?.length ?? 0) > 0);

/**
 * badgeFor: status is always the parcel status code (the test contract); the words say the
 * order status until the order is tracked, since "no tracking info" says less than
 * "Awaiting shipment".
 */
export function badgeFor(rec: LocalRecord, a: Assessment, label: (code: string) => string, i18n?: I18n): BadgeInfo {
  const tracked = isTracked(rec);
  const words = tracked || a.order_status === "unknown" ? a.status : a.order_status;
  const reason = a.reasons[0]?.text || a.summary || "";
  const p = protectionState(a.order_status, a.protection.days_left, a.protection.expired);
  const badge: BadgeInfo = {
    orderId: rec.order.order_id,
    status: a.status,
    orderStatus: a.order_status,
    verdict: a.verdict,
    label: label(words),
    daysSinceUpdate: a.days_since_update,
    protectionDaysLeft: p.kind === "left" ? p.days : null,
    protectionEndedDaysAgo: p.kind === "ended" ? p.daysAgo : null,
    reason,
    tracked,
  };
  if (rec.error) badge.error = rec.error.code;
  if (i18n) {
    badge.text = badgeLine(badge, i18n);
    badge.verdictText = i18n.t(`verdict_${a.verdict}`);
    badge.lang = i18n.tag;
    badge.dir = i18n.dir;
  }
  return badge;
}

/**
 * badgeLine: the badge's words — status, days since the last update, Buyer Protection (days
 * left, or how long ago it ended; nothing on unpaid, closed or completed orders), error.
 */
export function badgeLine(b: BadgeInfo, i18n: I18n): string {
  const parts = [b.label];
  if (b.daysSinceUpdate !== null && b.daysSinceUpdate > 0) parts.push(i18n.t("badge_days_since_update", i18n.days(b.daysSinceUpdate, "short")));
  if (b.protectionDaysLeft !== null && b.protectionDaysLeft >= 0) parts.push(i18n.t("badge_protection_left", i18n.days(b.protectionDaysLeft, "short")));
  else if (b.protectionEndedDaysAgo !== null && b.protectionEndedDaysAgo !== undefined) parts.push(i18n.t("badge_protection_ended", i18n.ago(b.protectionEndedDaysAgo)));
  if (b.error) parts.push(i18n.t(`error_${b.error}`));
  return parts.join(" · ");
}

const VERDICT_RANK: Record<string, number> = { act: 0, watch: 1, normal: 2 };

/** Filters of the dashboard. */
export type Filter = "all" | "action" | "transit" | "delivered" | "archived";

const DELIVERED = new Set(["delivered", "completed"]);

export function matchesFilter(rec: LocalRecord, a: Assessment, f: Filter): boolean {
  return filterMatches({ archived: rec.marks.archived, received: rec.marks.received, status: a.status, verdict: a.verdict }, f);
}

/** What the filters read of an order: its marks and the core's status and verdict. */
export interface FilterFacts {
  archived: boolean;
  received: boolean | null;
  status: string;
  verdict: string;
}

export function filterMatches(x: FilterFacts, f: Filter): boolean {
  if (f === "all") return true; // archived orders too, listed last
  if (f === "archived") return x.archived;
  if (x.archived) return false;
  const done = DELIVERED.has(x.status) || x.received === true;
  if (f === "action") return x.verdict !== "normal";
  if (f === "delivered") return done;
  if (f === "transit") return !done && x.status !== "unknown";
  return true;
}

export function matchesSearch(rec: LocalRecord, q: string): boolean {
  return textsMatch(searchTexts(rec), q);
}

/** The texts the search looks in: order id, store, order status text, note, item titles, tracking numbers. */
export function searchTexts(rec: LocalRecord): unknown[] {
  const o = rec.order;
  return [o.order_id, o.store, o.status_text, rec.note, ...(o.items ?? []).map((i) => i.title), ...(o.parcels ?? []).flatMap((p) => (p.numbers ?? []).map((n) => n.number))];
}

/** textsMatch: does any of the texts hold the query (trimmed, any case)? An empty query matches. */
export function textsMatch(texts: readonly unknown[], q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return texts.some((h) => typeof h === "string" && h.toLowerCase().includes(s));
}

/**
 * newestFirst orders records by order date, then id, newest first. Plain comparisons (ISO dates
 * and digit strings sort as text): localeCompare's first call in a worker costs tens of ms.
 */
export function newestFirst(a: LocalRecord, b: LocalRecord): number {
  const da = String(a.order.order_date ?? "");
  const db = String(b.order.order_date ?? "");
  if (da !== db) return da < db ? 1 : -1;
  const ia = a.order.order_id;
  const ib = b.order.order_id;
  return ia === ib ? 0 : ia.length !== ib.length ? ib.length - ia.length : ia < ib ? 1 : -1;
}

/** sortActFirst: act, then watch, then normal; within each the longest silence first. */
export function compareActFirst(a: Assessment, b: Assessment): number {
  const r = (VERDICT_RANK[a.verdict] ?? 3) - (VERDICT_RANK[b.verdict] ?? 3);
  if (r !== 0) return r;
  const pa = a.protection.days_left ?? 9999;
  const pb = b.protection.days_left ?? 9999;
  if (pa !== pb) return pa - pb;
  return (b.days_since_update ?? -1) - (a.days_since_update ?? -1);
}
