// The provisional badge: what a card never judged before shows at once, from what the card itself
// says (its order status line and its Buyer Protection line), until the core's badge arrives.
// It carries no verdict, so the badge can never go from one verdict to another for the same
// data: the first verdict the buyer sees is the core's. It is a separate element
// ([data-orderwatch-provisional], never [data-orderwatch-badge]) and the real badge replaces it.
import { contentI18n } from "./lang.js";
import type { Order } from "../shared/order.js";
import { clip } from "../shared/text.js";

export const PROVISIONAL_ATTR = "data-orderwatch-provisional";

/** provisionalText: the card's own status words, and the days of protection it shows. */
export function provisionalText(o: Order): string {
  const parts: string[] = [];
  if (o.status_text) parts.push(clip(o.status_text, 60));
  const days = o.protection?.days_left;
  const i18n = contentI18n();
  if (typeof days === "number" && days >= 0) parts.push(i18n.t("badge_protection_left", i18n.days(days, "short")));
  return parts.length ? parts.join(" · ") + " …" : "…";
}

/** drawProvisional puts the provisional badge in a card that has no badge of either kind. */
export function drawProvisional(card: Element, o: Order): HTMLElement | null {
  if (card.querySelector(`[data-orderwatch-badge], [${PROVISIONAL_ATTR}]`)) return null;
  const doc = card.ownerDocument;
  const el = doc.createElement("span");
  el.setAttribute(PROVISIONAL_ATTR, "");
  el.setAttribute("data-order-id", o.order_id);
  el.setAttribute("aria-busy", "true");
  el.className = "orderwatch-badge orderwatch-provisional";
  el.textContent = provisionalText(o);
  const header = card.querySelector(".order-item-header") ?? card;
  header.insertBefore(el, header.firstChild);
  return el;
}

/** clearProvisional removes it once the real badge is drawn. */
export function clearProvisional(card: Element): void {
  card.querySelector(`[${PROVISIONAL_ATTR}]`)?.remove();
}
