// The note on a card that was only partly read: its status, date or total is in a wording no
// card data file knows (src/shared/cards). The badge is still drawn; this says the reading is
// incomplete, in the buyer's language, written with textContent.
import { t } from "../shared/browser.js";
import type { PartialField } from "./read.js";

export const PARTIAL_ATTR = "data-orderwatch-partial";

/** markPartial puts (or updates, or removes when fields is empty) the note in the card. */
export function markPartial(card: Element, fields: readonly PartialField[]): void {
  let el = card.querySelector<HTMLElement>(`[${PARTIAL_ATTR}]`);
  if (fields.length === 0) {
    el?.remove();
    return;
  }
  const value = fields.join(" ");
  if (el && el.getAttribute(PARTIAL_ATTR) === value) return; // unchanged: no DOM write, no new mutation
  if (!el) {
    el = card.ownerDocument.createElement("span");
    el.className = "orderwatch-partial";
    const header = card.querySelector(".order-item-header") ?? card;
    header.append(el);
  }
  el.setAttribute(PARTIAL_ATTR, value);
  el.textContent = t("card_partial", fields.map((f) => t(`card_partial_${f}`)).join(", "));
}
