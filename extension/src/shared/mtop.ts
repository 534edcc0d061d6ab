// AliExpress's mtop gateway (docs/aliexpress.md §3): request signing, answer classification and
// the mapping of the tracking JSON to the order JSON. Pure functions; the content script's
// tracker supplies fetch and the cookie.
import { md5 } from "js-md5";
import type { Order, Parcel, ParcelNumber, TrackingEvent } from "./order.js";
import { ORDER_ID } from "./order.js";
import { clip } from "./text.js";
import { parseOrderDate } from "./dates.js";

export const MTOP_HOST = "https://acs.aliexpress.com";
export const APP_KEY = "12574478";
export const JSV = "2.5.1";
export const API_ORDER_LIST = "mtop.aliexpress.trade.buyer.order.list";
export const API_QUERY_DETAIL = "mtop.ae.ld.querydetail";

/** tokenFromCookie reads the token part of `_m_h5_tk=<token>_<expiry>`; "" when absent. */
export function tokenFromCookie(cookie: string): string {
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === "_m_h5_tk") return decodeURIComponent(v.join("=")).split("_")[0] ?? "";
  }
  return "";
}

export function sign(token: string, t: string, appKey: string, data: string): string {
  return md5(`${token}&${t}&${appKey}&${data}`);
}

export interface MtopRequest {
  url: string;
  method: "GET" | "POST";
  body?: string;
}

/** buildRequest signs data for api; POST sends data as a form field (the list's next pages). */
export function buildRequest(api: string, data: string, token: string, t: number, post = false): MtopRequest {
  const ts = String(t);
  const q = new URLSearchParams({
    jsv: JSV, appKey: APP_KEY, t: ts, sign: sign(token, ts, APP_KEY, data), api, v: "1.0",
    type: "originaljson", dataType: "originaljson",
  });
  const base = `${MTOP_HOST}/h5/${api.toLowerCase()}/1.0/`;
  if (post) {
    for (const [k, v] of Object.entries({ post: "1", isSec: "1", needLogin: "true", ecode: "1" })) q.set(k, v);
    return { url: `${base}?${q}`, method: "POST", body: new URLSearchParams({ data }).toString() };
  }
  q.set("data", data);
  return { url: `${base}?${q}`, method: "GET" };
}

/** The per-order errors the extension shows (and tests rely on). */
export type TrackingErrorCode =
  | "token_expired" | "not_logged_in" | "captcha" | "no_tracking" | "layout_changed" | "network" | "rate_limited" | "cancelled";

export class MtopError extends Error {
  constructor(public code: TrackingErrorCode, message: string) {
    super(message);
    this.name = "MtopError";
  }
}

/** checkAnswer throws an MtopError for every failed gateway answer and returns data otherwise. */
export function checkAnswer(json: unknown): Record<string, unknown> {
  if (!json || typeof json !== "object") throw new MtopError("layout_changed", "mtop: the answer is not a JSON object");
  const ret = (json as { ret?: unknown }).ret;
  const first = Array.isArray(ret) && typeof ret[0] === "string" ? ret[0] : "";
  const code = first.split("::")[0];
  if (code === "SUCCESS") {
    const data = (json as { data?: unknown }).data;
    if (!data || typeof data !== "object") throw new MtopError("layout_changed", "mtop: success without data");
    return data as Record<string, unknown>;
  }
  if (code === "FAIL_SYS_TOKEN_EXOIRED" || code === "FAIL_SYS_TOKEN_EXPIRED" || code === "FAIL_SYS_TOKEN_EMPTY" || code === "FAIL_SYS_TOKEN_ILLEGAL") {
    throw new MtopError("token_expired", `mtop: session token expired (${code})`);
  }
  if (code === "FAIL_SYS_USER_VALIDATE" || /PUNISH|RGV587|BAXIA/i.test(code)) throw new MtopError("captcha", `mtop: AliExpress asks to prove you are human (${code})`);
  if (/SESSION_EXPIRED|LOGIN|NOT_LOGIN|ILLEGAL_ACCESS/i.test(code)) throw new MtopError("not_logged_in", `mtop: not signed in to AliExpress (${code})`);
  if (/FLOW_LIMIT|TOO_FAST|LIMIT/i.test(code)) throw new MtopError("rate_limited", `mtop: AliExpress limits requests (${code})`);
  if (!code) throw new MtopError("layout_changed", "mtop: the answer has no ret code");
  throw new MtopError("layout_changed", `mtop: unexpected answer ${clip(code, 80)}`);
}

// ---- order list (§3a) ----

export const ORDER_LIST_INIT = JSON.stringify({ statusTab: null, renderType: "init", clientPlatform: "pc", _lang: "en_US" });

export interface OrderListPage {
  orders: Order[];
  hasMore: boolean;
  /** The data of the POST that asks for the next page; "" when there is none. */
  next: string;
}

const str = (v: unknown): string => (typeof v === "string" ? clip(v.trim()) : typeof v === "number" ? String(v) : "");

/** parseOrderList reads the ultron blocks of one list page. */
export function parseOrderList(data: Record<string, unknown>): OrderListPage {
  const blocks = data.data;
  if (!blocks || typeof blocks !== "object") throw new MtopError("layout_changed", "mtop: order list without blocks");
  const orders: Order[] = [];
  let body: { key: string; block: Record<string, unknown> } | null = null;
  for (const [key, raw] of Object.entries(blocks as Record<string, unknown>)) {
    if (!raw || typeof raw !== "object") continue;
    const block = raw as { tag?: unknown; fields?: Record<string, unknown> };
    const tag = typeof block.tag === "string" ? block.tag : key.replace(/_[^_]+$/, "");
    if (tag === "pc_om_list_body") body = { key, block: raw as Record<string, unknown> };
    if (tag !== "pc_om_list_order" || !block.fields) continue;
    const f = block.fields;
    const id = str(f.orderId);
    if (!ORDER_ID.test(id)) continue;
    const o: Order = { order_id: id };
    const date = parseOrderDate(str(f.orderDateText));
    if (date) o.order_date = date;
    if (str(f.statusText)) o.status_text = str(f.statusText);
    if (str(f.storeName)) o.store = str(f.storeName);
    if (str(f.totalPriceText)) o.total = str(f.totalPriceText);
    if (Array.isArray(f.orderLines)) {
      o.items = f.orderLines.filter((l) => l && typeof l === "object").map((l: Record<string, unknown>) => {
        const it: NonNullable<Order["items"]>[number] = {};
        if (str(l.itemTitle)) it.title = str(l.itemTitle);
        if (typeof l.quantity === "number" && Number.isFinite(l.quantity)) it.quantity = l.quantity;
        if (str(l.itemPriceText)) it.price = str(l.itemPriceText);
        if (str(l.productId)) it.product_id = str(l.productId);
        if (Array.isArray(l.skuAttrs) && l.skuAttrs.length) it.sku = clip(l.skuAttrs.map(str).join(", "));
        return it;
      });
    }
    orders.push(o);
  }
  if (!body) throw new MtopError("layout_changed", "mtop: order list without its body block");
  const fields = (body.block.fields ?? {}) as Record<string, unknown>;
  const hasMore = fields.hasMore === true;
  const next = hasMore
    ? JSON.stringify({
        params: JSON.stringify({
          data: { [body.key]: body.block }, linkage: data.linkage, hierarchy: data.hierarchy, endpoint: data.endpoint, operator: body.key,
        }),
        _lang: "en_US",
      })
    : "";
  return { orders, hasMore, next };
}

// ---- tracking (§3c) ----

export function queryDetailData(orderId: string): string {
  return JSON.stringify({ tradeOrderId: orderId, terminalType: "PC", needPageDisplayInfo: true, timeZone: "GMT+0", __inline: "true", _lang: "en_US", _currency: "USD" });
}

/** The tracking of one order as read from querydetail: parcels only, nothing about the buyer. */
export interface TrackingReading {
  parcels: Parcel[];
  shipping_method?: string;
}

// Locations and notes may carry the recipient's name or street (docs §3c): only the city-level
// part before a comma is kept for events, and "note" is never read.
function safeLocation(v: unknown, receiverNames: string[]): string {
  let s = str(v);
  for (const n of receiverNames) if (n && s.includes(n)) s = s.split(n).join("");
  return clip(s.split(",")[0].trim(), 200);
}

function scrub(s: string, receiverNames: string[]): string {
  let out = s;
  for (const n of receiverNames) if (n.length >= 2) out = out.split(n).join("[recipient]");
  return out;
}

/** mapQueryDetail converts querydetail data to parcels and drops every field about the buyer. */
export function mapQueryDetail(data: Record<string, unknown>): TrackingReading {
  const module = data.module as Record<string, unknown> | undefined;
  if (!module || typeof module !== "object") throw new MtopError("layout_changed", "mtop: tracking answer without data.module");
  const lines = module.trackingDetailLineList;
  if (lines !== undefined && !Array.isArray(lines)) throw new MtopError("layout_changed", "mtop: trackingDetailLineList is not a list");
  // Names are only used to scrub them out of event texts; they are never copied anywhere.
  const receiver = (module.logisticsReceiverInfo ?? {}) as Record<string, unknown>;
  const names = [receiver.contactName, receiver.address, receiver.phone, receiver.mobileNo, receiver.zipCode].map(str).filter((s) => s.length >= 2);
  const parcels: Parcel[] = [];
  let method = "";
  for (const raw of (lines ?? []) as unknown[]) {
    if (!raw || typeof raw !== "object") continue;
    const line = raw as Record<string, unknown>;
    const cp = (line.logisticsCpInfo ?? {}) as Record<string, unknown>;
    const carrier = str(cp.cpName);
    const numbers: ParcelNumber[] = [];
    const origin = str(line.originMailNo);
    const mail = str(line.mailNo);
    if (origin) numbers.push({ number: origin, role: "origin", carrier: "Cainiao" });
    if (mail && mail !== origin) numbers.push({ number: mail, role: origin ? "last_mile" : "origin", ...(carrier ? { carrier } : {}) });
    else if (mail && carrier && numbers[0]) numbers[0].carrier = carrier;
    const events: TrackingEvent[] = [];
    for (const e of Array.isArray(line.detailList) ? line.detailList : []) {
      if (!e || typeof e !== "object") continue;
      const d = e as Record<string, unknown>;
      // The order's own nodes (placed, paid, "shipped" by the seller: AE_ORDER_*, fulfillStage 0)
      // say nothing about where the parcel is; only carrier and warehouse scans are events.
      if (/^AE_ORDER_/.test(str(d.trackingPrimaryCode)) || d.fulfillStage === 0 || d.fulfillStage === "0") continue;
      const text = scrub(str(d.trackingDetailDesc) || str(d.trackingName), names);
      if (!text) continue;
      const ev: TrackingEvent = { text };
      if (typeof d.time === "number" && Number.isFinite(d.time)) ev.time = d.time;
      const code = str(d.trackingPrimaryCode) || str(d.actionCode);
      if (code) ev.code = code;
      const loc = safeLocation(d.detailedLocation, names);
      if (loc) ev.location = loc;
      if (carrier) ev.carrier = carrier;
      ev.lang = "en";
      const num = mail || origin;
      if (num) ev.number = num;
      events.push(ev);
    }
    const m = str(line.logisticsCarrierName);
    if (m && !method) method = m;
    const parcel: Parcel = { numbers, events };
    if (m) parcel.shipping_method = m;
    if (numbers.length > 0 || events.length > 0) parcels.push(parcel);
  }
  if (parcels.length === 0) throw new MtopError("no_tracking", "mtop: no tracking yet for this order");
  return method ? { parcels, shipping_method: method } : { parcels };
}
