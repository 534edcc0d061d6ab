// The badge cache: the one place where a judged badge is kept between judgements. Pure (no
// chrome.*): the worker (background/badgestore.ts) and the content script (content/index.ts)
// both read it through these functions, so that they agree on the key and on when an entry
// holds.
//
// Where:  chrome.storage.local, one key per order: badgeKey(orderId) = "badge:<order id>".
//         storage.local is readable by the content script, so a My Orders tab draws the badges
//         of orders judged before without a message to the worker (which Chromium stops after
//         30 s idle; waking it and starting the core costs hundreds of ms).
// Value:  BadgeEntry {page, input, lang, at, badge}:
//           page  = pageKey() of the My Orders reading of the order when it was judged ("" when
//                   the order was never read from a page, e.g. a number added by hand);
//           input = inputKey(): a hash of the order exactly as the core judged it (buyer marks
//                   folded in), the core language and the last tracking error;
//           lang  = the core language the label and texts are in;
//           at    = when it was judged (ms since the epoch).
// Written: only by the worker, right after it judged the order (the page's badges, a tracking
//         result, a tracking error), through the same ordered write chain as the records.
// Memory copies: the worker keeps the entries it wrote or read in a Map keyed by order id (the
//         same entries, never anything else); the content script keeps the badges it drew for
//         re-rendered cards, keyed by order id and checked against the card's page key.
// Invalidation rules:
//   1. The worker uses an entry instead of the core only when input and lang are the same as
//      now and the entry is younger than BADGE_TTL_MS (day counts move with the clock).
//   2. The content script draws an entry at once when its page is the card's pageKey; when the
//      entry is older than BADGE_TTL_MS it still draws it and asks the worker to judge the order
//      again (the answer replaces the badge only if it differs: see sameBadge).
//   3. Any change of an order's record (tracking, a sync pull, marks, a new page reading)
//      removes its entry in the same storage write (state.ts), unless the worker writes a new
//      one for that record; a record removed takes its entry with it.
//   4. Entries never outnumber records: rule 3 and pruneBadgeKeys keep one per record at most.
//   5. The worker's assessments (background/core.ts, for the dashboard, popup, notifications and
//      export) are memory copies under this same scheme, not a second cache: one per order id,
//      holding the inputKey and lang they were judged on and when; one is reused only as rule 1
//      says (stillHolds: same input, same lang, younger than BADGE_TTL_MS), else the order is
//      judged again. They are never stored, so rules 3 and 4 hold through the input key.
// Prefetch list: RECENT_KEY ("badgesRecent") holds the ids (not badges) of the cards a My Orders
//   tab showed last, at most RECENT_MAX, written by the content script; the next tab reads
//   their entries at document_start, before its cards exist. A stale id only costs a lookup.
import type { BadgeInfo } from "./assessment.js";
import type { Order } from "./order.js";
import { canonicalJSON, fnv1a } from "./text.js";

export const BADGE_PREFIX = "badge:";
export const RECENT_KEY = "badgesRecent";
export const RECENT_MAX = 120;
/** How long a judged badge holds without the core: day counts change slowly. */
export const BADGE_TTL_MS = 5 * 60 * 1000;

export interface BadgeEntry {
  page: string;
  input: string;
  lang: string;
  at: number;
  badge: BadgeInfo;
}

export const badgeKey = (orderId: string): string => BADGE_PREFIX + orderId;
export const isBadgeKey = (key: string): boolean => key.startsWith(BADGE_PREFIX);

/** inputKey is what a badge was judged on: the order as the core saw it, its language, the last error. */
export function inputKey(coreOrder: Order, lang: string, errorCode: string | undefined): string {
  return fnv1a(canonicalJSON(coreOrder) + "|" + lang + "|" + (errorCode ?? ""));
}

const fresh = (e: { at: number }, now: number): boolean => now - e.at >= 0 && now - e.at < BADGE_TTL_MS;

/** Rules 1 and 5: what was judged on (input, lang) at `at` still holds for this input now. */
export function stillHolds(e: { input: string; lang: string; at: number }, input: string, lang: string, now: number): boolean {
  return e.input === input && e.lang === lang && fresh(e, now);
}

/** Rule 1: the worker may answer with the entry instead of asking the core. */
export function workerMayUse(e: BadgeEntry | undefined, input: string, lang: string, now: number): e is BadgeEntry {
  return !!e && stillHolds(e, input, lang, now);
}

/**
 * Rule 2: what the content script does with an entry for a card that reads as page:
 * "final" (draw, nothing more), "refine" (draw, then ask the worker), "none" (no usable entry).
 */
export function pageUse(e: BadgeEntry | undefined, page: string, now: number): "final" | "refine" | "none" {
  if (!isEntry(e) || e.page === "" || e.page !== page) return "none";
  return fresh(e, now) ? "final" : "refine";
}

/** isEntry checks the shape of a value read from storage (another version may have written it). */
export function isEntry(v: unknown): v is BadgeEntry {
  if (!v || typeof v !== "object") return false;
  const e = v as Record<string, unknown>;
  const b = e.badge as Record<string, unknown> | undefined;
  return typeof e.page === "string" && typeof e.input === "string" && typeof e.lang === "string" && typeof e.at === "number" &&
    !!b && typeof b === "object" && typeof b.orderId === "string" && typeof b.verdict === "string" && typeof b.status === "string";
}

/**
 * sameBadge: two badges that say the same to the buyer. A refinement that says the same is not
 * drawn again, so the badge never changes for the same data.
 */
export function sameBadge(a: BadgeInfo, b: BadgeInfo): boolean {
  return canonicalJSON(a) === canonicalJSON(b);
}

/** Rule 4: the badge keys whose order has no record any more. */
export function pruneBadgeKeys(keys: string[], hasRecord: (orderId: string) => boolean): string[] {
  return keys.filter((k) => isBadgeKey(k) && !hasRecord(k.slice(BADGE_PREFIX.length)));
}
