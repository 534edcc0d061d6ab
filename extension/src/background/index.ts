// The service worker (Chromium) / event page (Firefox): owns the state, runs the core, keeps
// tracking fresh with alarms, notifies, and syncs. Every message is checked for its sender and
// shape (shared/messages.ts) before anything happens.
import "./wasm_exec.js";
import { ext, extensionBase, notify, restrictStorage } from "../shared/browser.js";
import { ensureLang, i18n, statusLabelIn } from "./lang.js";
import type { I18n } from "../shared/i18n.js";
import { MSG, MessageError, classifySender, normalizeServerUrl, parseMessage, type Message } from "../shared/messages.js";
import { REFRESHABLE_ORDER_PAGE_MATCHES } from "../shared/storefront.js";
import { badgeFor, orderForCore } from "../shared/badge.js";
import { firstDrawn, listOrder, packRow, sortRows, summarize, LIST_WHOLE, LIST_WINDOW, type PackedRow, type Row } from "../ui/rows.js";
import { MAX_NOTIFIED } from "../shared/caps.js";
import { cachedBadges, storeBadges } from "./badgestore.js";
import { dismissConflicts, conflictNotices, enqueue, newRecord, type LocalRecord } from "../shared/sync.js";
import { noticesFor, MAX_NOTICES } from "../shared/notifications.js";
import { toCSV, toJSON } from "../shared/export.js";
import type { Assessment, BadgeInfo } from "../shared/assessment.js";
import { assessAll, buyerHistory, coreFor, getCore, prime, questionArrived, statusLabel, uiLang } from "./core.js";
import { load, onListHeadGone, onWriteFailure, peek, retryWrites, setWriteGate, settleDelay, storageError, update, writeListHead, DEFAULT_SERVER, tokenStore } from "./state.js";
import { applyTracking, applyTrackingError, newId, refreshViaCainiao, upsertPageOrders } from "./tracking.js";
import { afterSignIn, api, setErrorWords, signedIn, syncNow } from "./syncer.js";
import { explainError } from "../shared/api.js";

const REFRESH_ALARM = "orderwatch-refresh";
const SYNC_ALARM = "orderwatch-sync";
/** Tracking refresh period: carriers update a few times a day at most. */
export const REFRESH_MINUTES = 180;
export const SYNC_MINUTES = 5;

/** Messages in the buyer's UI language (lang.ts), not chrome.i18n's. */
const t = (key: string, subs?: string | string[]): string => i18n().t(key, subs);
setErrorWords((key) => t(key));

/**
 * badges: the badge of each record, from the badge cache (shared/badgecache.ts) when it holds,
 * else judged by the core in one batch and written to the cache for the next visit.
 */
async function badges(records: LocalRecord[], language?: I18n): Promise<BadgeInfo[]> {
  // One language for the whole answer; a caller that asked for it already passes it (each ask is
  // a storage read, tens of ms on a busy machine).
  const words = language ?? (await ensureLang());
  const now = Date.now();
  const lang = words.tag;
  const out = await cachedBadges(records, lang, now);
  const todo = records.filter((r) => !out.has(r.order.order_id));
  if (todo.length) {
    // One batch, one clock; the answer does not wait for the cache to reach storage.
    const assessed = await assessAll(todo, undefined, undefined, words);
    const judged = todo.map((rec) => ({ rec, badge: badgeFor(rec, assessed.get(rec.order.order_id)!, statusLabelIn(words), words) }));
    for (const { rec, badge } of judged) out.set(rec.order.order_id, badge);
    storeBadges(judged, lang, now);
  }
  return records.map((r) => out.get(r.order.order_id)!);
}

/**
 * A page's questions are judged one after the other, each answered before the next is judged:
 * the page asks for the cards on screen first and the rest at once after (content/ask.ts), and
 * the second's larger judging must not run before the first's answer has gone out (a just-woken
 * worker holds both while it reads storage). The next starts a task later, after the answer.
 */
let judging: Promise<void> = Promise.resolve();
function judgeInTurn<T>(fn: () => Promise<T>): Promise<T> {
  const run = judging.then(fn);
  judging = run.then(
    () => new Promise((r) => setTimeout(r, 0)),
    () => new Promise((r) => setTimeout(r, 0)),
  );
  return run;
}

/**
 * When a page's question about orders new to this worker was last answered (Date.now()): the
 * page is drawing cards it never showed before, with their provisional badges.
 */
let newAnsweredAt = 0;
/**
 * How long storing waits after such an answer. The page is drawing its first frame of those
 * cards then (hundreds of ms on a busy 2-core machine), and handing the new records and badges
 * to chrome.storage costs this thread tens of ms and the browser's process more: with the
 * writes inside it, the page's first frame of 60 new cards came ~100 ms later there
 * (extension/test/e2e/bench.mjs, first visits). The state in memory is already the new one; a
 * worker stopped within the second (Chromium waits 30 s) leaves those orders to be read again
 * on the next visit.
 */
const WRITE_SETTLE_MS = 1000;
// Storing waits until a page's questions are answered (state.ts) and, after new cards, their
// moment, but never more than that moment after its turn came: pages showing new cards again and
// again within the second do not hold the writes off.
setWriteGate(async () => {
  const turn = Date.now();
  await judging;
  const wait = settleDelay(newAnsweredAt, turn, Date.now(), WRITE_SETTLE_MS);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
});

/** checkNotifications shows deduplicated notifications for the given orders. */
async function checkNotifications(ids: string[]): Promise<void> {
  const { records } = await load();
  const recs = ids.map((id) => records[id]).filter((r): r is LocalRecord => !!r);
  if (recs.length === 0) return;
  const assessed = await assessAll(recs);
  const toShow = await update((s) => {
    const seen = new Set(s.notified);
    const out = [];
    for (const rec of recs) {
      const a = assessed.get(rec.order.order_id)!;
      for (const n of noticesFor(rec, a, s.lastStatus[rec.order.order_id], seen)) {
        seen.add(n.key);
        out.push({ n, a });
      }
      s.lastStatus[rec.order.order_id] = a.status;
    }
    s.notified = [...seen].slice(-MAX_NOTIFIED);
    return out;
  });
  for (const { n, a } of toShow.slice(0, MAX_NOTICES)) {
    const title = n.kind === "protection" ? t("notify_protection_title", i18n().days(n.days ?? 0)) : t("notify_status_title", statusLabel(a.status));
    await notify(n.key, title, `${t("order")} ${n.orderId}: ${a.reasons[0]?.text ?? a.summary}`).catch(() => undefined);
  }
  if (toShow.length > MAX_NOTICES) await notify(`more:${Date.now()}`, t("notify_more_title", String(toShow.length - MAX_NOTICES)), t("notify_more_body")).catch(() => undefined);
}

function scheduleSync(): void {
  // Soon after a change; the alarm is the safety net if the worker stops first.
  setTimeout(() => void syncNow(), 1500);
}

/**
 * Rows made before, by the assessment they were made from: assessAll hands out the same
 * assessment object while it holds for the same record (core.ts), records are replaced, never
 * changed in place (state.ts), so a row, and its packed summary, is made again only when its
 * record, assessment, language or device changed. A dashboard opened again on 2,000 orders
 * then sorts and sends what it has.
 */
const rowCache = new WeakMap<Assessment, { rec: LocalRecord; lang: string; deviceId: string; row: Row }>();
const packedCache = new WeakMap<Row, PackedRow>();

/**
 * rowsOf: the complete rows of these records, judged in one batch (assessAll reuses what holds).
 * words: the language of the whole answer (ensureLang, read once by the caller), so that the
 * core's texts and the badge words are in one language even when the buyer switches meanwhile.
 */
async function rowsOf(recs: LocalRecord[], deviceId: string, words: I18n, phase?: (name: string) => void): Promise<Row[]> {
  const history = await buyerHistory();
  phase?.("history");
  const assessed = await assessAll(recs, new Date(), history, words);
  phase?.("assessed");
  return recs.map((rec) => {
    const a = assessed.get(rec.order.order_id)!;
    const hit = rowCache.get(a);
    if (hit && hit.rec === rec && hit.lang === words.tag && hit.deviceId === deviceId) return hit.row;
    const row = { record: rec, assessment: a, badge: badgeFor(rec, a, statusLabelIn(words), words), conflicts: conflictNotices(rec, deviceId) };
    rowCache.set(a, { rec, lang: words.tag, deviceId, row });
    return row;
  });
}

function packedOf(row: Row): PackedRow {
  let p = packedCache.get(row);
  if (!p) packedCache.set(row, (p = packRow(summarize(row))));
  return p;
}

/**
 * What the list needs of the state, read in place (peek: no copy of the queue and the notices,
 * which load makes for each caller; records are frozen and replaced, never changed).
 */
const listState = () => peek((s) => ({ records: s.records, deviceId: s.settings.deviceId, pageNotice: s.pageNotice }));

/** The account line; asked alongside the rows (whether signed in is a look at the extension's IndexedDB). */
async function account() {
  const [s, signed] = await Promise.all([peek((x) => ({ settings: x.settings, pending: x.queue.length })), signedIn()]);
  return { signedIn: signed, email: s.settings.email, serverUrl: s.settings.serverUrl, lastSyncAt: s.settings.lastSyncAt, lastSyncError: s.settings.lastSyncError, pending: s.pending, storageError: storageError() };
}

/** dashboardRows: every order's complete row, act-first (the export; a getOrders without summary). */
async function dashboardRows() {
  const acc = account();
  const s = await listState();
  const rows = sortRows(await rowsOf(Object.values(s.records), s.deviceId, await ensureLang()));
  return { rows, total: rows.length, pageNotice: s.pageNotice, account: await acc };
}

/**
 * dashboardList: the list as the dashboard and the popup open it — every order as a packed
 * summary (ui/rows.ts: what a closed row shows and the filters and search read), act-first, and
 * the complete rows of those drawn first and of the ones the page names (open or on screen).
 * 2,000 complete rows were 3.5 MB to send, most of the opening time; the summaries are a tenth.
 */
async function dashboardList(ids: string[] = [], head?: number) {
  const phase = phases(head ? "head" : "list");
  const acc = account();
  const s = await listState();
  phase("state");
  // The language chosen now, read before anything is shared or kept: a worker that answered in
  // another language a moment ago still has that one loaded (i18n()), and its list must not be
  // handed to a page opened in the new one.
  const words = await ensureLang();
  const rows = await sortedRows(s, words, phase);
  phase("sorted");
  const want = new Set([...firstDrawn(rows.map((r) => ({ id: r.record.order.order_id, archived: r.record.marks.archived }))).map((x) => x.id), ...ids]);
  // The head of a long list: the rows of the opening screen (the list as the page orders it,
  // archived last), so that it is drawn before the rest has been sent (a tenth of a MB per
  // thousand orders); the page asks for the whole list at the same time.
  const top = head && rows.length > LIST_WHOLE ? listOrder(rows.map((row) => ({ row, archived: row.record.marks.archived === true }))).slice(0, head).map((x) => x.row) : null;
  const list = (top ?? rows).map(packedOf);
  const details = rows.filter((r) => want.has(r.record.order.order_id));
  phase("packed");
  const out = { list, details, total: rows.length, ...(top ? { more: rows.length - top.length } : {}), pageNotice: s.pageNotice, account: await acc };
  phase("account");
  // Kept for the next page that opens while this worker sleeps (state.ts writeListHead).
  if (top) writeListHead(s.records, { lang: words.tag, list, total: out.total, more: out.more, pageNotice: out.pageNotice, account: out.account });
  return out;
}

// The stored head made again once the records stop changing (a Track all writes one after the
// other for minutes): 2 s after the last change, as the dashboard's opening asks for it.
const HEAD_AGAIN_MS = 2000;
let headAgain: ReturnType<typeof setTimeout> | null = null;
onListHeadGone(() => {
  if (headAgain) clearTimeout(headAgain);
  headAgain = setTimeout(() => {
    headAgain = null;
    void dashboardList([], LIST_WINDOW).catch(() => undefined);
  }, HEAD_AGAIN_MS);
});

/**
 * The sorted rows of the last list, shared by the questions that come with the same records,
 * language and device within a moment of each other: the dashboard asks for the head of the list
 * and the whole list at once, and they are judged and sorted once.
 */
let lastList: { records: Readonly<Record<string, LocalRecord>>; lang: string; deviceId: string; at: number; rows: Promise<Row[]> } | null = null;
const LIST_SHARE_MS = 2000;
function sortedRows(s: { records: Readonly<Record<string, LocalRecord>>; deviceId: string }, words: I18n, phase: (name: string) => void): Promise<Row[]> {
  const lang = words.tag;
  const now = Date.now();
  const l = lastList;
  if (l && l.records === s.records && l.lang === lang && l.deviceId === s.deviceId && now - l.at < LIST_SHARE_MS) return l.rows;
  const rows = rowsOf(Object.values(s.records), s.deviceId, words, phase).then(sortRows);
  lastList = { records: s.records, lang, deviceId: s.deviceId, at: now, rows };
  rows.catch(() => {
    if (lastList?.rows === rows) lastList = null;
  });
  return rows;
}

/** rowDetails: the complete rows of the named orders (a row drawn or opened on the dashboard). */
async function rowDetails(ids: string[]) {
  const phase = phases("details");
  const s = await listState();
  phase("state");
  const recs = ids.map((id) => s.records[id]).filter((r): r is LocalRecord => !!r);
  const details = await rowsOf(recs, s.deviceId, await ensureLang(), phase);
  phase("rows");
  return { details };
}

/**
 * Where the worker's time on the dashboard's last questions went (ms since the question, per
 * phase), for the heavy bench: the last 20 questions.
 */
const phaseLog: { what: string; at: number; ms: Record<string, number> }[] = [];
function phases(what: string): (phase: string) => void {
  const t0 = performance.now();
  const entry = { what, at: Date.now(), ms: {} as Record<string, number> };
  phaseLog.push(entry);
  if (phaseLog.length > 20) phaseLog.shift();
  return (phase) => {
    entry.ms[phase] = Math.round((performance.now() - t0) * 10) / 10;
  };
}

async function handle(msg: Message): Promise<unknown> {
  const now = new Date().toISOString();
  switch (msg.type) {
    case MSG.ordersFound: {
      // A page waits for these badges: the core's practice stops now, not after its next batches.
      if (msg.badges !== false) {
        questionArrived();
        getCore().catch(() => undefined); // a just-woken worker: the core starts while storage is read
      }
      // The language is asked for at once (with the choice the page read, no storage read).
      const language = msg.badges === false ? null : ensureLang(msg.uiLang);
      language?.catch(() => undefined);
      const { changed, recs, fresh } = await update((s) => {
        s.pageNotice = { state: msg.page, detail: "", at: now };
        const fresh = msg.orders.some((o) => !s.records[o.order_id]);
        const changed = upsertPageOrders(s, msg.orders, now);
        // The records themselves, read only: update copies the state before it changes it, so
        // these stay as they are (and are the ones peek hands out next, whose memo keys are kept).
        const recs = msg.badges === false ? [] : msg.orders.map((o) => s.records[o.order_id]).filter(Boolean);
        return { changed, recs, fresh };
      });
      if (changed.length) scheduleSync();
      // Orders from the account's list (not on screen) need no badge now: judging costs time.
      if (!language) return { badges: [] };
      return judgeInTurn(async () => {
        const answer = { badges: await badges(recs, await language) };
        if (fresh) newAnsweredAt = Date.now();
        return answer;
      });
    }
    case MSG.knownBadges: {
      // The content script reads the badge cache itself (shared/badgecache.ts); this message
      // only warms the core up when a page shows cards the cache could not badge.
      setTimeout(() => void prime(msg.uiLang).catch(() => undefined), 0);
      return { known: [] };
    }
    case MSG.pageState:
      await update((s) => {
        s.pageNotice = { state: msg.page, detail: msg.detail ?? "", at: now };
      });
      return { ok: true };
    case MSG.trackingResult: {
      const rec = await applyTracking(msg.orderId, msg.parcels, msg.shipping_method, now, msg.promise);
      // Numbers without events yet: ask Cainiao once the page's run is over, so that the two
      // hosts together stay within the politeness limits.
      if ((rec.order.parcels ?? []).some((p) => (p.events ?? []).length === 0 && (p.numbers ?? []).length > 0)) {
        await update((s) => {
          if (!s.cainiaoPending.includes(msg.orderId)) s.cainiaoPending.push(msg.orderId);
        });
      }
      const fresh = (await load()).records[msg.orderId];
      void checkNotifications([msg.orderId]);
      scheduleSync();
      return { badge: (await badges([fresh]))[0] };
    }
    case MSG.trackingError: {
      await applyTrackingError(msg.orderId, msg.code, msg.message, now);
      const fresh = (await load()).records[msg.orderId];
      return { badge: (await badges([fresh]))[0] };
    }
    case MSG.trackingFinished: {
      const ids = await update((s) => {
        const list = s.cainiaoPending;
        s.cainiaoPending = [];
        return list;
      });
      const updated = ids.length ? await refreshViaCainiao(ids) : 0;
      if (updated) void checkNotifications(ids);
      return { ok: true, cainiao: ids.length };
    }
    case MSG.getOrders:
      // Every answer judges: a just-woken worker starts its core now, while storage is read (a
      // 2,000-order account's read took seconds on a busy machine, the core waited behind it).
      getCore().catch(() => undefined);
      if (msg.summary) return dashboardList(msg.ids, msg.head);
      if (msg.ids) return rowDetails(msg.ids);
      return dashboardRows();
    case MSG.setMark:
    case MSG.setNote: {
      await update((s) => {
        const rec = s.records[msg.orderId];
        if (!rec) throw new MessageError(`unknown order ${msg.orderId}`);
        if (msg.type === MSG.setMark) {
          const marks = { ...rec.marks, [msg.mark]: msg.mark === "received" ? msg.value : msg.value === true };
          s.records[msg.orderId] = { ...rec, marks };
          s.queue = enqueue(s.queue, msg.orderId, rec.version, { marks: { [msg.mark]: marks[msg.mark] } }, newId);
        } else {
          s.records[msg.orderId] = { ...rec, note: msg.note };
          s.queue = enqueue(s.queue, msg.orderId, rec.version, { note: msg.note }, newId);
        }
      });
      scheduleSync();
      return { ok: true };
    }
    case MSG.setSellerContact: {
      // Facts for the core's "seller not responding" advice; they ride in the order, which
      // syncs whole (less the city), so the other browser judges the same.
      await update((s) => {
        const rec = s.records[msg.orderId];
        if (!rec) throw new MessageError(`unknown order ${msg.orderId}`);
        // Absent means "no" and "not said", as in the order JSON the server echoes back.
        const buyer = { ...(rec.order.buyer ?? {}) };
        if (msg.askedAt) buyer.seller_asked_at = msg.askedAt;
        else delete buyer.seller_asked_at;
        if (msg.replied) buyer.seller_replied = true;
        else delete buyer.seller_replied;
        s.records[msg.orderId] = { ...rec, order: { ...rec.order, buyer } };
        s.queue = enqueue(s.queue, msg.orderId, rec.version, { orderChanged: true }, newId);
      });
      scheduleSync();
      return { ok: true };
    }
    case MSG.addNumber: {
      const core = await getCore();
      const parsed = core.parseNumber(msg.number);
      if (parsed.kind !== "tracking_number" || !parsed.valid) return { ok: false, error: parsed.message || t("number_invalid"), parsed };
      const id = `manual-${crypto.randomUUID()}`;
      const best = parsed.candidates[0];
      await update((s) => {
        const order = {
          order_id: id, store: msg.label ?? "",
          parcels: [{ numbers: [{ number: parsed.normalized, role: "origin" as const, ...(best ? { carrier: best.carrier } : {}) }], events: [] }],
        };
        if (!order.store) delete (order as { store?: string }).store;
        s.records[id] = { ...newRecord(order, now), manual: true };
        s.queue = enqueue(s.queue, id, 0, { orderChanged: true }, newId);
      });
      void refreshViaCainiao([id]);
      scheduleSync();
      return { ok: true, orderId: id, parsed };
    }
    case MSG.exportData: {
      const { rows } = await dashboardRows();
      const list = rows.map((r) => ({ rec: r.record, a: r.assessment }));
      return { text: msg.format === "csv" ? toCSV(list) : toJSON(list) };
    }
    case MSG.syncNow:
      return syncNow();
    case MSG.dismissConflict:
      await update((s) => {
        const rec = s.records[msg.orderId];
        if (rec) s.records[msg.orderId] = dismissConflicts(rec, s.settings.deviceId);
      });
      return { ok: true };
    case MSG.evidencePackPage:
    case MSG.evidencePack: {
      // The pack is made by the core, from the order as stored in this browser, in the UI's
      // language, with the buyer's own delivered orders as the arrival window's history.
      const { records } = await load();
      const rec = records[msg.orderId];
      if (!rec) throw new MessageError(`unknown order ${msg.orderId}`);
      const lang = uiLang();
      const core = await coreFor(lang);
      const history = await buyerHistory();
      const html = core.evidencePack(orderForCore(rec, lang), Date.now(), { lang, screenshots: msg.type === MSG.evidencePack ? msg.screenshots : [], history });
      return { ok: true, html, filename: `orderwatch-evidence-${msg.orderId}.html` };
    }
    case MSG.refreshNow:
      return { updated: await refreshViaCainiao() };
    case MSG.getAccount: {
      const s = await load();
      return { signedIn: await signedIn(), email: s.settings.email, serverUrl: s.settings.serverUrl, lastSyncAt: s.settings.lastSyncAt, lastSyncError: s.settings.lastSyncError, pending: s.queue.length, deviceId: s.settings.deviceId, storageError: storageError() };
    }
    case MSG.setServer: {
      const origin = normalizeServerUrl(msg.url);
      const isDefault = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);
      if (!isDefault && !(await ext.permissions.contains({ origins: [`${origin}/*`] }))) {
        return { ok: false, error: t("server_permission_missing") };
      }
      if (await signedIn()) return { ok: false, error: t("server_sign_out_first") };
      await update((s) => {
        s.settings.serverUrl = origin;
        s.settings.cursor = 0;
      });
      return { ok: true, serverUrl: origin };
    }
    case MSG.signUp:
    case MSG.signIn: {
      await ensureLang(); // the answer is in the language chosen now (read at each use, lang.ts)
      const client = await api();
      try {
        if (msg.type === MSG.signUp) await client.register(msg.email, msg.password);
        else await client.login(msg.email, msg.password);
      } catch (err) {
        return { ok: false, error: explainError(err, msg.type === MSG.signUp ? "sign_up" : "sign_in", t) };
      }
      const res = await afterSignIn(msg.email);
      return { ok: true, sync: res };
    }
    case MSG.signOut: {
      const client = await api();
      try {
        await client.logout();
      } catch {
        // Signed out locally whatever the server says: the tokens are gone.
      }
      await update((s) => {
        s.settings.email = "";
      });
      return { ok: true };
    }
  }
}

/**
 * The first messages this worker life received (type, time, and when answered; for a page's
 * orders their count), for the end-to-end tests and the bench.
 */
const received: { type: string; at: number; n?: number; answered?: number }[] = [];

ext.runtime.onMessage.addListener((raw: unknown, sender: chrome.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
  let msg: Message;
  try {
    msg = parseMessage(raw, classifySender(sender, ext.runtime.id, extensionBase()));
  } catch (err) {
    sendResponse({ ok: false, error: (err as Error).message, rejected: true });
    return false;
  }
  const note: (typeof received)[number] = { type: msg.type, at: Date.now() };
  if (msg.type === MSG.ordersFound) note.n = msg.orders.length;
  if (received.length < 100) received.push(note);
  handle(msg).then(
    (r) => {
      sendResponse(r);
      note.answered = Date.now();
    },
    (err: Error) => sendResponse({ ok: false, error: err.message }),
  );
  return true;
});

/** setup runs on every start of the worker: storage access, state and alarms. */
async function setup(): Promise<void> {
  await restrictStorage().catch(() => undefined);
  const alarms = await ext.alarms.getAll();
  // The first refresh waits a while: right after install or start the buyer is usually on the
  // page already, and the page refreshes what it shows.
  if (!alarms.some((a) => a.name === REFRESH_ALARM)) await ext.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES, delayInMinutes: 30 });
  if (!alarms.some((a) => a.name === SYNC_ALARM)) await ext.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_MINUTES, delayInMinutes: 1 });
}

/**
 * After install and at browser start the core is started and practised at once: the buyer often
 * opens My Orders right then. A worker woken later by a message starts it when something needs
 * it, so the message that woke it is not queued behind half a second of start-up.
 */
function startCore(): void {
  void prime().catch((err) => console.error("OrderWatch: the core did not start:", err));
}

ext.runtime.onInstalled.addListener(startCore);
ext.runtime.onStartup.addListener(startCore);
void setup();

/**
 * A storage write the browser refused (the quota): the change stays in memory and is written
 * again (state.ts); the buyer is told once per worker life, and the dashboard says it until a
 * write succeeds.
 */
let toldStorage = false;
onWriteFailure((message) => {
  if (toldStorage) return;
  toldStorage = true;
  void notify("storage-failed", t("storage_failed_title"), t("storage_failed_body", message)).catch(() => undefined);
});

ext.alarms.onAlarm.addListener((alarm: chrome.alarms.Alarm) => {
  if (alarm.name === SYNC_ALARM) void retryWrites().then(() => syncNow());
  if (alarm.name === REFRESH_ALARM) void periodicRefresh();
});

/** periodicRefresh: with an AliExpress tab open its content script refreshes in the buyer's session; otherwise Cainiao by number. */
async function periodicRefresh(): Promise<void> {
  const { records } = await load();
  const active = Object.values(records).filter((r) => !r.marks.archived && r.marks.received !== true && !r.manual);
  const assessed = await assessAll(active);
  const pending = active.filter((r) => !["delivered", "returned"].includes(assessed.get(r.order.order_id)?.status ?? "")).map((r) => r.order.order_id);
  // My Orders on any storefront the page can refresh from (not aliexpress.ru: not supported yet).
  const tabs = await ext.tabs.query({ url: [...REFRESHABLE_ORDER_PAGE_MATCHES] }).catch(() => [] as chrome.tabs.Tab[]);
  const tab = tabs.find((x) => x.id !== undefined);
  let viaPage = false;
  // After a captcha or a sign-out on AliExpress, leave the buyer's session alone for an hour.
  const { pageNotice } = await load();
  const blocked = !!pageNotice && ["captcha", "logged_out"].includes(pageNotice.state) && Date.now() - Date.parse(pageNotice.at) < 60 * 60 * 1000;
  if (tab?.id !== undefined && pending.length && !blocked) {
    viaPage = await ext.tabs.sendMessage(tab.id, { type: "sw-cs-refresh", orderIds: pending }).then(() => true, () => false);
  }
  if (!viaPage) await refreshViaCainiao(undefined, (id) => !pending.includes(id) && !records[id]?.manual);
  await checkNotifications(Object.keys(records));
}

ext.notifications?.onClicked.addListener(() => {
  void ext.tabs.create({ url: ext.runtime.getURL("dashboard.html") });
});

// Exposed for the end-to-end tests, which evaluate code in the worker; not used by the UI.
(globalThis as Record<string, unknown>).orderwatchDebug = { syncNow, periodicRefresh, DEFAULT_SERVER, tokenStorePresent: async () => (await tokenStore.get()) !== null, received: () => received.slice(), phases: () => phaseLog.slice() };
