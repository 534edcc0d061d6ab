// Reading the My Orders page: pure functions over the DOM (no chrome.*), so the unit tests run
// them on saved fixture pages under linkedom. Only the order cards are read: the page header
// carries the buyer's name and address, and nothing here ever looks at it.
import { all, captchaTexts, first, selectors } from "../shared/selectors.js";
import type { Order, OrderItem } from "../shared/order.js";
import { ORDER_ID } from "../shared/order.js";
import { clip } from "../shared/text.js";
import { parseOrderDate } from "../shared/dates.js";
import { allLabels, cardLanguage, fold, statusOf } from "../shared/cards/index.js";
import { storefrontOf } from "../shared/storefront.js";

export type PageState = "ok" | "empty" | "logged_out" | "captcha" | "unknown_layout" | "unsupported_storefront";

/** What of a card could not be read: its badge is still drawn, with a note saying so. */
export type PartialField = "status" | "date" | "total";

export interface CardReading {
  element: Element;
  order: Order;
  /** Fields the card shows in a wording no card data file knows (empty when fully read). */
  partial: PartialField[];
}

export interface PageReading {
  state: PageState;
  cards: CardReading[];
  /** Cards that looked like orders but had no readable order id. */
  unreadable: number;
}

const text = (el: Element | null | undefined): string => clip((el?.textContent ?? "").replace(/\s+/g, " ").trim());

export { parseOrderDate };

function orderIdFromHref(href: string | null): string {
  if (!href) return "";
  try {
    const u = new URL(href, "https://www.aliexpress.com/");
    const id = u.searchParams.get("orderId") ?? u.searchParams.get("tradeOrderId") ?? "";
    return ORDER_ID.test(id) ? id : "";
  } catch {
    return "";
  }
}

/** readOrderId prefers the detail link's orderId parameter; header text is localised. */
export function readOrderId(card: Element): string {
  for (const name of ["detailLink", "trackingLink"] as const) {
    for (const s of selectors[name]) {
      for (const a of Array.from(card.querySelectorAll(s))) {
        const id = orderIdFromHref(a.getAttribute("href"));
        if (id) return id;
      }
    }
  }
  // Header text is the fallback; its label is localised ("Order ID:", "Ref. Number", "Bestellnummer:"),
  // the number itself is not.
  const info = text(first(card, "headerInfo"));
  // Digits only, 14–19 of them; the "Copy" button's text follows without a space.
  const m = /(?<!\d)(\d{14,19})(?!\d)/.exec(info);
  return m ? m[1] : "";
}

/** The page's language: <html lang> first, else the storefront's (es.aliexpress.com → es), else English. */
export function pageLang(doc: Document, href: string): string {
  const declared = doc.documentElement?.getAttribute("lang")?.trim();
  if (declared) return declared;
  return storefrontOf(href)?.siteLang ?? "en";
}

/** stripLabel drops a known label ("Gesamt:", "Order date:", "합계") or any text before a colon that holds no digit. */
function stripLabel(t: string, kind: "date" | "id" | "total", lang: string): string {
  const f = fold(t);
  for (const label of allLabels(kind, cardLanguage(lang))) {
    if (!f.startsWith(label)) continue;
    // Cut as many characters of the original as the label spans once folded.
    for (let i = 1; i <= t.length; i++) {
      if (fold(t.slice(0, i)) === label) return t.slice(i).replace(/^[\s:：]+/, "").trim();
    }
  }
  const colon = /^([^\d:：]{1,40})[:：]\s*/.exec(t);
  return colon ? t.slice(colon[0].length).trim() : t;
}

function readDate(card: Element, lang: string): { date: string; shown: boolean } {
  const info = first(card, "headerInfo");
  if (!info) return { date: "", shown: false };
  const children = Array.from(info.children);
  const dateLabels = allLabels("date", cardLanguage(lang));
  // The line with a date label; else the first line that reads as a date; else the first line.
  const labelled = children.find((c) => {
    const folded = fold(text(c)); // once per line, not once per label of every language
    return dateLabels.some((l) => folded.startsWith(l));
  });
  for (const c of labelled ? [labelled] : children) {
    const d = parseOrderDate(stripLabel(text(c), "date", lang), lang);
    if (d) return { date: d, shown: true };
  }
  // Nothing read: was a date shown at all? The labelled line, or a line that is not the order id.
  const shown = labelled ? text(labelled) !== "" : children.some((c) => text(c) !== "" && !/(?<!\d)\d{14,19}(?!\d)/.test(text(c)));
  return { date: "", shown };
}

function productIdFromHref(href: string | null): string {
  const m = /\/item\/(\d+)\.html/.exec(href ?? "");
  return m ? m[1] : "";
}

function readItems(card: Element): OrderItem[] {
  const infos = all(card, "itemInfo");
  if (infos.length > 0) {
    return infos.map((info) => {
      const item: OrderItem = {};
      const titled = first(info, "itemTitleAttr");
      const title = clip(titled?.getAttribute("title")?.trim() || text(first(info, "itemName")));
      if (title) item.title = title;
      const sku = text(first(info, "itemSku"));
      if (sku) item.sku = sku;
      const number = text(first(info, "itemNumber"));
      const qtyText = text(first(info, "itemQuantity")) || (/x\s*(\d+)\s*$/i.exec(number)?.[0] ?? "");
      const qty = /(\d+)/.exec(qtyText);
      if (qty) item.quantity = Number(qty[1]);
      const price = number.replace(/x\s*\d+\s*$/i, "").trim();
      if (price) item.price = price;
      const link = info.querySelector(selectors.itemLink[0]) ?? info.parentElement?.querySelector(selectors.itemLink[0]);
      const pid = productIdFromHref(link?.getAttribute("href") ?? null);
      if (pid) item.product_id = pid;
      return item;
    });
  }
  // Multi-product orders show only images with links (extension/test/fixtures/aliexpress.mjs renders the same).
  return all(card, "multiItemLinks")
    .map((a) => productIdFromHref(a.getAttribute("href")))
    .filter((pid) => pid !== "")
    .map((pid) => ({ product_id: pid }));
}

function readProtection(card: Element, now: Date): Order["protection"] | undefined {
  let el = first(card, "protection");
  if (!el || !/protection/i.test(el.textContent ?? "")) {
    el = Array.from(card.querySelectorAll("div, span, p")).find((e) => e.children.length === 0 && /buyer protection/i.test(e.textContent ?? "")) ?? null;
  }
  if (!el) return undefined;
  const t = text(el);
  const p: NonNullable<Order["protection"]> = { text: t };
  const days = /(\d{1,3})\s*(?:days?|дн)/i.exec(t);
  if (days) {
    p.days_left = Number(days[1]);
    p.read_at = now.toISOString();
  }
  return p;
}

/**
 * readCardFull reads one order card in the page's language (a BCP 47 tag; see pageLang) and
 * says which shown fields were in a wording no card data file knows. The status text is sent
 * as shown: the core maps it (shared/classify/orders.txt). The order id is "" when the card has none.
 */
export function readCardFull(card: Element, now: Date = new Date(), lang = "en"): { order: Order; partial: PartialField[] } {
  const partial: PartialField[] = [];
  const order: Order = { order_id: readOrderId(card) };
  const date = readDate(card, lang);
  if (date.date) order.order_date = date.date;
  else if (date.shown) partial.push("date");
  const status = text(first(card, "statusText"));
  if (status) {
    order.status_text = status;
    if (!statusOf(status, cardLanguage(lang))) partial.push("status");
  }
  const store = text(first(card, "storeName"));
  if (store) order.store = store;
  const totalShown = text(first(card, "total"));
  const total = stripLabel(totalShown, "total", lang);
  if (total) order.total = total;
  if (totalShown && !/\d/.test(total)) partial.push("total");
  const items = readItems(card);
  if (items.length) order.items = items;
  const protection = readProtection(card, now);
  if (protection) order.protection = protection;
  return { order, partial };
}

/** readCard reads one order card; the order id is "" when the card has none. */
export function readCard(card: Element, now: Date = new Date(), lang = "en"): Order {
  return readCardFull(card, now, lang).order;
}

/** detectBlocker tells a captcha or a sign-in page apart from an orders page. */
export function detectBlocker(doc: Document, href: string): "captcha" | "logged_out" | null {
  if (/^https:\/\/login\.aliexpress\.[a-z.]+/i.test(href)) return "logged_out";
  if (first(doc, "captcha")) return "captcha";
  const bodyText = doc.body?.textContent ?? "";
  if (bodyText.length < 20000 && captchaTexts.some((re) => re.test(bodyText))) return "captcha";
  if (first(doc, "login")) return "logged_out";
  return null;
}

/** findCards lists the order cards within root (a document or an added subtree). */
export function findCards(root: ParentNode): Element[] {
  const cards = all(root, "card");
  // A fallback selector may match nested parts of one card; keep the outermost (a walk up from
  // each, not each against every other: the page runs this on every burst of its changes).
  const set = new Set(cards);
  return cards.filter((c) => {
    for (let p = c.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

/**
 * unsupportedStorefront: aliexpress.ru is a separate site whose order list OrderWatch cannot read
 * yet (the public evidence of its JSON API is too thin: src/shared/cards/README.md). Its page
 * says so instead of staying silent.
 */
export function unsupportedStorefront(href: string): boolean {
  return storefrontOf(href)?.kind === "ru";
}

/** readPage reads the whole page. */
export function readPage(doc: Document, href: string, now: Date = new Date()): PageReading {
  if (unsupportedStorefront(href)) return { state: "unsupported_storefront", cards: [], unreadable: 0 };
  const blocker = detectBlocker(doc, href);
  if (blocker) return { state: blocker, cards: [], unreadable: 0 };
  const lang = pageLang(doc, href);
  const cards: CardReading[] = [];
  let unreadable = 0;
  for (const element of findCards(doc)) {
    const { order, partial } = readCardFull(element, now, lang);
    if (order.order_id) cards.push({ element, order, partial });
    else unreadable++;
  }
  if (cards.length > 0) return { state: "ok", cards, unreadable };
  if (unreadable > 0) return { state: "unknown_layout", cards, unreadable };
  // The list container holds something, but nothing we know as a card: a redesign, not an
  // empty account. (Our own bar is not part of the page.)
  const container = first(doc, "cardContainer");
  const foreign = container ? Array.from(container.children).filter((c) => !c.hasAttribute("data-orderwatch-panel")) : [];
  if (foreign.length > 0) return { state: "unknown_layout", cards, unreadable };
  if (first(doc, "pageMarkers")) return { state: "empty", cards, unreadable };
  return { state: "unknown_layout", cards, unreadable };
}
