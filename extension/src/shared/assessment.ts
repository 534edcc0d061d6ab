// The core's types come from the WASM engineer's contract (wasm/js/orderwatch.d.ts); this module
// adds only what the extension derives from them.
export type { Assessment, Advice as AdviceJSON, Verdict, TimelineEvent, ParcelAssessment, NumberResult, OrderWatchAPI } from "../../../wasm/js/orderwatch.js";
import type { Verdict } from "../../../wasm/js/orderwatch.js";

/** The badge of one order: what the content script draws. Derived in the service worker. */
export interface BadgeInfo {
  orderId: string;
  /** Taxonomy parcel status code ("unknown" until tracked). */
  status: string;
  /** Taxonomy order status code, from the page's status text. */
  orderStatus: string;
  verdict: Verdict;
  /** Plain words for the status, in the UI language. */
  label: string;
  daysSinceUpdate: number | null;
  protectionDaysLeft: number | null;
  /** Tooltip: the verdict's reason. */
  reason: string;
  tracked: boolean;
  error?: string;
}
