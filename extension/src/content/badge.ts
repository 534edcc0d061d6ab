// The badge on each order card. Everything in it comes from the page or the service worker and
// is written with textContent; the data-* attributes are the stable contract for tests.
import type { BadgeInfo } from "../shared/assessment.js";
import { badgeLine } from "../shared/badge.js";
import { t } from "../shared/browser.js";
import { contentI18n } from "./lang.js";
import { PROVISIONAL_ATTR } from "./provisional.js";
import { clip } from "../shared/text.js";

export const BADGE_ATTR = "data-orderwatch-badge";

/** The worker's words for the badge (in the buyer's chosen language), else the browser's. */
export function badgeText(b: BadgeInfo): string {
  return b.text || badgeLine(b, contentI18n());
}

/** The verdict's shape, so that badges differ by more than their colour. */
export const VERDICT_ICON: Record<string, string> = { normal: "✓", watch: "◔", act: "!" };

/** drawBadge puts (or updates) the badge in the card; returns the badge element. */
export function drawBadge(card: Element, b: BadgeInfo): HTMLElement {
  const doc = card.ownerDocument;
  let el = card.querySelector<HTMLElement>(`[${BADGE_ATTR}]`);
  const provisional = el ? null : card.querySelector<HTMLElement>(`[${PROVISIONAL_ATTR}]`);
  if (provisional) {
    // The provisional badge becomes the badge where it stands: no element leaves or joins the
    // card, so the page lays out only the words that changed.
    el = provisional;
    el.removeAttribute(PROVISIONAL_ATTR);
    el.removeAttribute("aria-busy");
    el.setAttribute(BADGE_ATTR, "");
  } else if (!el) {
    el = doc.createElement("span");
    el.setAttribute(BADGE_ATTR, "");
    const header = card.querySelector(".order-item-header") ?? card;
    header.insertBefore(el, header.firstChild);
  }
  el.setAttribute("data-order-id", b.orderId);
  el.setAttribute("data-status", b.status);
  el.setAttribute("data-verdict", b.verdict);
  el.setAttribute("data-order-status", b.orderStatus);
  el.setAttribute("data-tracked", String(b.tracked));
  if (b.error) el.setAttribute("data-error", b.error);
  else el.removeAttribute("data-error");
  el.className = `orderwatch-badge orderwatch-${b.verdict}`;
  if (b.lang) el.setAttribute("lang", b.lang);
  el.setAttribute("dir", b.dir ?? "auto");
  const icon = doc.createElement("span");
  icon.className = "orderwatch-icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = VERDICT_ICON[b.verdict] ?? "?";
  // The verdict in words for screen readers (the shape is hidden from them, the colour says nothing).
  const words = doc.createElement("span");
  words.className = "orderwatch-sr";
  words.textContent = `${b.verdictText || t(`verdict_${b.verdict}`)}: `;
  el.replaceChildren(icon, words, doc.createTextNode(badgeText(b)));
  el.title = clip(b.reason || t(`verdict_${b.verdict}`), 500);
  return el;
}
