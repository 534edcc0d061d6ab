// Every DOM selector OrderWatch uses on AliExpress pages, in one place (docs/aliexpress.md §1).
// Each datum has a list: the first is what the sources saw most recently, the rest are
// fallbacks for small redesigns. When none matches, the reader reports "layout not recognised"
// instead of guessing.

export const selectors = {
  /** One card per order. */
  card: ["div.order-item", "[class^='order-item ']", "[class*='order-card']"],
  /** Where lazily added cards appear; the observer falls back to document.body. */
  cardContainer: ["div.comet-checkbox-group", ".order-content", ".order-main"],
  /** Page parts that prove this is the orders page even when it has no order yet. */
  pageMarkers: ["div.comet-checkbox-group", ".order-wrap", ".order-main", ".order-empty"],
  statusText: ["span.order-item-header-status-text", "[class*='order-item-header-status-text']", ".order-item-header-status"],
  headerInfo: ["div.order-item-header-right-info", "[class*='header-right-info']"],
  detailLink: ["div.order-item-header-right > a[href*='orderId=']", "a[href*='/p/order/detail.html']", "a[href*='orderId=']"],
  trackingLink: ["a[href*='tradeOrderId=']"],
  storeName: ["span.order-item-store-name a span", "span.order-item-store-name a", ".order-item-store-name", "a[href*='/store/']"],
  itemInfo: [".order-item-content-info"],
  itemName: [".order-item-content-info-name"],
  itemTitleAttr: [".order-item-content-info-name [title]"],
  itemLink: ["a[href*='/item/']"],
  itemSku: [".order-item-content-info-sku"],
  itemNumber: [".order-item-content-info-number"],
  itemQuantity: [".order-item-content-info-number-quantity"],
  multiItemLinks: [".order-item-content-img-list > a", ".order-item-content-img-list a[href*='/item/']"],
  total: ["span.order-item-content-opt-price-total", "[class*='opt-price-total']"],
  /** Not in the sources: the card's Buyer Protection line, also found by its text. */
  protection: [".order-item-content-opt-protection", "[class*='protection']"],
  viewMore: [".order-more button.comet-btn", "[class^='order-more'] [class^='comet-btn']"],
  statusTabs: ["div.comet-tabs-nav-item"],
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
