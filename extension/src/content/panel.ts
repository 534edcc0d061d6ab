// The OrderWatch bar above the order list: notice, "Track all orders", progress, cancel.
import { ext, t } from "../shared/browser.js";
import type { PageStateCode } from "../shared/messages.js";
import { first } from "../shared/selectors.js";

export interface Panel {
  root: HTMLElement;
  trackAll: HTMLButtonElement;
  cancel: HTMLButtonElement;
  progress: HTMLElement;
  bar: HTMLProgressElement;
  notice: HTMLElement;
  setProgress(done: number, total: number, state: "running" | "done" | "cancelled" | "stopped", errors: number): void;
  setNotice(state: PageStateCode | "tracking_error" | "", text: string): void;
}

export function mountPanel(doc: Document): Panel {
  const existing = doc.querySelector<HTMLElement>("[data-orderwatch-panel]");
  if (existing) existing.remove();
  const root = doc.createElement("div");
  root.setAttribute("data-orderwatch-panel", "");
  root.className = "orderwatch-panel";
  // The browser's language and its direction (Hebrew: right to left), as chrome.i18n knows them.
  root.setAttribute("dir", ext.i18n.getMessage("@@bidi_dir") || "auto");
  const uiLocale = ext.i18n.getMessage("@@ui_locale");
  if (uiLocale) root.setAttribute("lang", uiLocale.replace("_", "-"));
  const title = doc.createElement("strong");
  title.textContent = "OrderWatch";
  const trackAll = doc.createElement("button");
  trackAll.type = "button";
  trackAll.setAttribute("data-orderwatch-track-all", "");
  trackAll.textContent = t("track_all");
  const cancel = doc.createElement("button");
  cancel.type = "button";
  cancel.setAttribute("data-orderwatch-cancel", "");
  cancel.textContent = t("cancel");
  cancel.hidden = true;
  const bar = doc.createElement("progress");
  bar.max = 1;
  bar.value = 0;
  bar.hidden = true;
  const progress = doc.createElement("span");
  progress.setAttribute("data-orderwatch-progress", "");
  progress.setAttribute("data-done", "0");
  progress.setAttribute("data-total", "0");
  progress.hidden = true;
  const notice = doc.createElement("div");
  notice.setAttribute("data-orderwatch-notice", "");
  notice.setAttribute("role", "status");
  notice.hidden = true;
  root.append(title, trackAll, cancel, bar, progress, notice);

  const anchor = first(doc, "cardContainer");
  if (anchor?.parentElement) anchor.parentElement.insertBefore(root, anchor);
  else doc.body.insertBefore(root, doc.body.firstChild);

  return {
    root, trackAll, cancel, progress, bar, notice,
    setProgress(done, total, state, errors) {
      progress.hidden = false;
      bar.hidden = false;
      progress.textContent = `${done}/${total}`;
      progress.setAttribute("data-done", String(done));
      progress.setAttribute("data-total", String(total));
      progress.setAttribute("data-state", state);
      progress.setAttribute("data-errors", String(errors));
      bar.max = Math.max(total, 1);
      bar.value = done;
      cancel.hidden = state !== "running";
      trackAll.disabled = state === "running";
    },
    setNotice(state, text) {
      notice.hidden = state === "" || state === "ok";
      notice.setAttribute("data-state", state);
      notice.textContent = text;
    },
  };
}
