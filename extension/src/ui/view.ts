// The dashboard (full page) and the popup: the same view over the service worker's rows.
// Pure DOM code over data; the page modules wire it to messages and storage changes.
import type { Assessment } from "../shared/assessment.js";
import type { Filter } from "../shared/badge.js";
import { MARKS, type Mark } from "../shared/messages.js";
import type { LocalRecord } from "../shared/sync.js";
import { clip } from "../shared/text.js";
import { h, link } from "./dom.js";
import { dirOf, fromGetMessage, matchLang, protectionState, type I18n } from "../shared/i18n.js";
import { STAGES, type ProtectionPicture, type StagePicture } from "./pictures.js";
import { isFull, listOrder, summarize, summaryMatches, LIST_WHOLE, LIST_WINDOW, type ListRow, type Row, type RowSummary } from "./rows.js";

export { LIST_WHOLE, LIST_WINDOW, type ListRow, type Row, type RowSummary };

/** Without a loaded language (tests, a page still starting): the given t over English formats. */
function fallbackI18n(t: ViewActions["t"]): I18n {
  return fromGetMessage((k, s) => t(k, s), "en");
}

export interface ViewData {
  /** Every order of the list: complete rows, or summaries whose bodies are in details or asked for. */
  rows: ListRow[];
  /** The bodies the page holds, by order id. */
  details?: Map<string, Row>;
  /**
   * rows is the head of a longer list (its first rows as drawn, filter "all"), and this many
   * follow: the head is drawn with the list's "more" marker, and filters, search and scrolling
   * past it wait for the whole list, which the page draws when it comes (with the current state).
   */
  more?: number;
  pageNotice: { state: string; detail: string; at: string } | null;
  account: { signedIn: boolean; email: string; serverUrl: string; lastSyncAt: string; lastSyncError: string; pending: number; storageError?: string };
}

export interface ViewActions {
  t(key: string, sub?: string | string[]): string;
  /** The page's language (numbers, dates, days, direction); absent in tests: English formats. */
  i18n?: I18n;
  setMark(orderId: string, mark: Mark, value: boolean | null): void;
  saveNote(orderId: string, note: string): void;
  /** Resolves to "" when saved, or to the reason it was refused. askedAt: YYYY-MM-DD or null. */
  setSellerContact(orderId: string, askedAt: string | null, replied: boolean): Promise<string>;
  dismissConflict(orderId: string): void;
  copy(text: string): Promise<void>;
  exportData(format: "csv" | "json"): void;
  syncNow(): void;
  addNumber(number: string, label: string): Promise<string>;
  openDashboard?: () => void;
  /** Saves the order's evidence pack; capture: with a picture of the open AliExpress tab. Resolves to a status text. */
  evidencePack?: (orderId: string, capture: boolean) => Promise<string>;
  /** Rows whose bodies are wanted (drawn, or opened) and not in ViewData.details: the page gets them and hands them to fillRows. */
  needDetails?: (ids: string[]) => void;
}

export interface ViewState {
  filter: Filter;
  search: string;
  open: Set<string>;
  /** Rows drawn so far of the list for windowFor (filter|search): the list is windowed. */
  shown?: number;
  windowFor?: string;
}

const FILTERS: Filter[] = ["all", "action", "transit", "delivered", "archived"];

function markValue(rec: LocalRecord, m: Mark): boolean | null {
  return rec.marks[m];
}

function nextMark(m: Mark, v: boolean | null): boolean | null {
  if (m === "received") return v === true ? false : true;
  return !v;
}

/** The day part of a stored time (seller_asked_at is midnight UTC of the day the buyer gave). */
function dayOf(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return "";
  const d = new Date(typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
}

/** The buyer's today as YYYY-MM-DD in their own time zone (the date input's upper bound). */
function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** An unsaved seller-contact form, kept across a redraw. */
export interface SellerDraft {
  askedAt: string;
  replied: boolean;
}

function sellerContact(doc: Document, rec: LocalRecord, a: ViewActions, draft?: SellerDraft): HTMLElement {
  const t = a.t;
  const id = rec.order.order_id;
  const buyer = rec.order.buyer ?? {};
  const asked = h(doc, "input", { type: "date", "data-seller-asked": "", min: "2010-01-01", max: localToday() });
  asked.value = draft?.askedAt ?? dayOf(buyer.seller_asked_at as string | number | undefined);
  const replied = h(doc, "input", { type: "checkbox", "data-seller-replied": "" });
  replied.checked = draft?.replied ?? buyer.seller_replied === true;
  const box = h(doc, "div", { class: "seller-contact", "data-seller-contact": "" });
  if (draft) box.dataset.dirty = "1";
  const dirty = () => (box.dataset.dirty = "1");
  asked.addEventListener("input", dirty);
  replied.addEventListener("change", dirty);
  const result = h(doc, "span", { "data-seller-contact-result": "", role: "status" });
  const save = h(doc, "button", { type: "button", "data-seller-contact-save": "" }, t("seller_contact_save"));
  save.addEventListener("click", () => {
    result.textContent = "";
    delete box.dataset.dirty;
    const sent = { askedAt: asked.value, replied: replied.checked };
    void a.setSellerContact(id, sent.askedAt || null, sent.replied).then((err) => {
      // A save redraws the list: the answer goes to this order's form as drawn now.
      const now = doc.querySelector<HTMLElement>(`[data-orderwatch-order="${id}"] [data-seller-contact]`) ?? box;
      if (err) {
        now.dataset.dirty = "1";
        const n = now.querySelector<HTMLInputElement>("[data-seller-asked]");
        const r = now.querySelector<HTMLInputElement>("[data-seller-replied]");
        if (n) n.value = sent.askedAt;
        if (r) r.checked = sent.replied;
      }
      const out = now.querySelector("[data-seller-contact-result]");
      if (out) out.textContent = err || t("saved");
    });
  });
  box.append(
    h(doc, "h2", {}, t("seller_contact")),
    h(doc, "p", { class: "meta" }, t("seller_contact_hint")),
    h(doc, "label", {}, t("seller_asked_label"), " ", asked),
    " ",
    h(doc, "label", {}, replied, " ", t("seller_replied_label")),
    " ", save, " ", result,
  );
  return box;
}

/** labelled is "label: value" with the language's own punctuation (French puts a space before the colon). */
function labelled(t: (key: string, subs?: string[]) => string, label: string, value: string): string {
  const s = t("label_value", [label, value]);
  return s && s !== "label_value" ? s : `${label}: ${value}`;
}

/** The arrival window beside AliExpress's own estimate and refund date (assess.ETA). */
function etaLine(doc: Document, e: NonNullable<Assessment["eta"]>, a: ViewActions, date: (s: string) => string): HTMLElement {
  const label = (k: string, en: string) => (a.t(k) === k ? en : a.t(k));
  const span = (x: string, y: string) => (x.slice(0, 10) === y.slice(0, 10) ? date(x) : `${date(x)} – ${date(y)}`);
  // Which basis the window came from: the buyer's own deliveries are worth more than a method's range.
  const basis = { history: label("eta_basis_history", "based on your earlier deliveries"), stage: label("eta_basis_stage", "based on the stage reached"), method: label("eta_basis_method", "based on the shipping method") }[e.basis];
  const parts = [labelled(a.t, label("eta", "Arrival"), span(e.earliest, e.latest)) + (basis ? ` (${basis})` : "")];
  if (e.passed) parts.push(label("eta_passed", "the usual window has passed"));
  const s = e.aliexpress;
  if (s?.latest) parts.push(`AliExpress: ${s.earliest ? span(s.earliest, s.latest) : date(s.latest)}`);
  if (s?.refund_by) parts.push(`${label("eta_refund_by", "refund if not delivered by")} ${date(s.refund_by)}`);
  return h(doc, "p", { "data-eta": e.basis, "data-eta-passed": String(e.passed), ...(s?.refund_by ? { "data-eta-refund-by": s.refund_by.slice(0, 10) } : {}) }, parts.join(" · "));
}

/** The evidence pack: a file to attach to a dispute or print, optionally with a screenshot. */
function evidenceBox(doc: Document, id: string, a: ViewActions): HTMLElement {
  const label = (k: string, en: string) => (a.t(k) === k ? en : a.t(k));
  const capture = h(doc, "input", { type: "checkbox", "data-evidence-capture": "" });
  const result = h(doc, "span", { "data-evidence-result": "", role: "status" });
  const b = h(doc, "button", { type: "button", "data-evidence-pack": "" }, label("evidence_pack", "Evidence pack"));
  b.addEventListener("click", () => {
    result.textContent = "";
    void a.evidencePack!(id, capture.checked).then((msg) => (result.textContent = msg));
  });
  return h(doc, "div", { class: "evidence-pack", "data-evidence": "pack" }, b, " ",
    h(doc, "label", {}, capture, " ", label("evidence_capture", "with a screenshot of the open AliExpress tab")), " ", result);
}

function titleOf(s: RowSummary): string {
  return clip([s.store, s.item].filter(Boolean).join(" — ") || s.id, 300);
}

/** The verdict's shape (with its word): badges and rows differ by more than colour. */
const VERDICT_ICON: Record<string, string> = { normal: "✓", watch: "◔", act: "!" };

/** The row's pictures: the parcel's place on the route and the Buyer Protection countdown. */
function pictures(doc: Document, sp: StagePicture, pp: ProtectionPicture, i18n: I18n): HTMLElement {
  const t = i18n.t;
  const here = sp.mode === "returning" ? t("stage_returning") : sp.mode === "problem" ? `${t(`stage_${STAGES[sp.at]}`)} — ${t("stage_problem")}` : t(`stage_${STAGES[sp.at]}`);
  const steps = h(doc, "span", { class: "steps", "aria-hidden": "true" });
  STAGES.forEach((st, i) => {
    const state = i < sp.at ? "done" : i === sp.at ? "current" : "pending";
    steps.append(h(doc, "span", { class: `step ${state}`, title: t(`stage_${st}`), "data-step": st }));
  });
  const stage = h(doc, "span", { class: "stagebar", "data-stage-bar": STAGES[sp.at], "data-stage-mode": sp.mode },
    steps,
    h(doc, "span", { class: "stage-name" }, sp.mode === "returning" ? "↩ " : sp.mode === "problem" ? "⚠ " : "", here),
  );
  const out = h(doc, "span", { class: "pictures" }, stage);
  if (pp.kind !== "none") {
    const words = pp.kind === "ended" ? t("badge_protection_ended", i18n.ago(pp.days)) : labelled(t, t("protection"), t("protection_days", i18n.days(pp.days)));
    const fill = h(doc, "span", { class: "fill" });
    fill.style.inlineSize = `${Math.round(pp.fill * 100)}%`;
    out.append(h(doc, "span", { class: `protbar ${pp.level}`, "data-protection-bar": pp.level, "data-protection-kind": pp.kind },
      h(doc, "span", { class: "track", "aria-hidden": "true" }, fill),
      h(doc, "span", { class: "prot-text" }, pp.level === "red" ? "⚠ " : pp.level === "amber" ? "◔ " : "", words)));
  }
  return out;
}

type AdviceWithEnglish = Row["assessment"]["advice"][number] & { seller_message_en?: string; dispute_text_en?: string };

/** A row's head: the details element and its summary line (verdict, title, status, pictures). */
function rowHead(doc: Document, s: RowSummary, a: ViewActions, open: boolean): HTMLDetailsElement {
  const i18n = a.i18n ?? fallbackI18n(a.t);
  const t = a.t;
  const el = h(doc, "details", { class: "order", "data-orderwatch-order": s.id, "data-status": s.status, "data-order-status": s.orderStatus, "data-verdict": s.verdict, "data-archived": String(s.archived), open: open || null }) as HTMLDetailsElement;
  const meta = [s.label];
  if (s.daysSinceUpdate !== null && s.daysSinceUpdate > 0) meta.push(t("days_since_update", i18n.days(s.daysSinceUpdate)));
  el.append(h(doc, "summary", {},
    h(doc, "span", { class: `verdict ${s.verdict}` }, h(doc, "span", { class: "icon", "aria-hidden": "true" }, VERDICT_ICON[s.verdict] ?? "?"), " ", t(`verdict_${s.verdict}`)),
    h(doc, "span", { class: "title", dir: "auto" }, titleOf(s)),
    h(doc, "span", { class: "meta" }, `${s.manual ? "" : `${t("order")} ${s.id} · `}${meta.join(" · ")}`),
    pictures(doc, s.stage, s.protection, i18n),
  ));
  return el;
}

/** The attribute of a row drawn from its summary alone: its body is built when it opens or comes (fillRows). */
export const PENDING_ATTR = "data-orderwatch-pending";

/**
 * renderPending: a row drawn from its summary — its head as renderRow draws it, and a body that
 * says it is coming. The body (marks, note, advice, timeline, copy and evidence buttons) is asked
 * for when the row opens, and fillRows puts it in.
 */
export function renderPending(doc: Document, s: RowSummary, a: ViewActions, open: boolean): HTMLElement {
  const el = rowHead(doc, s, a, open);
  el.setAttribute(PENDING_ATTR, "");
  el.append(h(doc, "p", { class: "meta", role: "status" }, "…"));
  el.addEventListener("toggle", () => {
    if (el.hasAttribute("open") && el.hasAttribute(PENDING_ATTR)) a.needDetails?.([s.id]);
  });
  return el;
}

export function renderRow(doc: Document, row: Row, a: ViewActions, open: boolean, keepNote?: string, keepSeller?: SellerDraft): HTMLElement {
  const { record: rec, assessment: as, badge } = row;
  const id = rec.order.order_id;
  const i18n = a.i18n ?? fallbackI18n(a.t);
  const t = a.t;
  const el = rowHead(doc, summarize(row), a, open);
  for (const c of row.conflicts) {
    el.append(h(doc, "div", { class: "notice", "data-conflict-notice": "", "data-field": c.field },
      t("conflict_replaced", clip(c.lost_value, 500)) + " ",
      (() => {
        const b = h(doc, "button", { type: "button", "data-conflict-dismiss": "" }, t("dismiss"));
        b.addEventListener("click", () => a.dismissConflict(id));
        return b;
      })()));
  }
  // The core's texts carry their own language: when it had none in the buyer's (English
  // fallback), they are marked so and laid out in their own direction.
  const coreLang = matchLang(as.lang) ?? "en";
  const core = coreLang === i18n.lang ? {} : { lang: as.lang, dir: dirOf(coreLang) };
  el.append(h(doc, "p", { "data-reason": "", ...core }, badge.reason || as.summary));
  // An order whose tracking shows only its own nodes (placed, paid) has not shipped: not a failure.
  if (rec.error) el.append(h(doc, "p", { class: "notice", "data-tracking-error": rec.error.code }, rec.error.code === "no_tracking" ? t("error_no_tracking") : t("tracking_error", t(`error_${rec.error.code}`))));

  const marks = h(doc, "div", { class: "marks" });
  for (const m of MARKS) {
    const v = markValue(rec, m);
    const b = h(doc, "button", { type: "button", "data-mark": m, "aria-pressed": v === null ? "mixed" : String(v) }, t(`mark_${m}`));
    b.addEventListener("click", () => a.setMark(id, m, nextMark(m, v)));
    marks.append(b);
  }
  el.append(marks);

  const note = h(doc, "textarea", { "data-note": "", maxlength: 4000, "aria-label": t("note_label"), placeholder: t("note_label"), dir: "auto" });
  note.value = keepNote ?? rec.note;
  if (keepNote !== undefined && keepNote !== rec.note) note.dataset.dirty = "1";
  note.addEventListener("input", () => (note.dataset.dirty = "1"));
  const save = h(doc, "button", { type: "button", "data-note-save": "" }, t("note_save"));
  save.addEventListener("click", () => {
    delete note.dataset.dirty;
    a.saveNote(id, note.value);
  });
  el.append(h(doc, "div", { class: "note" }, note, save));
  el.append(sellerContact(doc, rec, a, keepSeller));
  if (a.evidencePack) el.append(evidenceBox(doc, id, a));

  const p = as.protection;
  const ps = protectionState(as.order_status, p.days_left, p.expired);
  const prot = ps.kind === "ended" ? t("protection_ended", i18n.ago(ps.daysAgo)) : ps.kind === "left" ? t("protection_days", i18n.days(ps.days))
    : p.days_left === null && !p.expired ? t("protection_unknown") : t("protection_not_running");
  el.append(h(doc, "p", { "data-protection": ps.kind === "left" ? ps.days : "" }, labelled(t, t("protection"), `${prot}${p.deadline && ps.kind !== "none" ? ` (${i18n.date(p.deadline)})` : ""}`),
    p.basis ? " — " : "", p.basis ? h(doc, "bdi", core, p.basis) : ""));
  if (as.eta) el.append(etaLine(doc, as.eta, a, (x) => i18n.date(x)));

  for (const adv of as.advice as AdviceWithEnglish[]) {
    const box = h(doc, "div", { class: "advice", "data-advice": adv.situation }, h(doc, "h2", core, adv.title));
    if (adv.deadline_text) box.append(h(doc, "p", core, adv.deadline_text));
    if (adv.steps?.length) box.append(h(doc, "h3", {}, t("steps")), h(doc, "ol", core, ...adv.steps.map((s) => h(doc, "li", {}, s))));
    if (adv.evidence?.length) box.append(h(doc, "h3", {}, t("evidence")), h(doc, "ul", { "data-evidence": "", ...core }, ...adv.evidence.map((s) => h(doc, "li", {}, h(doc, "label", {}, h(doc, "input", { type: "checkbox" }), " ", s)))));
    const copyRow = h(doc, "div", { class: "copy-row" });
    const english = i18n.lang !== "en";
    for (const [kind, text, en, label, group] of [
      ["seller", adv.seller_message, adv.seller_message_en, "copy_seller", "message_to_seller"],
      ["dispute", adv.dispute_text, adv.dispute_text_en, "copy_dispute", "dispute_text"],
    ] as const) {
      if (!text) continue;
      const g = h(doc, "div", { class: "copy-group", role: "group", "aria-label": t(group) });
      const b = h(doc, "button", { type: "button", "data-copy": kind }, t(label));
      b.addEventListener("click", () => void a.copy(text).then(() => (b.textContent = t("copied"))));
      g.append(b);
      // Sellers and AliExpress support read English: the same text in English, one click away.
      if (english && en && en !== text) {
        // Named by its visible words (inside the group named after the text it copies).
        const be = h(doc, "button", { type: "button", "data-copy": `${kind}_en` }, h(doc, "span", { lang: "en", class: "en-tag" }, "EN"), " ", t(`${label}_en`));
        be.addEventListener("click", () => void a.copy(en).then(() => (be.textContent = t("copied"))));
        g.append(be);
      }
      copyRow.append(g);
    }
    box.append(copyRow);
    el.append(box);
  }

  el.append(h(doc, "h2", {}, t("timeline")));
  let any = false;
  for (const parcel of as.parcels) {
    const nums = (parcel.numbers ?? []).map((n) => n.number);
    if (nums.length) {
      const line = h(doc, "p", { class: "meta", "data-numbers": "", dir: "ltr" });
      nums.forEach((n, i) => {
        if (i) line.append(" · ");
        // Only real-looking numbers become links; anything else stays text.
        line.append(/^[A-Za-z0-9-]{1,64}$/.test(n) ? link(doc, `https://global.cainiao.com/detail.htm?mailNoList=${n}`, n) : h(doc, "span", {}, n));
      });
      el.append(line);
    }
    const events = (parcel.timeline ?? []).slice().reverse();
    if (events.length) {
      any = true;
      el.append(h(doc, "ol", { class: "timeline", "data-timeline": "" }, ...events.map((e) =>
        h(doc, "li", { "data-event-status": e.status }, h(doc, "time", { datetime: e.time ?? "" }, i18n.date(e.time, true)), " ", h(doc, "bdi", {}, e.text), e.location ? " — " : "", e.location ? h(doc, "bdi", {}, e.location) : ""))));
    }
  }
  if (!any) el.append(h(doc, "p", { class: "meta" }, t("no_events")));
  if (!rec.manual) el.append(h(doc, "p", { class: "meta" }, link(doc, `https://www.aliexpress.com/p/order/detail.html?orderId=${encodeURIComponent(id)}`, t("open_order"))));
  return el;
}

/** render draws the whole view into root, keeping open rows and unsaved notes. */
export function render(doc: Document, root: HTMLElement, data: ViewData, state: ViewState, a: ViewActions, mode: "popup" | "dashboard"): void {
  const t = a.t;
  const unsaved = new Map<string, string>();
  for (const ta of Array.from(root.querySelectorAll<HTMLTextAreaElement>("[data-orderwatch-order] [data-note]"))) {
    const id = ta.closest("[data-orderwatch-order]")!.getAttribute("data-orderwatch-order")!;
    if (ta.dataset.dirty) unsaved.set(id, ta.value);
  }
  const sellerDrafts = new Map<string, SellerDraft>();
  for (const box of Array.from(root.querySelectorAll<HTMLElement>("[data-orderwatch-order] [data-seller-contact]"))) {
    if (!box.dataset.dirty) continue;
    const id = box.closest("[data-orderwatch-order]")!.getAttribute("data-orderwatch-order")!;
    sellerDrafts.set(id, {
      askedAt: box.querySelector<HTMLInputElement>("[data-seller-asked]")?.value ?? "",
      replied: box.querySelector<HTMLInputElement>("[data-seller-replied]")?.checked ?? false,
    });
  }
  const focusedId = (doc.activeElement as HTMLElement | null)?.closest?.("[data-orderwatch-order]")?.getAttribute("data-orderwatch-order");
  const focusedNote = (doc.activeElement as HTMLElement | null)?.hasAttribute?.("data-note");
  for (const d of Array.from(root.querySelectorAll<HTMLDetailsElement>("details[data-orderwatch-order]"))) {
    const id = d.getAttribute("data-orderwatch-order")!;
    if (d.open) state.open.add(id);
    else state.open.delete(id);
  }

  const searchHadFocus = doc.activeElement?.hasAttribute?.("data-orderwatch-search");
  root.replaceChildren();
  root.append(h(doc, "h1", {}, t("dash_title")));

  const acc = data.account;
  const accLine = h(doc, "p", { class: "meta", "data-orderwatch-sync-state": acc.signedIn ? "signed_in" : "signed_out" },
    acc.signedIn ? t("signed_in_as", acc.email) : t("not_signed_in"));
  if (acc.signedIn) {
    if (acc.lastSyncAt) accLine.append(" · ", t("last_sync", (a.i18n ?? fallbackI18n(t)).date(acc.lastSyncAt, true)));
    if (acc.pending) accLine.append(" · ", t("pending_changes", String(acc.pending)));
  }
  root.append(accLine);
  if (acc.lastSyncError && acc.signedIn) root.append(h(doc, "p", { class: "notice", "data-orderwatch-sync-error": "" }, t("sync_error", acc.lastSyncError)));
  if (acc.storageError) root.append(h(doc, "p", { class: "notice", role: "alert", "data-orderwatch-storage-error": "" }, t("storage_failed_body", acc.storageError)));
  const pn = data.pageNotice;
  if (pn && pn.state !== "ok" && pn.state !== "empty") root.append(h(doc, "p", { class: "notice", "data-orderwatch-page-notice": "", "data-state": pn.state }, `${t("page_notice_prefix")} ${t(`page_${pn.state}`)}`));

  const bar = h(doc, "div", { class: "toolbar" });
  for (const f of FILTERS) {
    const b = h(doc, "button", { type: "button", "data-orderwatch-filter": f, "aria-pressed": String(state.filter === f) }, t(`filter_${f}`));
    b.addEventListener("click", () => {
      state.filter = f;
      if (data.more) {
        // The whole list is on its way: it is drawn with this filter when it comes.
        for (const x of Array.from(bar.querySelectorAll("[data-orderwatch-filter]"))) x.setAttribute("aria-pressed", String(x.getAttribute("data-orderwatch-filter") === f));
        return;
      }
      render(doc, root, data, state, a, mode);
    });
    bar.append(b);
  }
  const search = h(doc, "input", { type: "search", "data-orderwatch-search": "", placeholder: t("search_placeholder"), "aria-label": t("search_placeholder") });
  search.value = state.search;
  search.addEventListener("input", () => {
    state.search = search.value;
    if (data.more) return; // drawn with the whole list
    render(doc, root, data, state, a, mode);
    (root.querySelector("[data-orderwatch-search]") as HTMLInputElement | null)?.focus();
  });
  bar.append(search);
  const sync = h(doc, "button", { type: "button", "data-orderwatch-sync-now": "" }, t("sync_now"));
  sync.addEventListener("click", () => a.syncNow());
  bar.append(sync);
  if (mode === "popup" && a.openDashboard) {
    const open = h(doc, "button", { type: "button", class: "primary", "data-orderwatch-open-dashboard": "" }, t("open_dashboard"));
    open.addEventListener("click", () => a.openDashboard!());
    bar.append(open);
  }
  root.append(bar);

  const rest = data.more ?? 0;
  const list = h(doc, "section", { "data-orderwatch-list": "", ...(rest ? { "data-orderwatch-partial": String(rest) } : {}) });
  // Filters and search run over every order's summary; archived orders last, whatever their verdict.
  const fullRows = new Map<string, Row>();
  const summaries = data.rows.map((r) => {
    if (!isFull(r)) return r;
    fullRows.set(r.record.order.order_id, r);
    return summarize(r);
  });
  const visible = listOrder(summaries.filter((s) => summaryMatches(s, state.filter, state.search)));
  // Windowed: the first LIST_WINDOW rows (and every open or edited one), then the next window
  // each time the end of the list scrolls into view. A heavy account (2,000 orders) opens and
  // filters without building thousands of rows nobody sees. Without IntersectionObserver
  // (tests in Node) every row is drawn.
  const filterKey = `${state.filter}|${state.search}`;
  if (state.windowFor !== filterKey) {
    state.windowFor = filterKey;
    state.shown = LIST_WINDOW;
  }
  const canWindow = typeof IntersectionObserver === "function";
  // The head of a long list (rest > 0) is drawn as the window of the whole list it starts.
  const windowed = (canWindow && visible.length > LIST_WHOLE) || rest > 0;
  // A windowed list draws its closed rows from their summaries (a closed row shows its head
  // only); a row builds its body when it opens. A short list draws every row whole.
  const drawRows = (from: number, to: number) => {
    const missing: string[] = [];
    for (let i = from; i < to; i++) {
      const s = visible[i];
      const open = state.open.has(s.id);
      const full = fullRows.get(s.id) ?? data.details?.get(s.id);
      const whole = !windowed || open || unsaved.has(s.id) || sellerDrafts.has(s.id);
      if (full && whole) list.append(renderRow(doc, full, a, open, unsaved.get(s.id), sellerDrafts.get(s.id)));
      else {
        list.append(renderPending(doc, s, a, open));
        if (whole) missing.push(s.id);
      }
    }
    if (missing.length) a.needDetails?.(missing);
  };
  let shown = windowed ? Math.min(visible.length, Math.max(state.shown ?? LIST_WINDOW, LIST_WINDOW)) : visible.length;
  // Rows the buyer opened or is typing in stay drawn wherever they are in the list.
  for (let i = shown; i < visible.length; i++) {
    const id = visible[i].id;
    if (state.open.has(id) || unsaved.has(id) || sellerDrafts.has(id) || id === focusedId) shown = i + 1;
  }
  drawRows(0, shown);
  if ((shown < visible.length || rest > 0) && canWindow) {
    const more = h(doc, "div", { "data-orderwatch-more": String(visible.length - shown + rest), "aria-hidden": "true", style: "min-height:1px" });
    list.append(more);
    const io = new IntersectionObserver((entries) => {
      // Past the head of a list: its next rows come with the whole list (drawn afresh then).
      if (!entries.some((e) => e.isIntersecting) || shown >= visible.length) return;
      const to = Math.min(visible.length, shown + LIST_WINDOW);
      more.remove();
      drawRows(shown, to);
      shown = to;
      state.shown = to;
      if (shown < visible.length) {
        more.setAttribute("data-orderwatch-more", String(visible.length - shown));
        list.append(more);
      } else io.disconnect();
    }, { rootMargin: "800px 0px" });
    io.observe(more);
  }
  if (data.rows.length === 0) list.append(h(doc, "p", { class: "empty" }, t("no_orders")));
  root.append(list);

  const numIn = h(doc, "input", { type: "text", "data-orderwatch-add-number": "", placeholder: t("add_number"), maxlength: 100 });
  const labelIn = h(doc, "input", { type: "text", "data-orderwatch-add-label": "", placeholder: t("add_number_label"), maxlength: 200 });
  const result = h(doc, "span", { "data-orderwatch-add-result": "", role: "status" });
  const add = h(doc, "button", { type: "button", "data-orderwatch-add": "" }, t("add"));
  add.addEventListener("click", () => void a.addNumber(numIn.value, labelIn.value).then((msg) => (result.textContent = msg)));
  root.append(h(doc, "h2", {}, t("add_number")), h(doc, "div", { class: "toolbar" }, numIn, labelIn, add, result));

  const exp = h(doc, "div", { class: "toolbar" });
  for (const f of ["csv", "json"] as const) {
    const b = h(doc, "button", { type: "button", "data-orderwatch-export": f }, t(`export_${f}`));
    b.addEventListener("click", () => a.exportData(f));
    exp.append(b);
  }
  root.append(exp);

  if (searchHadFocus) (root.querySelector("[data-orderwatch-search]") as HTMLInputElement | null)?.focus();
  if (focusedId && focusedNote) {
    const ta = root.querySelector<HTMLTextAreaElement>(`[data-orderwatch-order="${focusedId}"] [data-note]`);
    ta?.focus();
  }
}

/**
 * fillRows puts the bodies of these complete rows into the rows drawn without them
 * (renderPending), in place: the row element and its summary line stay (open or closed, focused
 * or not), their words and the body are the complete row's. Rows not on screen are left alone.
 */
export function fillRows(doc: Document, root: HTMLElement, rows: Row[], a: ViewActions): void {
  const byId = new Map(rows.map((r) => [r.record.order.order_id, r]));
  for (const el of Array.from(root.querySelectorAll<HTMLDetailsElement>(`details[data-orderwatch-order][${PENDING_ATTR}]`))) {
    const row = byId.get(el.getAttribute("data-orderwatch-order") ?? "");
    if (!row) continue;
    const fresh = renderRow(doc, row, a, el.hasAttribute("open"));
    for (const name of ["data-status", "data-order-status", "data-verdict", "data-archived"]) el.setAttribute(name, fresh.getAttribute(name) ?? "");
    el.removeAttribute(PENDING_ATTR);
    const [head, ...body] = Array.from(fresh.childNodes);
    const summary = Array.from(el.children).find((c) => c.tagName.toLowerCase() === "summary");
    if (summary && head) summary.replaceChildren(...Array.from(head.childNodes));
    for (const c of Array.from(el.childNodes)) if (c !== summary) c.remove();
    el.append(...body);
  }
}
