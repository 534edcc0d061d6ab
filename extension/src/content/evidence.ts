// The "Evidence pack" button on My Orders, on the cards of orders that need action: the worker
// has the core make the pack from what this browser knows, and the page saves it as a file.
// (A screenshot needs the extension's own popup or dashboard: a page cannot ask for activeTab.)
import type { BadgeInfo } from "../shared/assessment.js";
import { ext, t } from "../shared/browser.js";
import { evidenceFileName } from "../shared/evidence.js";
import { MSG } from "../shared/messages.js";
import { BADGE_ATTR } from "./badge.js";

export const EVIDENCE_ATTR = "data-orderwatch-evidence";

const label = (k: string, en: string) => (t(k) === k ? en : t(k));

/** drawEvidenceButton puts the button beside the badge of an order that needs action, and removes it otherwise. */
export function drawEvidenceButton(card: Element, b: BadgeInfo): void {
  const doc = card.ownerDocument;
  let btn = card.querySelector<HTMLButtonElement>(`[${EVIDENCE_ATTR}]`);
  if (b.verdict !== "act") {
    btn?.remove();
    return;
  }
  if (btn) return;
  btn = doc.createElement("button");
  btn.type = "button";
  btn.className = "orderwatch-evidence";
  btn.setAttribute(EVIDENCE_ATTR, b.orderId);
  btn.textContent = label("evidence_pack", "Evidence pack");
  const badge = card.querySelector(`[${BADGE_ATTR}]`);
  if (badge?.parentElement) badge.parentElement.insertBefore(btn, badge.nextSibling);
  else card.append(btn);
  btn.addEventListener("click", (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
    void save(doc, b.orderId);
  });
}

async function save(doc: Document, orderId: string): Promise<void> {
  const r = (await ext.runtime.sendMessage({ type: MSG.evidencePackPage, orderId })) as { ok?: boolean; html?: string; filename?: string };
  if (!r?.ok || !r.html) return;
  const a = doc.createElement("a");
  a.href = URL.createObjectURL(new Blob([r.html], { type: "text/html" }));
  a.download = r.filename ?? evidenceFileName(orderId);
  a.hidden = true;
  a.setAttribute("data-orderwatch-evidence-link", orderId);
  doc.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 60_000);
}
