// AliExpress's mtop gateway: request signing, answer classification, the order list's paging and
// the mapping of the tracking JSON to the order JSON. Pure functions; the content script's
// tracker supplies fetch, the cookie and the clock, and signs each request when it is sent.
//
// Where each fact comes from (docs/aliexpress-facts.md lists them with the tests that cover them):
//   [MCP-API]  maxwellmezadre/aliexpress-mcp docs/INTERNAL-API.md @4bc8266a (MIT)
//   [MCP-ERR]  maxwellmezadre/aliexpress-mcp src/mtop/errors.ts @33243bb1 (MIT)
//   [MCP-SIGN] maxwellmezadre/aliexpress-mcp src/mtop/sign.ts, src/mtop/client.ts @33243bb1 (MIT)
//   [MCP-ULT]  maxwellmezadre/aliexpress-mcp src/ultron/parse.ts @03ac3f53 (MIT)
//   [MCP-CAP]  maxwellmezadre/aliexpress-mcp test/fixtures/order-list-init.json and
//              logistics-querydetail.json @226cf08b (MIT; anonymised real captures)
//   [NRB]      nrbrook/AliExpress-Order-Export aliexpress_export.py @da503ea2 (MIT)
// Only facts (names, shapes, codes) are taken from them; the code here is our own.
import { md5 } from "js-md5";
import type { Order, Parcel, ParcelNumber, TrackingEvent } from "./order.js";
import type { OrderPromise } from "../../../wasm/js/orderwatch.js";
import { ORDER_ID } from "./order.js";
import { clip } from "./text.js";
import { COUNT_MAX, FIELD_MAX } from "./limits.gen.js";
import { parseOrderDate } from "./dates.js";
import { cookieValues } from "./storefront.js";

/** The global storefront's gateway; pages of other storefronts use storefrontOf(url).gateway. */
export const MTOP_HOST = "https://acs.aliexpress.com";
/** The H5 app key [MCP-SIGN] (also NRB's default). */
export const APP_KEY = "12574478";
export const JSV = "2.5.1";
export const API_ORDER_LIST = "mtop.aliexpress.trade.buyer.order.list";
export const API_QUERY_DETAIL = "mtop.ae.ld.querydetail";
/**
 * We ask for English texts (status texts, tracking names) wherever the gateway takes `_lang`:
 * NRB falls back to en_US, MCP sends the session's locale. English texts are what the core's
 * classifier knows best; carrier event texts stay in the carrier's language whatever we ask.
 */
export const LANG = "en_US";

/**
 * tokenFromCookie reads the token part of `_m_h5_tk=<token>_<expiryMs>`; "" when absent.
 * Two `_m_h5_tk` cookies can exist, one on `.aliexpress.com` and a host-only one on `acs.`
 * [MCP-API]; MCP signs with the newer. A page's document.cookie never shows the host-only acs.
 * cookie, but it can show more than one `_m_h5_tk` (a domain cookie and a host-only one of the
 * page's own host): then the one with the latest expiry wins, as in MCP.
 */
export function tokenFromCookie(cookie: string): string {
  let best = "";
  let bestExp = -1;
  for (const v of cookieValues(cookie, "_m_h5_tk")) {
    const [token, exp] = v.split("_");
    const e = Number(exp);
    if (token && (Number.isFinite(e) ? e : 0) > bestExp) {
      best = token;
      bestExp = Number.isFinite(e) ? e : 0;
    }
  }
  return best;
}

/** sign = md5(token&t&appKey&data), over the very string that is sent [MCP-SIGN]. */
export function sign(token: string, t: string, appKey: string, data: string): string {
  return md5(`${token}&${t}&${appKey}&${data}`);
}

export interface MtopRequest {
  url: string;
  method: "GET" | "POST";
  body?: string;
}

export interface RequestOptions {
  /** POST with `data` as a form field (the list's next pages) [NRB, MCP-SIGN]. */
  post?: boolean;
  /** Gateway origin, e.g. https://acs.aliexpress.us; MTOP_HOST when absent. */
  gateway?: string;
}

/**
 * buildRequest signs data for api. Query as MCP sends it (type=originaljson, dataType=json,
 * needLogin, ecode); a POST adds post=1&isSec=1 as NRB does, and carries data in the body.
 * `dataType` values seen in public clients: json (MCP), originaljsonp (NRB, the page), jsonp.
 */
export function buildRequest(api: string, data: string, token: string, t: number, opts: RequestOptions | boolean = {}): MtopRequest {
  const o: RequestOptions = typeof opts === "boolean" ? { post: opts } : opts;
  const ts = String(t);
  const q = new URLSearchParams({
    jsv: JSV, appKey: APP_KEY, t: ts, sign: sign(token, ts, APP_KEY, data), api, v: "1.0",
    type: "originaljson", dataType: "json", timeout: "15000", needLogin: "true", ecode: "1",
  });
  const base = `${o.gateway || MTOP_HOST}/h5/${api.toLowerCase()}/1.0/`;
  if (o.post) {
    q.set("post", "1");
    q.set("isSec", "1");
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

/**
 * ret codes → what to do [MCP-ERR, MCP-API]. Token errors: the gateway sent a fresh `_m_h5_tk`
 * with the answer; re-sign and retry (bounded). Session errors: the buyer is signed out; stop.
 */
export const TOKEN_CODES: readonly string[] = ["FAIL_SYS_TOKEN_EMPTY", "FAIL_SYS_TOKEN_EXOIRED", "FAIL_SYS_TOKEN_EXPIRED", "FAIL_SYS_ILLEGAL_ACCESS", "FAIL_SYS_TOKEN_ILLEGAL"];
export const SESSION_CODES: readonly string[] = ["FAIL_SYS_SESSION_EXPIRED", "NEED_LOGIN", "FAIL_SYS_SID_INVALID", "FAIL_SYS_LOGIN_EXPIRED", "FAIL_SYS_NOT_LOGIN", "NOT_LOGIN"];

/** retCode: "FAIL_SYS_TOKEN_EMPTY::令牌为空" → "FAIL_SYS_TOKEN_EMPTY". */
export function retCode(json: unknown): string {
  const ret = json && typeof json === "object" ? (json as { ret?: unknown }).ret : undefined;
  const first = Array.isArray(ret) && typeof ret[0] === "string" ? ret[0] : "";
  return first.split("::")[0].trim();
}

/** classifyCode maps one ret code to the error the extension reports ("" for success). */
export function classifyCode(code: string): TrackingErrorCode | "" {
  if (code === "SUCCESS") return "";
  if (TOKEN_CODES.includes(code)) return "token_expired";
  if (SESSION_CODES.includes(code) || /SESSION_EXPIRED|SID_INVALID|NEED_LOGIN|NOT_LOGIN/.test(code)) return "not_logged_in";
  if (code === "FAIL_SYS_USER_VALIDATE" || /PUNISH|RGV587|BAXIA/i.test(code)) return "captcha";
  if (/TRAFFIC_LIMIT|FLOW_?LIMIT|TOO_FAST/i.test(code)) return "rate_limited";
  return "layout_changed";
}

/** checkAnswer throws an MtopError for every failed gateway answer and returns data otherwise. */
export function checkAnswer(json: unknown): Record<string, unknown> {
  if (!json || typeof json !== "object") throw new MtopError("layout_changed", "mtop: the answer is not a JSON object");
  const code = retCode(json);
  if (!code) throw new MtopError("layout_changed", "mtop: the answer has no ret code");
  const kind = classifyCode(code);
  if (kind === "") {
    const data = (json as { data?: unknown }).data;
    if (!data || typeof data !== "object") throw new MtopError("layout_changed", "mtop: success without data");
    return data as Record<string, unknown>;
  }
  const shown = clip(code, 80);
  const text: Record<string, string> = {
    token_expired: `mtop: session token refused (${shown})`,
    not_logged_in: `mtop: not signed in to AliExpress (${shown})`,
    captcha: `mtop: AliExpress asks to prove you are human (${shown})`,
    rate_limited: `mtop: AliExpress limits requests (${shown})`,
    layout_changed: `mtop: unexpected answer ${shown}`,
  };
  throw new MtopError(kind, text[kind]);
}

/** What the buyer's browser says about where and when it is (for the gateway's regional keys). */
export interface Regional {
  /** Ship-to country from the aep_usuc_f cookie (storefront.ts shipToCountry); "" when unknown. */
  shipToCountry: string;
  /** "GMT+2", "GMT-3", "GMT+5:30" [MCP-SIGN client.ts timeZoneParam format]. */
  timeZone: string;
}

/** timeZoneOf formats a UTC offset (minutes east of UTC) as the gateway wants it. */
export function timeZoneOf(offsetMinutes: number): string {
  const m = Math.round(offsetMinutes);
  const h = Math.trunc(Math.abs(m) / 60);
  const r = Math.abs(m) % 60;
  return `GMT${m >= 0 ? "+" : "-"}${h}${r ? `:${String(r).padStart(2, "0")}` : ""}`;
}

/** The browser's own time zone, e.g. "GMT+2" (Date#getTimezoneOffset is minutes west). */
export const browserTimeZone = (d = new Date()): string => timeZoneOf(-d.getTimezoneOffset());

// ---- order list [NRB, MCP-API, MCP-ULT] ----

/** The first list request: the init render with the buyer's ship-to country and time zone [NRB]. */
export function orderListInit(r: Regional): string {
  const d: Record<string, unknown> = { statusTab: null, renderType: "init", clientPlatform: "pc" };
  if (r.shipToCountry) d.shipToCountry = r.shipToCountry;
  d._lang = LANG;
  d.timeZone = r.timeZone;
  return JSON.stringify(d);
}

export interface OrderListPage {
  orders: Order[];
  hasMore: boolean;
  /** The body block's pageIndex as the gateway reported it (null when absent). */
  pageIndex: number | null;
  /** The data of the POST that asks for the next page; "" when there is none. */
  next: string;
}

const str = (v: unknown): string => (typeof v === "string" ? clip(v.trim()) : typeof v === "number" && Number.isFinite(v) ? String(v) : "");
type Block = { tag?: unknown; fields?: Record<string, unknown> } & Record<string, unknown>;

const tagOf = (key: string, b: Block): string => (typeof b.tag === "string" ? b.tag : key.replace(/_[^_]+$/, ""));

/**
 * displayOrder lists the block keys in the order the page shows them: a depth-first walk of
 * hierarchy.structure from hierarchy.root. The key order of `data` is scrambled on the real
 * gateway [MCP-API, MCP-ULT]. Blocks the structure does not name come last, in key order.
 */
export function displayOrder(data: Record<string, unknown>): string[] {
  const blocks = (data.data ?? {}) as Record<string, unknown>;
  const h = (data.hierarchy ?? {}) as { root?: unknown; structure?: unknown };
  const structure = h.structure && typeof h.structure === "object" ? (h.structure as Record<string, unknown>) : {};
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (k: string, depth: number) => {
    if (seen.has(k) || depth > 50) return;
    seen.add(k);
    if (k in blocks) out.push(k);
    const kids = structure[k];
    if (Array.isArray(kids)) for (const c of kids) if (typeof c === "string") visit(c, depth + 1);
  };
  if (typeof h.root === "string") visit(h.root, 0);
  for (const k of Object.keys(structure)) visit(k, 0);
  for (const k of Object.keys(blocks)) if (!seen.has(k)) out.push(k);
  return out;
}

/** skuText reads skuAttrs: objects {id, name, text, vid} on the real list [MCP-CAP]; strings too. */
export function skuText(attrs: unknown): string {
  if (!Array.isArray(attrs)) return "";
  const parts: string[] = [];
  for (const a of attrs) {
    if (typeof a === "string" && a.trim()) parts.push(a.trim());
    else if (a && typeof a === "object") {
      const o = a as Record<string, unknown>;
      const name = str(o.name);
      const val = str(o.text) || str(o.value);
      if (val) parts.push(name ? `${name}: ${val}` : val);
    }
  }
  return clip(parts.join(", "));
}

/**
 * parseOrderList reads the ultron blocks of one list page, in display order, and builds the
 * next page's request the way the page does [NRB fetch_order_list_page_more, MCP-ULT
 * buildPagePayload]: `params` is a JSON string whose data (the body block with pageIndex raised
 * by us, and the header-action block), linkage, hierarchy and endpoint are JSON strings too;
 * shipToCountry and _lang ride in the outer object. linkage rotates: each page is built from
 * the answer right before it.
 */
export function parseOrderList(data: Record<string, unknown>, regional: Partial<Regional> = {}): OrderListPage {
  const blocks = data.data;
  if (!blocks || typeof blocks !== "object") throw new MtopError("layout_changed", "mtop: order list without blocks");
  const all = blocks as Record<string, unknown>;
  if (Object.keys(all).length === 0) {
    // SUCCESS with no components: a malformed page request (no linkage), not the end [MCP-API].
    throw new MtopError("layout_changed", "mtop: the order list answered an empty page");
  }
  const orders: Order[] = [];
  let body: { key: string; block: Block } | null = null;
  let header: { key: string; block: Block } | null = null;
  for (const key of displayOrder(data)) {
    const raw = all[key];
    if (!raw || typeof raw !== "object") continue;
    const block = raw as Block;
    const tag = tagOf(key, block);
    if (tag === "pc_om_list_body" && !body) body = { key, block };
    if (tag === "pc_om_list_header_action" && !header) header = { key, block };
    if (tag !== "pc_om_list_order" || !block.fields || typeof block.fields !== "object") continue;
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
        const sku = skuText(l.skuAttrs);
        if (sku) it.sku = sku;
        return it;
      });
    }
    orders.push(o);
  }
  if (!body) throw new MtopError("layout_changed", "mtop: order list without its body block");
  const fields = (body.block.fields ?? {}) as Record<string, unknown>;
  const hasMore = fields.hasMore === true;
  const pageIndex = typeof fields.pageIndex === "number" && Number.isFinite(fields.pageIndex) ? fields.pageIndex : null;
  let next = "";
  if (hasMore) {
    if (data.linkage === undefined || data.linkage === null) throw new MtopError("layout_changed", "mtop: the order list has more pages but no linkage to ask for them");
    if (!header) throw new MtopError("layout_changed", "mtop: the order list has more pages but no header-action block");
    const nextBody = { ...body.block, fields: { ...fields, pageIndex: (pageIndex ?? 1) + 1 } };
    const outer: Record<string, unknown> = {
      params: JSON.stringify({
        data: JSON.stringify({ [body.key]: nextBody, [header.key]: header.block }),
        linkage: JSON.stringify(data.linkage),
        hierarchy: JSON.stringify(data.hierarchy ?? {}),
        endpoint: JSON.stringify(data.endpoint ?? {}),
        operator: body.key,
      }),
    };
    if (regional.shipToCountry) outer.shipToCountry = regional.shipToCountry;
    outer._lang = LANG;
    next = JSON.stringify(outer);
  }
  return { orders, hasMore, pageIndex, next };
}

// ---- tracking [MCP-CAP, MCP-API; extension/docs/aliexpress-facts.md] ----

/** The querydetail request: tradeOrderLineId "" and the buyer's own time zone, as the page sends. */
export function queryDetailData(orderId: string, timeZone = "GMT+0"): string {
  return JSON.stringify({ tradeOrderId: orderId, tradeOrderLineId: "", terminalType: "PC", needPageDisplayInfo: true, timeZone, __inline: "true", _lang: LANG });
}

/** The tracking of one order as read from querydetail: parcels only, nothing about the buyer. */
export interface TrackingReading {
  parcels: Parcel[];
  shipping_method?: string;
  /** AliExpress's own delivery promises (fastDeliveryInfoDTO), when the answer has them. */
  promise?: OrderPromise;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * promiseDate reads the date at the end of an English promise text ("Refund if no delivery
 * before Sep 3, 2026" [MCP-CAP fastDeliveryInfoDTO.fdContentList]) as YYYY-MM-DD; "" when none.
 */
export function promiseDate(text: string): string {
  const m = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  if (!m) return "";
  const mon = MONTHS.indexOf(m[1].toLowerCase());
  const day = Number(m[2]);
  if (mon < 0 || day < 1 || day > 31) return "";
  const iso = `${m[3]}-${String(mon + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : "";
}

/**
 * readPromise reads fastDeliveryInfoDTO.fdContentList [MCP-CAP]: texts (strings, or objects
 * with a text) such as "Refund if no delivery before Sep 3, 2026" and "Apply for R$5.00 coupon
 * code if delayed by Aug 3, 2026". The refund date is a deadline the core judges by.
 */
export function readPromise(module: Record<string, unknown>): OrderPromise | undefined {
  const fd = module.fastDeliveryInfoDTO;
  if (!fd || typeof fd !== "object") return undefined;
  const list = (fd as Record<string, unknown>).fdContentList;
  if (!Array.isArray(list)) return undefined;
  const texts: string[] = [];
  for (const x of list) {
    const o = x && typeof x === "object" ? (x as Record<string, unknown>) : {};
    const t = typeof x === "string" ? str(x) : str(o.text) || str(o.content) || str(o.title) || str(o.desc);
    if (t && texts.length < COUNT_MAX["promise.texts"]) texts.push(clip(t, FIELD_MAX["promise.texts[]"]));
  }
  if (!texts.length) return undefined;
  const p: OrderPromise = { texts };
  for (const t of texts) {
    const d = promiseDate(t);
    if (!d) continue;
    if (/refund/i.test(t) && /deliver/i.test(t) && !p.refund_by) p.refund_by = d;
    else if (/coupon|delay/i.test(t) && !p.coupon_by) p.coupon_by = d;
  }
  return p;
}

/** readEta reads a tracking line's etaInfo [MCP-CAP]; none once it states the real delivery. */
export function readEta(line: Record<string, unknown>): Parcel["eta"] | undefined {
  const e = line.etaInfo;
  if (!e || typeof e !== "object") return undefined;
  const o = e as Record<string, unknown>;
  if (str(o.etaSceneCode) === "REAL_DELIVERY") return undefined;
  const ms = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : typeof v === "string" && /^\d{10,14}$/.test(v) ? Number(v) : undefined);
  const eta: NonNullable<Parcel["eta"]> = {};
  const b = ms(o.beginEtaTime);
  const en = ms(o.endEtaTime);
  if (b !== undefined) eta.earliest = b;
  if (en !== undefined && (b === undefined || en >= b)) eta.latest = en;
  if (str(o.etaTimeText)) eta.text = clip(str(o.etaTimeText), FIELD_MAX["parcels[].eta.text"]);
  return Object.keys(eta).length ? eta : undefined;
}

/**
 * The receiver's fields on real answers [MCP-CAP logisticsReceiverInfo; NRB addressVO;
 * NRB postCode]. Their values are used only to scrub them out of every text that leaves the
 * content script; they are never copied anywhere.
 */
export const RECEIVER_FIELDS = ["contactName", "phone", "mobileNo", "phoneCountry", "phoneNumber", "fullPhoneNo", "address", "address2", "detailAddress", "regionAddress", "city", "province", "zipCode", "postCode", "receiverInfoRichText"] as const;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Scrubber removes a receiver's name, phone numbers, street, city, province and postcode from
 * text: case-insensitively, and phone numbers also when written with other separators or
 * without the leading 0 / country code. Words under 3 characters (e.g. a "+55" dialling code
 * alone) are not scrubbed as words, to keep carrier texts readable.
 */
export class Scrubber {
  private res: RegExp[] = [];

  constructor(values: string[] = []) {
    this.add(values);
  }

  /** add scrubs values from now on; words: also each longer word alone (for names). */
  add(values: string[], words = false): void {
    const seen = new Set(this.res.map((r) => r.source));
    const push = (src: string) => {
      if (!seen.has(src)) {
        seen.add(src);
        this.res.push(new RegExp(src, "giu"));
      }
    };
    for (const raw of values) {
      const v = raw.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
      if (v.length < 3) continue;
      // The whole value, its comma-separated parts (an address "Rua Exemplo, 123"), and its
      // longer words (a name is also written as one of its parts).
      push(escapeRe(v).replace(/ /g, "\\s+"));
      for (const p of v.split(/\s*[,;]\s*/)) if (p.length >= 4 && p !== v) push(escapeRe(p).replace(/ /g, "\\s+"));
      if (words) for (const w of v.split(/[\s,;\-]+/)) if (w.length >= 4 && !/^\d+$/.test(w)) push(`(?<![\\p{L}\\p{N}])${escapeRe(w)}(?![\\p{L}\\p{N}])`);
      const digits = v.replace(/\D/g, "");
      if (digits.length >= 6 && digits.length >= v.replace(/\s/g, "").length - 3) {
        // A phone number: its last 10 digits (no country code, no trunk 0), any separators between.
        const tail = digits.slice(-Math.min(digits.length, 10));
        push(tail.split("").join("[\\s\\-./()]*"));
      }
    }
  }

  get size(): number {
    return this.res.length;
  }

  text(s: string, mark = "[recipient]"): string {
    let out = s;
    for (const re of this.res) out = out.replace(re, mark);
    return out;
  }

  /** deep returns a copy of v with every string scrubbed (for whole messages). */
  deep<T>(v: T): T {
    if (typeof v === "string") return this.text(v) as T;
    if (Array.isArray(v)) return v.map((x) => this.deep(x)) as T;
    if (v && typeof v === "object") {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = this.deep(x);
      return o as T;
    }
    return v;
  }
}

/** receiverValues reads the receiver's values (for scrubbing only) from a querydetail module. */
export function receiverValues(module: Record<string, unknown>): { names: string[]; other: string[] } {
  const r = module.logisticsReceiverInfo;
  const out = { names: [] as string[], other: [] as string[] };
  if (!r || typeof r !== "object") return out;
  const rec = r as Record<string, unknown>;
  for (const f of RECEIVER_FIELDS) {
    const v = rec[f];
    if (typeof v !== "string" && typeof v !== "number") continue;
    const text = String(v).slice(0, 500);
    if (f === "contactName" || f === "receiverInfoRichText") out.names.push(text);
    else out.other.push(text);
  }
  const cc = typeof rec.phoneCountry === "string" ? rec.phoneCountry : "";
  const pn = typeof rec.phoneNumber === "string" || typeof rec.phoneNumber === "number" ? String(rec.phoneNumber) : "";
  if (cc && pn) out.other.push(`${cc}${pn}`, `${cc} ${pn}`);
  return out;
}

/**
 * isOrderNode: the order's own nodes (AE_ORDER_PLACED, AE_ORDER_PAID, AE_ORDER_SHIPPED). On the
 * real answer they carry only trackingSecondCode, no trackingPrimaryCode and no fulfillStage
 * [MCP-CAP]; older shapes had the code as primary with fulfillStage 0. They say nothing about
 * where a parcel is: an order with only these nodes has not shipped.
 */
export function isOrderNode(d: Record<string, unknown>): boolean {
  const code = str(d.trackingPrimaryCode) || str(d.trackingSecondCode);
  if (/^AE_ORDER_/.test(code)) return true;
  if (d.fulfillStage === 0 || d.fulfillStage === "0") return true;
  return false;
}

/** eventCode: trackingPrimaryCode, else trackingSecondCode [MCP-API], else Cainiao's actionCode. */
export const eventCode = (d: Record<string, unknown>): string => str(d.trackingPrimaryCode) || str(d.trackingSecondCode) || str(d.actionCode);

/**
 * mapQueryDetail converts querydetail data to parcels and drops every field about the buyer.
 * scrub (optional) gathers the receiver's values so the caller can scrub other messages too.
 */
export function mapQueryDetail(data: Record<string, unknown>, scrub: Scrubber = new Scrubber()): TrackingReading {
  const module = data.module as Record<string, unknown> | undefined;
  if (!module || typeof module !== "object") throw new MtopError("layout_changed", "mtop: tracking answer without data.module");
  const lines = module.trackingDetailLineList;
  if (lines !== undefined && lines !== null && !Array.isArray(lines)) throw new MtopError("layout_changed", "mtop: trackingDetailLineList is not a list");
  const rv = receiverValues(module);
  scrub.add(rv.names, true);
  scrub.add(rv.other);
  const s = (v: unknown, max?: number) => clip(scrub.text(str(v)), max);
  const parcels: Parcel[] = [];
  let method = "";
  for (const raw of (lines ?? []) as unknown[]) {
    if (!raw || typeof raw !== "object") continue;
    const line = raw as Record<string, unknown>;
    const cp = (line.logisticsCpInfo ?? {}) as Record<string, unknown>;
    const carrier = s(cp.cpName, 200);
    const numbers: ParcelNumber[] = [];
    const origin = s(line.originMailNo, 100);
    const mail = s(line.mailNo, 100);
    if (origin) numbers.push({ number: origin, role: "origin", carrier: "Cainiao" });
    if (mail && mail !== origin) numbers.push({ number: mail, role: origin ? "last_mile" : "origin", ...(carrier ? { carrier } : {}) });
    else if (mail && carrier && numbers[0]) numbers[0].carrier = carrier;
    const events: TrackingEvent[] = [];
    for (const e of Array.isArray(line.detailList) ? line.detailList : []) {
      if (!e || typeof e !== "object") continue;
      const d = e as Record<string, unknown>;
      if (isOrderNode(d)) continue;
      const text = s(d.trackingDetailDesc) || s(d.trackingName);
      if (!text) continue;
      const ev: TrackingEvent = { text };
      if (typeof d.time === "number" && Number.isFinite(d.time)) ev.time = d.time;
      const code = eventCode(d);
      if (code) ev.code = clip(code, FIELD_MAX["parcels[].events[].code"]);
      // Locations may hold the recipient's city and street [MCP-API]: scrubbed, and only the
      // part before the first comma is kept. "note" is never read.
      const loc = clip(scrub.text(str(d.detailedLocation), "").split(",")[0].replace(/\s+/g, " ").trim(), FIELD_MAX["parcels[].events[].location"]);
      if (loc) ev.location = loc;
      if (carrier) ev.carrier = carrier;
      ev.lang = "en";
      const num = mail || origin;
      if (num) ev.number = num;
      events.push(ev);
    }
    const m = s(line.logisticsCarrierName, 200);
    if (m && !method) method = m;
    // A line with no number and only the order's own nodes is no parcel: not shipped yet.
    if (numbers.length === 0 && events.length === 0) continue;
    const parcel: Parcel = { numbers, events };
    if (m) parcel.shipping_method = m;
    const eta = readEta(line);
    if (eta) parcel.eta = eta;
    parcels.push(parcel);
  }
  if (parcels.length === 0) throw new MtopError("no_tracking", "mtop: not shipped yet, no tracking for this order");
  const out: TrackingReading = method ? { parcels, shipping_method: method } : { parcels };
  const promise = readPromise(module);
  if (promise) out.promise = scrub.deep(promise);
  return out;
}
