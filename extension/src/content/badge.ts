// The badge on each order card. Everything in it comes from the page or the service worker and
// is written with textContent; the data-* attributes are the stable contract for tests.
import type { BadgeInfo } from "../shared/assessment.js";
import { t } from "../shared/browser.js";
import { clip } from "../shared/text.js";

export const BADGE_ATTR = "data-orderwatch-badge";

export function badgeText(b: BadgeInfo): string {
  const parts = [b.label];
  if (b.daysSinceUpdate !== null) parts.push(t("badge_days_since_update", String(b.daysSinceUpdate)));
  if (b.protectionDaysLeft !== null) parts.push(t("badge_protection_left", String(b.protectionDaysLeft)));
  if (b.error) parts.push(t(`error_${b.error}`));
  return parts.join(" · ");
}

/** drawBadge puts (or updates) the badge in the card; returns the badge element. */
export function drawBadge(card: Element, b: BadgeInfo): HTMLElement {
  const doc = card.ownerDocument;
  let el = card.querySelector<HTMLElement>(`[${BADGE_ATTR}]`);
  if (!el) {
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
  el.textContent = badgeText(b);
  el.title = clip(b.reason || t(`verdict_${b.verdict}`), 500);
  return el;
}
