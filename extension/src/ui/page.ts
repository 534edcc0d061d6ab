// Wires the view to the service worker: loads rows with popup-sw-get-orders, re-renders when
// storage changes (another browser's sync, a tracking result), and sends the buyer's actions.
import { ext } from "../shared/browser.js";
import { fromGetMessage, type I18n } from "../shared/i18n.js";
import { LIST_HEAD_KEY, MAX_ROW_IDS, MSG } from "../shared/messages.js";
import { evidenceFileName } from "../shared/evidence.js";
import { captureAliExpressTab } from "./capture.js";
import { onLangChange, pageI18n } from "./lang.js";
import { fillRows, render, LIST_WINDOW, PENDING_ATTR, type ViewData, type ViewState } from "./view.js";
import { unpackRow, type PackedRow, type Row } from "./rows.js";

/** The worker's answer to getOrders with summary (background/index.ts dashboardList). */
interface ListAnswer {
  list: PackedRow[];
  details: Row[];
  total: number;
  /** The head of a long list: how many rows follow in the whole list (asked for alongside). */
  more?: number;
  pageNotice: ViewData["pageNotice"];
  account: ViewData["account"];
}

/** The list's head as the worker stored it (background/state.ts writeListHead). */
interface StoredHead {
  lang: string;
  list: PackedRow[];
  total: number;
  more: number;
  pageNotice: ViewData["pageNotice"];
  account: ViewData["account"];
  at: number;
}

/** saveEvidencePack has the worker make the pack and saves it as an HTML file (a blob link). */
async function saveEvidencePack(orderId: string, capture: boolean): Promise<string> {
  const shot = capture ? await captureAliExpressTab().catch(() => null) : null;
  const r = (await ext.runtime.sendMessage({ type: MSG.evidencePack, orderId, screenshots: shot ? [shot] : [] })) as { ok?: boolean; html?: string; filename?: string; error?: string };
  if (!r?.ok || !r.html) return r?.error ?? "error";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([r.html], { type: "text/html" }));
  a.download = r.filename ?? evidenceFileName(orderId);
  a.setAttribute("data-orderwatch-evidence-link", orderId);
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 60_000);
  const t = (k: string) => ext.i18n.getMessage(k) || k;
  const label = (k: string, en: string) => (t(k) === k ? en : t(k));
  const note = !capture ? "" : shot ? ` (${label("evidence_with_shot", "with a screenshot")})`
    : ` (${label("evidence_no_shot", "no screenshot: open the OrderWatch popup over the AliExpress page and press Evidence pack there")})`;
  return `${a.download}${note}`;
}

export function startView(mode: "popup" | "dashboard"): void {
  const root = document.getElementById("app")!;
  const state: ViewState = { filter: "all", search: "", open: new Set() };
  let data: ViewData | null = null;

  const send = <T>(msg: unknown) => ext.runtime.sendMessage(msg) as Promise<T>;

  // The list comes as row summaries with the bodies of the rows drawn first (ui/rows.ts); the
  // bodies of rows drawn later (scrolling, a filter, a search) are asked for when drawn.
  // Each request is numbered when sent: an answer older than the list drawn is dropped.
  let asked = 0;
  let drawn = 0;
  let details = new Map<string, Row>();
  /** Bodies asked for and not come yet (a list drawn meanwhile forgets them: it asks afresh). */
  let pending = new Set<string>();
  /** The open rows and the rows drawn whole: their bodies come with the next list, so a redraw keeps them whole. */
  const onScreen = (): string[] => {
    const ids = new Set(state.open);
    for (const el of Array.from(root.querySelectorAll(`details[data-orderwatch-order][open], [data-orderwatch-order]:not([${PENDING_ATTR}])`))) ids.add(el.getAttribute("data-orderwatch-order") ?? "");
    ids.delete("");
    return [...ids].slice(0, MAX_ROW_IDS);
  };
  const ask = (head?: number) => ({ n: ++asked, head: !!head, rows: send<ListAnswer>({ type: MSG.getOrders, summary: true, ids: onScreen(), ...(head ? { head } : {}) }) });
  const refresh = (): Promise<void> => draw(ask());
  /** The opening screen was drawn from a head that held the whole list: the whole list asked alongside says nothing new. */
  let headWasWhole = false;
  async function draw(req: ReturnType<typeof ask>): Promise<void> {
    const next = await req.rows;
    if (!next || !Array.isArray(next.list) || req.n < drawn) return;
    // The head of the list after the whole list (or a later one) is drawn: nothing to draw.
    if (req.head && drawn > 0) return;
    if (!req.head && req.n === 2 && headWasWhole && drawn === 1) return;
    // The whole list after its head: bodies fetched meanwhile (a row opened on the head) are kept,
    // as the whole list was asked for before they were opened.
    const kept = !req.head && drawn === 1 ? details : new Map<string, Row>();
    drawn = req.n;
    details = new Map([...kept, ...(next.details ?? []).map((r) => [r.record.order.order_id, r] as const)]);
    pending = new Set();
    const more = req.head && typeof next.more === "number" && next.more > 0 ? next.more : 0;
    if (req.head) headWasWhole = more === 0;
    data = { rows: next.list.map(unpackRow), details, pageNotice: next.pageNotice, account: next.account, ...(more ? { more } : {}) };
    render(document, root, data, state, actions as Parameters<typeof render>[4], mode);
    if (req.n <= 2 && !performance.getEntriesByName("ow-list-drawn").length) performance.mark("ow-list-drawn");
    if (!more && !performance.getEntriesByName("ow-list-whole").length) performance.mark("ow-list-whole");
  }
  function needDetails(ids: string[]): void {
    // A row opened whose body the page holds already is filled at once.
    const held = ids.map((id) => details.get(id)).filter((r): r is Row => !!r);
    if (held.length) fillRows(document, root, held, actions as Parameters<typeof fillRows>[3]);
    const want = ids.filter((id) => !pending.has(id) && !details.has(id));
    if (want.length === 0) return;
    for (const id of want) pending.add(id);
    const listAt = asked;
    const mine = pending;
    for (let i = 0; i < want.length; i += MAX_ROW_IDS) {
      void send<{ details?: Row[] }>({ type: MSG.getOrders, ids: want.slice(i, i + MAX_ROW_IDS) }).then((r) => {
        if (!Array.isArray(r?.details)) return;
        // Kept only if no list drawn since (it brings its own bodies, these may be older); a row
        // still waiting for its body gets it either way (a list drawn meanwhile asks again).
        if (drawn <= listAt && mine === pending) {
          for (const row of r.details) {
            details.set(row.record.order.order_id, row);
            pending.delete(row.record.order.order_id);
          }
        }
        fillRows(document, root, r.details, actions as Parameters<typeof fillRows>[3]);
      }, () => undefined);
    }
  }
  // The rows are asked for first thing (after the stored head, below), and the language loaded
  // meanwhile (the worker's answer is the long part); they are first drawn when both are there.
  // Marks for the benches (bench-heavy.mjs): list asked, answered, language loaded, list drawn.
  // The head of the list (the opening screen's rows) and the whole list are asked for at once:
  // the worker judges and sorts once and answers the small head first, which is drawn while the
  // whole list (a tenth of a MB per thousand orders) is still on its way; filters, search and
  // scrolling past the head wait for the whole list.
  // The head the worker kept from its last list (background/state.ts writeListHead: removed with
  // any change of the records it was made from): a worker that was asleep reads every record and
  // judges them first, seconds on a heavy account, and the opening screen is drawn from this
  // meanwhile. The worker's answer replaces it.
  const stored = ext.storage.local.get(LIST_HEAD_KEY).then((got) => (got as Record<string, unknown>)[LIST_HEAD_KEY] as StoredHead | undefined, () => undefined);
  /** A stored head worth drawing: the head of a longer list (in any language; drawStored checks that). */
  const headOfList = (h: StoredHead | undefined): h is StoredHead => !!h && Array.isArray(h.list) && h.more > 0;
  let answered = false;
  // With a stored head the questions go once it is drawn: they wake a sleeping worker, whose
  // start (every record read, the core compiled) held both cores of a small machine while the
  // page drew, and the stored head came 300–540 ms after navigation on 2,000 orders. Without one
  // they go as soon as the read says so.
  const questions = stored.then(async (head) => {
    if (headOfList(head)) await openingDrawn;
    performance.mark("ow-list-asked");
    const q = { first: ask(LIST_WINDOW), whole: ask() };
    q.first.rows.then(() => {
      answered = true;
      performance.mark("ow-list-answer");
    }, () => undefined);
    return q;
  });
  let langLoaded = false;
  const drawStored = async (): Promise<void> => {
    const head = await stored;
    if (!langLoaded || answered || drawn > 0 || data || !headOfList(head) || head.lang !== i18n.tag) return;
    data = { rows: head.list.map(unpackRow), details: new Map(), pageNotice: head.pageNotice, account: head.account, more: head.more };
    render(document, root, data, state, actions as Parameters<typeof render>[4], mode);
    performance.mark("ow-list-stored");
    if (!performance.getEntriesByName("ow-list-drawn").length) performance.mark("ow-list-drawn");
  };
  const language = pageI18n(document);

  // The buyer's language (lang.ts); chrome.i18n only until it is loaded.
  let i18n: I18n = fromGetMessage((k, s) => ext.i18n.getMessage(k, s), ext.i18n.getUILanguage());
  const t = (key: string, sub?: string | string[]) => i18n.t(key, sub);
  /** The language loaded (or failed: chrome.i18n stays) and the stored head drawn if it fits. */
  const openingDrawn: Promise<void> = language
    .then((next) => {
      performance.mark("ow-lang");
      i18n = next;
      document.title = `OrderWatch — ${t("dash_title")}`;
    })
    .catch(() => undefined)
    .then(() => {
      langLoaded = true;
      return drawStored();
    });

  const actions = {
    t,
    get i18n() {
      return i18n;
    },
    setMark: (orderId: string, mark: string, value: boolean | null) => void send({ type: MSG.setMark, orderId, mark, value }).then(refresh),
    saveNote: (orderId: string, note: string) => void send({ type: MSG.setNote, orderId, note }).then(refresh),
    setSellerContact: async (orderId: string, askedAt: string | null, replied: boolean) => {
      const r = await send<{ ok: boolean; error?: string }>({ type: MSG.setSellerContact, orderId, askedAt, replied });
      if (!r?.ok) return t("seller_contact_invalid");
      await refresh();
      return "";
    },
    dismissConflict: (orderId: string) => void send({ type: MSG.dismissConflict, orderId }).then(refresh),
    copy: (text: string) => navigator.clipboard.writeText(text),
    exportData: (format: "csv" | "json") =>
      void send<{ text?: string }>({ type: MSG.exportData, format }).then((r) => {
        if (!r?.text) return;
        const blob = new Blob([r.text], { type: format === "csv" ? "text/csv" : "application/json" });
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = `orderwatch-${new Date().toISOString().slice(0, 10)}.${format}`;
        a.setAttribute("data-orderwatch-export-link", format);
        document.body.append(a);
        a.click();
        setTimeout(() => {
          URL.revokeObjectURL(a.href);
          a.remove();
        }, 1000);
      }),
    syncNow: () => void send({ type: MSG.syncNow }).then(refresh),
    addNumber: async (number: string, label: string) => {
      const r = await send<{ ok: boolean; error?: string; parsed?: { normalized: string } }>({ type: MSG.addNumber, number, label });
      await refresh();
      return r?.ok ? `${t("saved")}: ${r.parsed?.normalized ?? number}` : r?.error ?? t("number_invalid");
    },
    openDashboard: () => void ext.tabs.create({ url: ext.runtime.getURL("dashboard.html") }),
    evidencePack: (orderId: string, capture: boolean) => saveEvidencePack(orderId, capture),
    needDetails: (ids: string[]) => needDetails(ids),
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  // Redraw after changes settle (a sync writes many keys in a row); never more than every 400 ms.
  ext.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area !== "local" || !Object.keys(changes).some((k) => k.startsWith("rec:") || ["queue", "settings", "pageNotice"].includes(k))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 400);
  });
  onLangChange(document, (next) => {
    i18n = next;
    // The worker answers in the new language too: its assessments and badges follow lang.ts.
    void refresh();
  });
  void openingDrawn.then(async () => {
    const q = await questions;
    void draw(q.first);
    void draw(q.whole);
  });
}
