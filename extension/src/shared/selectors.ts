// Every DOM selector OrderWatch uses on AliExpress pages, in one place. Each datum has a list:
// the first is what the sources saw most recently, the rest are fallbacks for small redesigns.
// When none matches, the reader reports "layout not recognised" instead of guessing.
//
// Where each selector comes from (public code read for facts only; no code copied; none of it
// was seen by us on a live page). The keys name the sources beside each entry:
//   KAGEE  Kagee/webshop-order-scraper @6fd84935 scrapers/aliexpress.py (2024-08, GPL-3.0)
//   PTAN   peter-tanner/AliExpress-Invoice-Downloader @8775c21d AliExpress-Invoice-Downloader.user.js (2024-06, GPL-3.0)
//   SU     su14iman/aliexpress-order-exporter @f5905d33 popup.js (2026, a German page: card, header info,
//          store name span, SKU, price × quantity, total, picture as background-image)
//   FLK    Flkalas/aliexpress-userscripts aliexpress-tracking-collector.user.js v1.7.7 (2025-26)
//   GF     older Greasyfork userscripts whose repositories could not be identified (2017-2026): weakest
// The 2024-26 sources agree that the card classes below still hold on the 2026 site; the
// wordings inside cards, per language, are data in cards/*.json (their README gives the evidence).

export const selectors = {
  /** One card per order. KAGEE, PTAN, SU. */
  card: ["div.order-item", "[class^='order-item ']", "[class*='order-card']"],
  /** Where lazily added cards appear (PTAN observes it); the observer falls back to document.body. */
  cardContainer: ["div.comet-checkbox-group", ".order-content", ".order-main"],
  /** Page parts that prove this is the orders page even when it has no order yet. */
  pageMarkers: ["div.comet-checkbox-group", ".order-wrap", ".order-main", ".order-empty"],
  /** KAGEE. */
  statusText: ["span.order-item-header-status-text", "[class*='order-item-header-status-text']", ".order-item-header-status"],
  /** Date and order id lines of the card header (localised labels: cards/*.json). KAGEE, SU. */
  headerInfo: ["div.order-item-header-right-info", "[class*='header-right-info']"],
  /** The order id is read from this link's orderId parameter, not the localised header text. PTAN. */
  detailLink: ["div.order-item-header-right > a[href*='orderId=']", "a[href*='/p/order/detail.html']", "a[href*='orderId=']"],
  trackingLink: ["a[href*='tradeOrderId=']"],
  /** KAGEE, SU. */
  storeName: ["span.order-item-store-name a span", "span.order-item-store-name a", ".order-item-store-name", "a[href*='/store/']"],
  /** Item title and link: PTAN, SU; SKU and price × quantity: SU, GF. */
  itemInfo: [".order-item-content-info"],
  itemName: [".order-item-content-info-name"],
  itemTitleAttr: [".order-item-content-info-name [title]"],
  itemLink: ["a[href*='/item/']"],
  itemSku: [".order-item-content-info-sku"],
  itemNumber: [".order-item-content-info-number"],
  itemQuantity: [".order-item-content-info-number-quantity"],
  /** Orders of several products show only their pictures as links. GF. */
  multiItemLinks: [".order-item-content-img-list > a", ".order-item-content-img-list a[href*='/item/']"],
  /** Digits are split across spans: read textContent. KAGEE, SU. */
  total: ["span.order-item-content-opt-price-total", "[class*='opt-price-total']"],
  /** Not in the sources: the card's Buyer Protection line, also found by its text. */
  protection: [".order-item-content-opt-protection", "[class*='protection']"],
  /** "View orders" (load more). KAGEE. */
  viewMore: [".order-more button.comet-btn", "[class^='order-more'] [class^='comet-btn']"],
  /** KAGEE (clicks the "Processed" tab: shipped orders). */
  statusTabs: ["div.comet-tabs-nav-item"],
  /** Alibaba's slider captcha ("baxia", "nc"). GF. */
  captcha: ["#baxia-dialog-content", ".baxia-dialog", "#nc_1_wrapper", ".nc-container"],
  /** The sign-in form of any storefront (login.aliexpress.com, login.aliexpress.us, login.aliexpress.ru). */
  login: ["#fm-login-id", "form[action*='login.aliexpress.']", "iframe[src*='login.aliexpress.']", ".login-wrap #login-form"],
} as const;

export type SelectorName = keyof typeof selectors;

/** Texts that reveal a captcha even when its markup changed. */
export const captchaTexts = [/please slide to verify/i, /unusual traffic/i];

/** The first element matching any selector of the list, searching within root. */
export function first(root: ParentNode, name: SelectorName): Element | null {
  for (const s of selectors[name]) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}

/** All elements matched by the first selector of the list that matches anything. */
export function all(root: ParentNode, name: SelectorName): Element[] {
  for (const s of selectors[name]) {
    const els = root.querySelectorAll(s);
    if (els.length > 0) return Array.from(els);
  }
  return [];
}

/** Whether el itself matches the list (for nodes handed in by a MutationObserver). */
export function matches(el: Element, name: SelectorName): boolean {
  return selectors[name].some((s) => el.matches(s));
}
