// The core's types come from the WASM engineer's contract (wasm/js/orderwatch.d.ts); this module
// adds only what the extension derives from them.
export type { Assessment, Advice as AdviceJSON, Verdict, TimelineEvent, ParcelAssessment, NumberResult, OrderWatchAPI, Reason, ReasonCode, Situation } from "../../../wasm/js/orderwatch.js";
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
  /** Days of Buyer Protection left; null when none is shown (unpaid, closed, completed, ended, unknown). */
  protectionDaysLeft: number | null;
  /** Days since Buyer Protection ended (0: today); absent or null unless it has ended. */
  protectionEndedDaysAgo?: number | null;
  /** The whole badge line in the UI language, when the worker wrote it. */
  text?: string;
  /** The verdict in words ("Act now"), for screen readers beside the verdict's shape. */
  verdictText?: string;
  /** The UI language (BCP 47) and direction of label and text. */
  lang?: string;
  dir?: "rtl" | "ltr";
  /** Tooltip: the verdict's reason. */
  reason: string;
  tracked: boolean;
  error?: string;
}
