// The content script on My Orders: reads the cards (also those added later), draws the badges
// the badge cache (shared/badgecache.ts) holds for them straight from storage.local, a
// provisional badge for the others, asks the service worker for what is missing or old in one
// batch, and runs "Track all". It judges nothing itself.
import type { BadgeInfo } from "../shared/assessment.js";
import { ext } from "../shared/browser.js";
import { MSG, type PageStateCode } from "../shared/messages.js";
import { MtopError } from "../shared/mtop.js";
import { pageKey, type Order } from "../shared/order.js";
import { first } from "../shared/selectors.js";
import { drawBadge, BADGE_ATTR } from "./badge.js";
import { contentI18n } from "./lang.js";
import { LANG_KEY } from "../shared/i18n.js";
import { drawEvidenceButton } from "./evidence.js";
import { badgeKey, pageUse, RECENT_KEY, RECENT_MAX, sameBadge, type BadgeEntry } from "../shared/badgecache.js";
import { clearProvisional, drawProvisional, PROVISIONAL_ATTR } from "./provisional.js";
import { mountPanel, type Panel } from "./panel.js";
import { markPartial } from "./partial.js";
import { splitVisible } from "./ask.js";
import { detectBlocker, findCards, pageLang, readCard, readCardFull, readPage, unsupportedStorefront } from "./read.js";
import { Tracker, defaultDeps } from "./tracker.js";

/** How long an SPA page may stay without anything we recognise before we say so. */
const LAYOUT_GRACE_MS = 6000;
/** How long a list must stay empty before the page is reported empty. */
const EMPTY_GRACE_MS = 1500;


/**
 * The badges drawn on this page, with the page reading (pageKey) of the card they were drawn
 * for: a re-rendered card that reads the same gets the same badge without asking anyone. Keyed
 * by order id, like the badge cache it comes from.
 */
const drawn = new Map<string, { page: string; badge: BadgeInfo }>();
const cardsById = new Map<string, Set<Element>>();
/** Orders whose badges were asked for and not answered yet: a second burst does not ask again. */
const asked = new Set<string>();
/** Cards whose cache read is under way: a second burst of DOM changes does not read them again. */
const reading = new WeakSet<Element>();
let panel: Panel;
let started = false;
let tracker: Tracker | null = null;
let lastState: PageStateCode | "" = "";
let reportedOk = false;

function send<T>(msg: unknown): Promise<T> {
  return ext.runtime.sendMessage(msg) as Promise<T>;
}

function noticeText(state: PageStateCode): string {
  return state === "ok" ? "" : contentI18n().t(`page_${state}`);
}

async function reportState(state: PageStateCode): Promise<void> {
  if (state === lastState) return;
  lastState = state;
  panel.setNotice(state, noticeText(state));
  await send({ type: MSG.pageState, page: state }).catch(() => undefined);
}

function remember(id: string, card: Element) {
  let set = cardsById.get(id);
  if (!set) cardsById.set(id, (set = new Set()));
  set.add(card);
}

/**
 * drawFor draws the badge on every card of the order. A badge that says exactly what the one on
 * the card says is not drawn again (a refinement that changes nothing).
 */
function drawFor(id: string, b: BadgeInfo, page?: string) {
  const prev = drawn.get(id);
  drawn.set(id, { page: page ?? prev?.page ?? "", badge: b });
  for (const card of cardsById.get(id) ?? []) {
    if (!card.isConnected) continue;
    if (prev && sameBadge(prev.badge, b) && card.querySelector(`[${BADGE_ATTR}]`)) continue;
    drawBadge(card, b); // takes the provisional badge's place (and element)
    clearProvisional(card);
    drawEvidenceButton(card, b);
  }
}

/**
 * The badge cache entries of the orders this tab showed last time (RECENT_KEY lists their ids),
 * read at document_start, before the page has drawn a card: a return visit then badges its cards
 * the moment they appear, with no read in between.
 */
let prefetched: Record<string, unknown> | null = null;
/** No card was shown in this browser before: the badge cache has nothing for this page to read. */
let firstVisit = false;
/**
 * The buyer's language choice as stored (null: none), read with the recent ids and passed on
 * with each question: the worker then judges at once instead of reading it first. undefined
 * until read (or when storage is closed to content scripts).
 */
let uiLang: string | null | undefined;
const prefetch: Promise<Record<string, unknown>> = (async () => {
  try {
    const got = await ext.storage.local.get([RECENT_KEY, LANG_KEY]);
    const choice = got[LANG_KEY];
    uiLang = typeof choice === "string" ? choice : null;
    const ids = got[RECENT_KEY];
    if (!Array.isArray(ids) || ids.length === 0) {
      // Nothing shown here before (a first visit): the worker will be asked to judge the cards,
      // so let it start now, at document_start, loading its core, the language and the stored
      // state (and practising) while the page loads its list.
      firstVisit = true;
      void send({ type: MSG.knownBadges, uiLang }).catch(() => undefined);
      return {};
    }
    return (await ext.storage.local.get(ids.filter((x): x is string => typeof x === "string").slice(0, RECENT_MAX).map(badgeKey))) as Record<string, unknown>;
  } catch {
    return {};
  }
})().then((got) => (prefetched = got));

// A choice made on the options page while this tab is open: the next question carries it.
ext.storage?.onChanged?.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
  if (area !== "local" || !(LANG_KEY in changes)) return;
  const v = changes[LANG_KEY].newValue;
  uiLang = typeof v === "string" ? v : null;
});

/** The cache entries of these orders: those prefetched, the rest read from storage.local now. */
async function readCache(ids: string[]): Promise<Record<string, unknown>> {
  const early = await prefetch;
  const missing = ids.filter((id) => !(badgeKey(id) in early));
  if (missing.length === 0) return early;
  try {
    return { ...early, ...((await ext.storage.local.get(missing.map(badgeKey))) as Record<string, unknown>) };
  } catch {
    return early; // storage closed to content scripts (an older browser): the worker answers the rest
  }
}

/** rememberShown keeps the ids of the cards on screen for the next visit's prefetch (newest first). */
let shownTimer: ReturnType<typeof setTimeout> | null = null;
let shownOnce = false;
function rememberShown(): void {
  if (shownTimer) return;
  // The first list at once (a buyer may leave within seconds), later growth of it at most every 2 s.
  shownTimer = setTimeout(() => {
    shownTimer = null;
    const ids = [...cardsById.keys()].slice(0, RECENT_MAX);
    void ext.storage.local.set({ [RECENT_KEY]: ids }).catch(() => undefined);
  }, shownOnce ? 2000 : 0);
  shownOnce = true;
}

let okTimer: ReturnType<typeof setTimeout> | null = null;
/** The worker hears that the page reads fine, later: waking it must not compete with the page. */
function reportOkLater(): void {
  if (reportedOk || okTimer) return;
  okTimer = setTimeout(() => {
    okTimer = null;
    if (reportedOk) return;
    reportedOk = true;
    void send({ type: MSG.pageState, page: "ok" }).catch(() => undefined);
  }, 1500);
}

/**
 * processCards reads the cards without a badge; draws what this page or the badge cache knows
 * for the card's reading; gives the rest a provisional badge; and asks the worker, in one
 * message, for the orders the cache did not hold or held from over BADGE_TTL_MS ago.
 */
async function processCards(): Promise<void> {
  const cards = findCards(document);
  if (cards.length > 0 && lastState !== "ok" && !detectBlocker(document, location.href)) {
    // Cards on screen (a re-rendered tab, say): whatever the bar said before no longer holds.
    lastState = "ok";
    panel.setNotice("ok", "");
  }
  const todo: { order: Order; card: Element; page: string }[] = [];
  for (const card of cards) {
    if (reading.has(card) || card.querySelector(`[${BADGE_ATTR}], [${PROVISIONAL_ATTR}]`)) continue;
    const { order, partial } = readCardFull(card, new Date(), pageLang(document, location.href));
    if (!order.order_id) continue;
    markPartial(card, partial);
    remember(order.order_id, card);
    const page = pageKey(order);
    const mine = drawn.get(order.order_id);
    if (mine && mine.page === page) {
      drawBadge(card, mine.badge); // a re-rendered card
      drawEvidenceButton(card, mine.badge);
    }
    else todo.push({ order, card, page });
  }
  if (todo.length === 0) {
    if (cards.length > 0) reportOkLater();
    return;
  }
  // Cards the prefetched entries do not badge (or all of them, while the prefetch is still
  // under way) show their provisional badge at once; a stored badge replaces it a moment later.
  const early = Date.now();
  for (const x of todo) {
    if (!prefetched || pageUse(prefetched[badgeKey(x.order.order_id)] as BadgeEntry | undefined, x.page, early) === "none") drawProvisional(x.card, x.order);
  }
  for (const x of todo) reading.add(x.card);
  // On a first visit the worker is asked at once: a read of the cache would find nothing (the
  // worker reads it too) and cost a storage round trip before the question, 200–400 ms on a busy
  // machine. Otherwise the cache first: a return visit needs no worker.
  await prefetch;
  const cached = firstVisit ? {} : await readCache(todo.map((x) => x.order.order_id));
  rememberShown();
  for (const x of todo) reading.delete(x.card);
  const now = Date.now();
  const ask: typeof todo = [];
  for (const x of todo) {
    const id = x.order.order_id;
    const e = cached[badgeKey(id)] as BadgeEntry | undefined;
    const use = pageUse(e, x.page, now);
    if (use !== "none") drawFor(id, e!.badge, x.page);
    else drawProvisional(x.card, x.order);
    if (use !== "final" && !asked.has(id)) ask.push(x);
  }
  if (ask.length === 0) {
    reportOkLater();
    return;
  }
  reportedOk = true;
  // The orders message itself tells the worker the page is fine: no extra round trip first.
  lastState = "ok";
  panel.setNotice("ok", "");
  const pages = new Map(ask.map((x) => [x.order.order_id, x.page]));
  for (const id of pages.keys()) asked.add(id);
  // The cards on screen are asked for at once, the rest (no round trip between them) once the
  // page has drawn its next frame: judging them, in the worker and the browser, would take the
  // cores from the page's first frame of its cards, which on a busy 2-core machine then came
  // ~100 ms later (test/e2e/bench.mjs, first visits). The worker answers in order.
  // Marks on the page's timeline (the bench reads them): asked, and each answer.
  performance.mark("ow-asked");
  await Promise.all(splitVisible(ask).map(async (part, i) => {
    if (i > 0) await afterFrame();
    try {
      const res = await send<{ badges?: BadgeInfo[]; error?: string }>({ type: MSG.ordersFound, orders: part.map((f) => f.order), page: "ok", ...(uiLang === undefined ? {} : { uiLang }) });
      performance.mark("ow-answered");
      for (const b of res?.badges ?? []) drawFor(b.orderId, b, pages.get(b.orderId));
    } finally {
      for (const f of part) asked.delete(f.order.order_id);
    }
  }));
}


/**
 * afterFrame resolves once the page has drawn its next frame (a frame callback, then a task: it
 * runs after that frame's style, layout and paint), or after maxMs in a tab that draws no
 * frames (one in the background).
 */
function afterFrame(maxMs = 250): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** evaluateState says what the page is when it shows no card we can read. */
async function evaluateState(final: boolean): Promise<void> {
  const r = readPage(document, location.href);
  if (r.state === "ok") return;
  // A bare page may still be rendering: call it unrecognised only when it shows list parts
  // holding something else, or after the grace period.
  if (r.state === "unknown_layout" && !final && !first(document, "pageMarkers")) return;
  // An empty list may be the list before the page has drawn it: say so only if it stays empty a
  // moment. Telling the worker wakes it, which a page of known badges should not need.
  if (r.state === "empty" && !final) {
    emptyTimer ??= setTimeout(() => {
      emptyTimer = null;
      if (findCards(document).length === 0) void evaluateState(true);
    }, EMPTY_GRACE_MS);
    return;
  }
  await reportState(r.state);
}
let emptyTimer: ReturnType<typeof setTimeout> | null = null;

let scheduled = false;
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // One batch per burst of DOM changes (the mutation observer already hands over every change
  // of the page's task at once), read in a microtask: a timer waits behind the page's
  // rendering and loading tasks, which on a busy machine cost the first badges hundreds of ms.
  queueMicrotask(() => {
    scheduled = false;
    void processCards()
      .then(() => (findCards(document).length === 0 ? evaluateState(false) : undefined))
      .catch((err) => console.warn("OrderWatch:", err));
  });
}

async function checkBlockers(): Promise<boolean> {
  const blocker = detectBlocker(document, location.href);
  if (blocker) {
    await reportState(blocker);
    return true;
  }
  return false;
}

async function trackAll(): Promise<void> {
  if (tracker) return;
  tracker = new Tracker(defaultDeps());
  const tr = tracker;
  let done = 0;
  let errors = 0;
  panel.setProgress(0, 0, "running", 0);
  panel.setNotice("", "");
  try {
    let orders: Order[];
    try {
      orders = await tr.listAllOrders();
    } catch (err) {
      if (err instanceof MtopError && (err.code === "captcha" || err.code === "not_logged_in" || err.code === "cancelled")) throw err;
      // The list JSON changed or a later page was refused: the pages already read, and the orders on the page.
      const byId = new Map(tr.listedSoFar.map((o) => [o.order_id, o]));
      for (const o of findCards(document).map((c) => readCard(c, new Date(), pageLang(document, location.href)))) if (o.order_id && !byId.has(o.order_id)) byId.set(o.order_id, o);
      orders = [...byId.values()];
      panel.setNotice("tracking_error", contentI18n().t("list_fallback"));
    }
    // The whole account, so the dashboard lists every order; badges come with the tracking.
    for (let i = 0; i < orders.length; i += 200) {
      await send({ type: MSG.ordersFound, orders: orders.slice(i, i + 200), page: "ok", badges: false });
    }
    const ids = orders.map((o) => o.order_id);
    panel.setProgress(0, ids.length, "running", 0);
    const fatal = await tr.trackOrders(ids, async (id, r) => {
      const res = r instanceof MtopError
        ? await send<{ badge?: BadgeInfo }>({ type: MSG.trackingError, orderId: id, code: r.code, message: r.message })
        : await send<{ badge?: BadgeInfo }>({ type: MSG.trackingResult, orderId: id, parcels: r.parcels, shipping_method: r.shipping_method, promise: r.promise });
      if (r instanceof MtopError) errors++;
      if (res?.badge) drawFor(id, res.badge);
      done++;
      panel.setProgress(done, ids.length, "running", errors);
    });
    if (fatal) {
      panel.setProgress(done, ids.length, "stopped", errors);
      panel.setNotice(fatal.code === "captcha" ? "captcha" : "logged_out", contentI18n().t(`error_${fatal.code}`));
      void send({ type: MSG.pageState, page: fatal.code === "captcha" ? "captcha" : "logged_out", detail: fatal.message }).catch(() => undefined);
    } else {
      panel.setProgress(done, ids.length, tr.cancelled ? "cancelled" : "done", errors);
    }
  } catch (err) {
    const code = err instanceof MtopError ? err.code : "network";
    panel.setProgress(done, Number(panel.progress.getAttribute("data-total")), code === "cancelled" ? "cancelled" : "stopped", errors);
    if (code !== "cancelled") panel.setNotice(code === "captcha" ? "captcha" : code === "not_logged_in" ? "logged_out" : "tracking_error", contentI18n().t(`error_${code}`));
    if (code === "captcha" || code === "not_logged_in") void send({ type: MSG.pageState, page: code === "captcha" ? "captcha" : "logged_out", detail: (err as Error).message }).catch(() => undefined);
  } finally {
    tracker = null;
    void send({ type: MSG.trackingFinished }).catch(() => undefined);
  }
}

/** refreshOrders: the service worker's periodic refresh, in this tab's session. */
async function refreshOrders(ids: string[]): Promise<void> {
  if (tracker) return;
  tracker = new Tracker(defaultDeps());
  try {
    await tracker.trackOrders(ids, async (id, r) => {
      const res = r instanceof MtopError
        ? await send<{ badge?: BadgeInfo }>({ type: MSG.trackingError, orderId: id, code: r.code, message: r.message })
        : await send<{ badge?: BadgeInfo }>({ type: MSG.trackingResult, orderId: id, parcels: r.parcels, shipping_method: r.shipping_method, promise: r.promise });
      if (res?.badge) drawFor(id, res.badge);
    });
  } finally {
    tracker = null;
    void send({ type: MSG.trackingFinished }).catch(() => undefined);
  }
}

function start(): void {
  started = true;
  panel = mountPanel(document);
  if (unsupportedStorefront(location.href)) {
    // aliexpress.ru: say so on the page and on the dashboard; read nothing, track nothing.
    panel.trackAll.hidden = true;
    void reportState("unsupported_storefront");
    return;
  }
  panel.trackAll.addEventListener("click", () => void trackAll());
  panel.cancel.addEventListener("click", () => tracker?.cancel());

  const observer = new MutationObserver(() => {
    if (!panel.root.isConnected) {
      // The SPA re-rendered over our bar: put it back.
      const old = panel;
      panel = mountPanel(document);
      panel.trackAll.addEventListener("click", () => void trackAll());
      panel.cancel.addEventListener("click", () => tracker?.cancel());
      if (old.progress.getAttribute("data-total") !== "0") panel.setProgress(Number(old.progress.getAttribute("data-done")), Number(old.progress.getAttribute("data-total")), (old.progress.getAttribute("data-state") as "done") ?? "done", Number(old.progress.getAttribute("data-errors") ?? 0));
    }
    schedule();
  });
  observer.observe(document.body, { childList: true, subtree: true });

  void (async () => {
    if (await checkBlockers()) return;
    const reading = readPage(document, location.href);
    if (reading.state === "ok") schedule();
    else await evaluateState(false);
    if (reading.state !== "ok") setTimeout(() => void (findCards(document).length === 0 ? evaluateState(true) : undefined), LAYOUT_GRACE_MS);
  })();

  ext.runtime.onMessage.addListener((msg: { type?: string; orderIds?: unknown }, sender: chrome.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    // Only our own background may ask; pages cannot reach this listener, other extensions' ids differ.
    if (sender.id !== ext.runtime.id || sender.tab) return false;
    if (msg?.type === "sw-cs-refresh" && Array.isArray(msg.orderIds)) {
      const ids = msg.orderIds.filter((x): x is string => typeof x === "string" && /^\d{14,19}$/.test(x)).slice(0, 1000);
      void refreshOrders(ids);
      sendResponse({ ok: true });
    }
    return false;
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
