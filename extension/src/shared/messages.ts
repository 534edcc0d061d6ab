// Every message between the parts of the extension. Names carry their direction:
// cs-sw-* content script → service worker, popup-sw-* popup/dashboard → service worker,
// options-sw-* options page → service worker. The service worker checks each message's
// sender and shape here (pure code, tested in Node) before it acts on it.
import type { Order, TrackingEvent, Parcel } from "./order.js";
import type { OrderPromise } from "../../../wasm/js/orderwatch.js";
import { isOrderId } from "./order.js";
import { clip, codePoints, MAX_TEXT } from "./text.js";
import { FIELD_MAX as F, COUNT_MAX, MAX_NOTE as NOTE_MAX, MAX_PROTECTION_DAYS, MAX_QUANTITY } from "./limits.gen.js";
import { storefrontOf } from "./storefront.js";

export const MSG = {
  ordersFound: "cs-sw-orders-found",
  knownBadges: "cs-sw-known-badges",
  pageState: "cs-sw-page-state",
  trackingResult: "cs-sw-tracking-result",
  trackingError: "cs-sw-tracking-error",
  trackingFinished: "cs-sw-tracking-finished",
  getOrders: "popup-sw-get-orders",
  setMark: "popup-sw-set-mark",
  setNote: "popup-sw-set-note",
  setSellerContact: "popup-sw-set-seller-contact",
  addNumber: "popup-sw-add-number",
  exportData: "popup-sw-export",
  syncNow: "popup-sw-sync-now",
  dismissConflict: "popup-sw-dismiss-conflict",
  refreshNow: "popup-sw-refresh",
  evidencePack: "popup-sw-evidence-pack",
  evidencePackPage: "cs-sw-evidence-pack",
  getAccount: "options-sw-get-account",
  setServer: "options-sw-set-server",
  signUp: "options-sw-sign-up",
  signIn: "options-sw-sign-in",
  signOut: "options-sw-sign-out",
} as const;

export type MessageType = (typeof MSG)[keyof typeof MSG];
export type Mark = "received" | "dispute_opened" | "archived";
export const MARKS: readonly Mark[] = ["received", "dispute_opened", "archived"];
export type PageStateCode = "ok" | "empty" | "logged_out" | "captcha" | "unknown_layout" | "unsupported_storefront";
export const PAGE_STATES: readonly PageStateCode[] = ["ok", "empty", "logged_out", "captcha", "unknown_layout", "unsupported_storefront"];
export const TRACKING_ERRORS = ["token_expired", "not_logged_in", "captcha", "no_tracking", "layout_changed", "network", "rate_limited", "cancelled"] as const;
export type TrackingErrorCode = (typeof TRACKING_ERRORS)[number];

export type Message =
  // uiLang: the buyer's language choice as the content script read it from storage.local (null:
  // none stored), so that the worker need not read it before judging; absent: not read.
  | { type: typeof MSG.ordersFound; orders: Order[]; page: PageStateCode; badges?: boolean; uiLang?: string | null }
  | { type: typeof MSG.knownBadges; uiLang?: string | null }
  | { type: typeof MSG.pageState; page: PageStateCode; detail?: string }
  | { type: typeof MSG.trackingResult; orderId: string; parcels: Parcel[]; shipping_method?: string; promise?: OrderPromise }
  | { type: typeof MSG.trackingError; orderId: string; code: TrackingErrorCode; message: string }
  | { type: typeof MSG.trackingFinished }
  // summary: the list as row summaries (ui/rows.ts) with the bodies of the rows drawn first;
  // ids: the bodies of these orders (alone, or with the list). Neither: every complete row.
  // head (with summary): only the first head rows of a long list as the page orders it, and how
  // many more there are (the opening screen; the whole list is asked for alongside).
  | { type: typeof MSG.getOrders; summary?: true; ids?: string[]; head?: number }
  | { type: typeof MSG.setMark; orderId: string; mark: Mark; value: boolean | null }
  | { type: typeof MSG.setNote; orderId: string; note: string }
  // askedAt is sent as the day (YYYY-MM-DD) and comes out of parseMessage as RFC 3339.
  | { type: typeof MSG.setSellerContact; orderId: string; askedAt: string | null; replied: boolean }
  | { type: typeof MSG.addNumber; number: string; label?: string }
  | { type: typeof MSG.exportData; format: "csv" | "json" }
  | { type: typeof MSG.syncNow }
  | { type: typeof MSG.dismissConflict; orderId: string }
  | { type: typeof MSG.refreshNow }
  | { type: typeof MSG.evidencePack; orderId: string; screenshots: EvidenceShot[] }
  | { type: typeof MSG.evidencePackPage; orderId: string }
  | { type: typeof MSG.getAccount }
  | { type: typeof MSG.setServer; url: string }
  | { type: typeof MSG.signUp; email: string; password: string }
  | { type: typeof MSG.signIn; email: string; password: string }
  | { type: typeof MSG.signOut };

/** A capture of the buyer's tab for the evidence pack; the core checks the picture itself. */
export interface EvidenceShot {
  data_uri: string;
  url?: string;
  title?: string;
  taken_at?: string;
}
export const MAX_EVIDENCE_SHOTS = 8;
/** How many rows' bodies the dashboard may ask for in one getOrders (it asks in chunks of this). */
export const MAX_ROW_IDS = 500;

/** The storage.local key of the dashboard list's head the worker keeps (background/state.ts writeListHead, read by ui/page.ts). */
export const LIST_HEAD_KEY = "listHead";
/** A capture of one screen is well under this as PNG; the core refuses more than 4 MB. */
export const MAX_EVIDENCE_SHOT_BYTES = 4 * 1024 * 1024;

/** Who sent a message, as far as the browser tells us. */
export type SenderKind = "content" | "extension" | "rejected";

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string } | undefined;
  frameId?: number;
}

const CONTENT_TYPES = new Set<string>([MSG.ordersFound, MSG.knownBadges, MSG.pageState, MSG.trackingResult, MSG.trackingError, MSG.trackingFinished, MSG.evidencePackPage]);
const EXTENSION_TYPES = new Set<string>(Object.values(MSG).filter((t) => !CONTENT_TYPES.has(t)));

/** Messages larger than this (as JSON) are refused: 60 orders with full items fit in far less. */
export const MAX_MESSAGE_BYTES = 2_000_000;
export const MAX_NOTE = NOTE_MAX;
export const MAX_ORDERS_PER_MESSAGE = 500;
export const MAX_EVENTS_PER_PARCEL = COUNT_MAX["parcels[].events"];

/** A page of an AliExpress storefront (es.aliexpress.com, www.aliexpress.us, aliexpress.ru …): storefront.ts decides. */
function isAliExpressPage(url: string | undefined): boolean {
  return !!url && storefrontOf(url) !== null;
}

/**
 * classifySender: content scripts must come from this extension, from a tab, on an AliExpress
 * page; extension pages from this extension with a URL under its own origin.
 */
export function classifySender(sender: SenderInfo, runtimeId: string, extensionBase: string): SenderKind {
  if (!sender || sender.id !== runtimeId) return "rejected";
  if (sender.url && sender.url.startsWith(extensionBase)) return "extension";
  if (sender.tab && isAliExpressPage(sender.url ?? sender.tab.url)) return "content";
  return "rejected";
}

export class MessageError extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const optStr = (v: unknown, max = MAX_TEXT): string | undefined => (typeof v === "string" ? clip(v, max) : undefined);
function put<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined) {
  if (v !== undefined && v !== "") o[k] = v;
}
const finiteInt = (v: unknown, lo: number, hi: number): number | undefined =>
  typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi ? v : undefined;

function sanitizeEvent(raw: unknown): TrackingEvent | null {
  if (!isObj(raw) || typeof raw.text !== "string" || raw.text === "") return null;
  const e: TrackingEvent = { text: clip(raw.text, F["parcels[].events[].text"]) };
  if (typeof raw.time === "number" && Number.isFinite(raw.time)) e.time = raw.time;
  else put(e, "time", optStr(raw.time, 64));
  put(e, "location", optStr(raw.location, F["parcels[].events[].location"]));
  put(e, "carrier", optStr(raw.carrier, F["parcels[].events[].carrier"]));
  put(e, "code", optStr(raw.code, F["parcels[].events[].code"]));
  put(e, "lang", optStr(raw.lang, F["parcels[].events[].lang"]));
  put(e, "number", optStr(raw.number, F["parcels[].events[].number"]));
  return e;
}

/** sanitizeParcels keeps only known fields, bounded, so nothing else (no PII) can ride along. */
export function sanitizeParcels(raw: unknown): Parcel[] {
  if (!Array.isArray(raw)) throw new MessageError("parcels must be a list");
  return raw.slice(0, COUNT_MAX.parcels).filter(isObj).map((p) => {
    const parcel: Parcel = {};
    put(parcel, "shipping_method", optStr(p.shipping_method, F["parcels[].shipping_method"]));
    if (Array.isArray(p.numbers)) {
      const okNumber = (n: Record<string, unknown>) => typeof n.number === "string" && n.number.length > 0 && codePoints(n.number) <= F["parcels[].numbers[].number"];
      parcel.numbers = p.numbers.filter(isObj).filter(okNumber).slice(0, COUNT_MAX["parcels[].numbers"]).map((n) => {
        const num: NonNullable<Parcel["numbers"]>[number] = { number: n.number as string };
        put(num, "carrier", optStr(n.carrier, F["parcels[].numbers[].carrier"]));
        if (n.role === "origin" || n.role === "last_mile") num.role = n.role;
        return num;
      });
    }
    if (Array.isArray(p.events)) parcel.events = p.events.slice(0, MAX_EVENTS_PER_PARCEL).map(sanitizeEvent).filter((e): e is TrackingEvent => e !== null);
    if (isObj(p.eta)) {
      const eta: NonNullable<Parcel["eta"]> = {};
      for (const k of ["earliest", "latest"] as const) {
        const v = p.eta[k];
        if (typeof v === "number" && Number.isFinite(v)) eta[k] = v;
        else put(eta, k, optStr(v, 64));
      }
      put(eta, "text", optStr(p.eta.text, F["parcels[].eta.text"]));
      if (Object.keys(eta).length) parcel.eta = eta;
    }
    return parcel;
  });
}

/** sanitizePromise keeps AliExpress's delivery promises: dates and at most 10 short texts. */
export function sanitizePromise(raw: unknown): OrderPromise | undefined {
  if (!isObj(raw)) return undefined;
  const p: OrderPromise = {};
  put(p, "refund_by", optStr(raw.refund_by, 64));
  put(p, "coupon_by", optStr(raw.coupon_by, 64));
  if (Array.isArray(raw.texts)) {
    const texts = raw.texts.filter((x): x is string => typeof x === "string" && x !== "").slice(0, COUNT_MAX["promise.texts"]).map((x) => clip(x, F["promise.texts[]"]));
    if (texts.length) p.texts = texts;
  }
  return Object.keys(p).length ? p : undefined;
}

/** sanitizeOrder copies the known order fields; anything else (a name, an address) is dropped. */
export function sanitizeOrder(raw: unknown): Order {
  if (!isObj(raw) || !isOrderId(raw.order_id)) throw new MessageError("order needs a valid order_id");
  const o: Order = { order_id: raw.order_id };
  put(o, "order_date", optStr(raw.order_date, 64));
  put(o, "store", optStr(raw.store, F.store));
  put(o, "status_text", optStr(raw.status_text, F.status_text));
  put(o, "shipping_method", optStr(raw.shipping_method, F.shipping_method));
  put(o, "total", optStr(raw.total, F.total));
  if (Array.isArray(raw.items)) {
    o.items = raw.items.filter(isObj).slice(0, COUNT_MAX.items).map((it) => {
      const item: NonNullable<Order["items"]>[number] = {};
      put(item, "title", optStr(it.title, F["items[].title"]));
      put(item, "quantity", finiteInt(it.quantity, 0, MAX_QUANTITY));
      put(item, "price", optStr(it.price, F["items[].price"]));
      put(item, "product_id", optStr(it.product_id, F["items[].product_id"]));
      put(item, "sku", optStr(it.sku, F["items[].sku"]));
      return item;
    });
  }
  if (isObj(raw.protection)) {
    const p: NonNullable<Order["protection"]> = {};
    put(p, "ends_at", optStr(raw.protection.ends_at, 64));
    put(p, "days_left", finiteInt(raw.protection.days_left, 0, MAX_PROTECTION_DAYS));
    put(p, "read_at", optStr(raw.protection.read_at, 64));
    put(p, "text", optStr(raw.protection.text, F["protection.text"]));
    if (Object.keys(p).length) o.protection = p;
  }
  if (raw.parcels !== undefined) o.parcels = sanitizeParcels(raw.parcels);
  const promise = sanitizePromise(raw.promise);
  if (promise) o.promise = promise;
  if (isObj(raw.buyer)) {
    const b: NonNullable<Order["buyer"]> = {};
    if (typeof raw.buyer.received === "boolean") b.received = raw.buyer.received;
    if (typeof raw.buyer.dispute_opened === "boolean") b.dispute_opened = raw.buyer.dispute_opened;
    put(b, "country", typeof raw.buyer.country === "string" && /^[A-Z]{2}$/.test(raw.buyer.country) ? raw.buyer.country : undefined);
    put(b, "city", optStr(raw.buyer.city, F["buyer.city"]));
    put(b, "lang", optStr(raw.buyer.lang, F["buyer.lang"]));
    if (Object.keys(b).length) o.buyer = b;
  }
  return o;
}

/** The earliest day a buyer can have written to a seller about an order we track. */
export const SELLER_CONTACT_SINCE = "2010-01-01";
/** A day ahead of UTC: the buyer's own "today" east of Greenwich is UTC's tomorrow. */
const DAY_AHEAD_MS = 14 * 60 * 60 * 1000;

/**
 * sellerContactDate checks the day the buyer says they wrote to the seller: a real calendar
 * day (YYYY-MM-DD), not before 2010 and not after the buyer's today. Returns it as RFC 3339
 * (midnight UTC of that day), the form order.buyer.seller_asked_at takes.
 */
export function sellerContactDate(v: unknown, now: number): string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new MessageError("askedAt must be a date YYYY-MM-DD or null");
  const t = Date.parse(`${v}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; a real day reads back the same.
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) throw new MessageError(`${v} is not a real date`);
  if (v < SELLER_CONTACT_SINCE) throw new MessageError(`${v} is before ${SELLER_CONTACT_SINCE.slice(0, 4)}`);
  if (t > now + DAY_AHEAD_MS) throw new MessageError(`${v} is in the future`);
  return `${v}T00:00:00Z`;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/**
 * parseMessage checks a message against its sender and returns a clean copy, or throws a
 * MessageError saying why it was refused.
 */
export function parseMessage(raw: unknown, sender: SenderKind, now = Date.now()): Message {
  if (sender === "rejected") throw new MessageError("message from an unknown sender");
  if (!isObj(raw) || typeof raw.type !== "string") throw new MessageError("message without a type");
  const type = raw.type;
  const allowed = sender === "content" ? CONTENT_TYPES : EXTENSION_TYPES;
  if (!allowed.has(type)) throw new MessageError(`${type} is not allowed from a ${sender === "content" ? "content script" : "extension page"}`);
  let size = 0;
  try {
    size = JSON.stringify(raw).length;
  } catch {
    throw new MessageError("message is not plain JSON");
  }
  // An evidence pack request carries its screenshots: each is checked below.
  const cap = type === MSG.evidencePack ? MAX_EVIDENCE_SHOTS * MAX_EVIDENCE_SHOT_BYTES + 10_000 : MAX_MESSAGE_BYTES;
  if (size > cap) throw new MessageError(`message of ${size} bytes is too large`);
  const orderId = (): string => {
    if (!isOrderId(raw.orderId)) throw new MessageError("invalid orderId");
    return raw.orderId;
  };
  switch (type) {
    case MSG.ordersFound: {
      if (!Array.isArray(raw.orders) || raw.orders.length > MAX_ORDERS_PER_MESSAGE) throw new MessageError("orders must be a list of at most 500");
      if (!PAGE_STATES.includes(raw.page as PageStateCode)) throw new MessageError("invalid page state");
      const m: Message = { type, orders: raw.orders.map(sanitizeOrder), page: raw.page as PageStateCode };
      if (raw.badges === false) m.badges = false;
      if (raw.uiLang !== undefined) m.uiLang = uiLangHint(raw.uiLang);
      return m;
    }
    case MSG.knownBadges:
      return raw.uiLang === undefined ? { type } : { type, uiLang: uiLangHint(raw.uiLang) };
    case MSG.pageState: {
      if (!PAGE_STATES.includes(raw.page as PageStateCode)) throw new MessageError("invalid page state");
      const m: Message = { type, page: raw.page as PageStateCode };
      if (typeof raw.detail === "string") m.detail = clip(raw.detail, 500);
      return m;
    }
    case MSG.trackingResult: {
      const m: Message = { type, orderId: orderId(), parcels: sanitizeParcels(raw.parcels) };
      const sm = optStr(raw.shipping_method, F.shipping_method);
      if (sm) m.shipping_method = sm;
      const promise = sanitizePromise(raw.promise);
      if (promise) m.promise = promise;
      return m;
    }
    case MSG.trackingError: {
      if (!TRACKING_ERRORS.includes(raw.code as TrackingErrorCode)) throw new MessageError("invalid error code");
      return { type, orderId: orderId(), code: raw.code as TrackingErrorCode, message: clip(String(raw.message ?? ""), 500) };
    }
    case MSG.setMark: {
      if (!MARKS.includes(raw.mark as Mark)) throw new MessageError("invalid mark");
      if (raw.value !== null && typeof raw.value !== "boolean") throw new MessageError("mark value must be true, false or null");
      return { type, orderId: orderId(), mark: raw.mark as Mark, value: raw.value as boolean | null };
    }
    case MSG.setNote: {
      if (typeof raw.note !== "string" || codePoints(raw.note) > MAX_NOTE) throw new MessageError(`note must be text of at most ${MAX_NOTE} characters`);
      return { type, orderId: orderId(), note: raw.note };
    }
    case MSG.setSellerContact: {
      if (typeof raw.replied !== "boolean") throw new MessageError("replied must be true or false");
      const askedAt = raw.askedAt === null ? null : sellerContactDate(raw.askedAt, now);
      return { type, orderId: orderId(), askedAt, replied: raw.replied };
    }
    case MSG.addNumber: {
      if (typeof raw.number !== "string" || raw.number.length === 0 || raw.number.length > 100) throw new MessageError("number must be 1–100 characters");
      const m: Message = { type, number: raw.number };
      if (typeof raw.label === "string" && raw.label) m.label = clip(raw.label, 200);
      return m;
    }
    case MSG.exportData:
      if (raw.format !== "csv" && raw.format !== "json") throw new MessageError("format must be csv or json");
      return { type, format: raw.format };
    case MSG.dismissConflict:
    case MSG.evidencePackPage:
      return { type, orderId: orderId() };
    case MSG.evidencePack: {
      const list = raw.screenshots === undefined ? [] : raw.screenshots;
      if (!Array.isArray(list) || list.length > MAX_EVIDENCE_SHOTS) throw new MessageError(`screenshots must be a list of at most ${MAX_EVIDENCE_SHOTS}`);
      const screenshots = list.map((x): EvidenceShot => {
        if (!isObj(x) || typeof x.data_uri !== "string" || x.data_uri.length > MAX_EVIDENCE_SHOT_BYTES || !/^data:image\/(png|jpeg);base64,/.test(x.data_uri)) throw new MessageError("a screenshot must be a PNG or JPEG data URI of at most 4 MB");
        const shot: EvidenceShot = { data_uri: x.data_uri };
        put(shot, "url", optStr(x.url, 500));
        put(shot, "title", optStr(x.title, 500));
        put(shot, "taken_at", optStr(x.taken_at, 64));
        return shot;
      });
      return { type, orderId: orderId(), screenshots };
    }
    case MSG.setServer: {
      if (typeof raw.url !== "string" || raw.url.length > 500) throw new MessageError("invalid server URL");
      return { type, url: raw.url };
    }
    case MSG.signUp:
    case MSG.signIn: {
      if (typeof raw.email !== "string" || !EMAIL.test(raw.email)) throw new MessageError("invalid e-mail address");
      if (typeof raw.password !== "string" || raw.password.length < 1 || raw.password.length > 1024) throw new MessageError("invalid password");
      return { type, email: raw.email, password: raw.password };
    }
    case MSG.getOrders: {
      const m: Message = { type };
      if (raw.summary !== undefined) {
        if (raw.summary !== true) throw new MessageError("summary must be true");
        m.summary = true;
      }
      if (raw.ids !== undefined) {
        if (!Array.isArray(raw.ids) || raw.ids.length > MAX_ROW_IDS || !raw.ids.every(isOrderId)) throw new MessageError(`ids must be a list of at most ${MAX_ROW_IDS} order ids`);
        m.ids = raw.ids.slice();
      }
      if (raw.head !== undefined) {
        if (m.summary !== true || !Number.isInteger(raw.head) || (raw.head as number) < 1 || (raw.head as number) > MAX_ROW_IDS) throw new MessageError(`head must be a whole number from 1 to ${MAX_ROW_IDS}, with summary`);
        m.head = raw.head as number;
      }
      return m;
    }
    case MSG.trackingFinished:
    case MSG.syncNow:
    case MSG.refreshNow:
    case MSG.getAccount:
    case MSG.signOut:
      return { type } as Message;
  }
  throw new MessageError(`unknown message ${clip(type, 60)}`);
}

/** uiLangHint: a stored language choice as a content script passes it on (a short string, or none). */
function uiLangHint(v: unknown): string | null {
  return typeof v === "string" ? clip(v, 16) : null;
}

/** validServerUrl accepts http(s) origins only (no path tricks, no credentials in the URL). */
export function normalizeServerUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new MessageError("server URL is not a URL");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new MessageError("server URL must be http or https");
  if (u.username || u.password) throw new MessageError("server URL must not contain credentials");
  if (u.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) throw new MessageError("plain http is only allowed for a server on this computer");
  return u.origin;
}
