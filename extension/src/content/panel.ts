// The OrderWatch bar above the order list: notice, "Track all orders", progress, cancel.
import { PAGE_STATES, type PageStateCode } from "../shared/messages.js";
import { contentI18n, onContentLang } from "./lang.js";
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
  // The buyer's language and its direction (Hebrew: right to left); relabelled when it changes.
  let i18n = contentI18n();
  const t = (key: string) => i18n.t(key);
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
  let noticeState = "";
  const label = () => {
    root.setAttribute("dir", i18n.dir);
    root.setAttribute("lang", i18n.tag);
    trackAll.textContent = t("track_all");
    cancel.textContent = t("cancel");
    // A page-state notice is said again in the new language; other notices keep their words.
    if ((PAGE_STATES as readonly string[]).includes(noticeState) && noticeState !== "ok") notice.textContent = t(`page_${noticeState}`);
  };
  label();
  onContentLang((next) => {
    if (!root.isConnected) return;
    i18n = next;
    label();
  });

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
      noticeState = state;
      notice.textContent = (PAGE_STATES as readonly string[]).includes(state) && state !== "ok" && text ? t(`page_${state}`) : text;
    },
  };
}
