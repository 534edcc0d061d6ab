// The order JSON of shared/order (order.go's doc comment is the reference). The extension builds
// it from the page and the tracking JSON; the WASM core and the server read it.

// The types are the WASM contract's (wasm/js/orderwatch.d.ts), under the names this extension
// uses, so the page reader, the service worker and the core cannot drift apart.
import { canonicalJSON, fnv1a } from "./text.js";
import type { Order } from "../../../wasm/js/orderwatch.js";

export type {
  Item as OrderItem,
  OrderProtection as Protection,
  NumberRole,
  ParcelNumber,
  OrderEvent as TrackingEvent,
  OrderParcel as Parcel,
  BuyerFacts,
  Order,
} from "../../../wasm/js/orderwatch.js";

/** AliExpress order numbers: 14 digits (legacy) to 19; hand-added tracking numbers get manual-<uuid>. */
export const ORDER_ID = /^\d{14,19}$/;
export const MANUAL_ID = /^manual-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * pageKey fingerprints what the My Orders page showed of an order (leaving out when it was read).
 * The service worker keeps the key of the last reading it stored; a card that reads the same
 * again would be judged the same, so its known badge can be drawn without asking.
 */
export function pageKey(o: Order): string {
  const { protection, ...rest } = o;
  const p = protection ? { ...protection, read_at: undefined } : undefined;
  return fnv1a(canonicalJSON({ ...rest, protection: p }));
}

export function isOrderId(id: unknown): id is string {
  return typeof id === "string" && (ORDER_ID.test(id) || MANUAL_ID.test(id));
}
