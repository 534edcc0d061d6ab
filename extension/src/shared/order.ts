// The order JSON of shared/order (order.go's doc comment is the reference). The extension builds
// it from the page and the tracking JSON; the WASM core and the server read it.

export interface OrderItem {
  title?: string;
  quantity?: number;
  price?: string;
  product_id?: string;
  sku?: string;
}

export interface Protection {
  ends_at?: string;
  days_left?: number;
  read_at?: string;
  text?: string;
}

export type NumberRole = "origin" | "last_mile";

export interface ParcelNumber {
  number: string;
  carrier?: string;
  role?: NumberRole;
}

export interface TrackingEvent {
  /** RFC 3339 or Unix milliseconds; the core accepts both. */
  time?: string | number;
  text: string;
  location?: string;
  carrier?: string;
  code?: string;
  lang?: string;
  number?: string;
}

export interface Parcel {
  shipping_method?: string;
  numbers?: ParcelNumber[];
  events?: TrackingEvent[];
}

export interface BuyerFacts {
  received?: boolean;
  dispute_opened?: boolean;
  country?: string;
  city?: string;
  lang?: string;
}

export interface Order {
  order_id: string;
  order_date?: string;
  store?: string;
  status_text?: string;
  shipping_method?: string;
  total?: string;
  items?: OrderItem[];
  protection?: Protection;
  parcels?: Parcel[];
  buyer?: BuyerFacts;
}

/** AliExpress order numbers: 14 digits (legacy) to 19; hand-added tracking numbers get manual-<uuid>. */
export const ORDER_ID = /^\d{14,19}$/;
export const MANUAL_ID = /^manual-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isOrderId(id: unknown): id is string {
  return typeof id === "string" && (ORDER_ID.test(id) || MANUAL_ID.test(id));
}
