// The WASM core in the service worker: all judgement (assess, parseNumber) comes from it.
import { loadOrderWatch } from "../../../wasm/js/loader.js";
import type { Assessment, OrderWatchAPI } from "../shared/assessment.js";
import { ext } from "../shared/browser.js";
import { badgeFor, orderForCore } from "../shared/badge.js";
import type { LocalRecord } from "../shared/sync.js";
import { BADGE_TTL_MS, stillHolds } from "../shared/badgecache.js";
import { recordInput } from "./badgestore.js";
import { coreLang, ensureLang, i18n, statusLabel as label, type LangHint } from "./lang.js";
import type { I18n } from "../shared/i18n.js";
import { historyKey, historyMatters, historyOf } from "../shared/evidence.js";
import { peek } from "./state.js";
import { ensureTexts, readShipped } from "./texts.js";
import type { Trip } from "../../../wasm/js/orderwatch.js";

let core: Promise<OrderWatchAPI> | null = null;

export function getCore(): Promise<OrderWatchAPI> {
  if (!core) {
    core = loadOrderWatch({ wasmUrl: ext.runtime.getURL("core.wasm"), wasmExecUrl: ext.runtime.getURL("wasm_exec.js") });
    core.catch(() => {
      core = null;
    });
  }
  return core;
}

/**
 * coreFor is the core with the advice texts of `lang` (a tag such as "pt-BR") loaded: core.wasm
 * embeds English alone and would answer a language it lacks in English, so every question with
 * a language (assessAll, the evidence pack, practice) gets the core here.
 */
export async function coreFor(lang: string): Promise<OrderWatchAPI> {
  const api = await getCore();
  await ensureTexts(api, lang, (code) => readShipped(ext.runtime.getURL(`texts/${code}.json`)));
  return api;
}

const PRACTICE_STATUSES = ["Awaiting delivery", "Completed", "Awaiting shipment", "Closed", "Awaiting payment"];
const PRACTICE_EVENTS = ["Departed from sorting center", "Arrived at destination country", "Out for delivery", "Delivered"];

/** A made-up order like the ones on My Orders; every other one with a tracked parcel. */
function practiceOrder(i: number, lang: string): Parameters<OrderWatchAPI["assess"]>[0] {
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d, 10)).toISOString();
  const o: Parameters<OrderWatchAPI["assess"]>[0] = {
    order_id: String(80000000000000 + i),
    order_date: day(i % 28),
    status_text: PRACTICE_STATUSES[i % PRACTICE_STATUSES.length],
    store: "Practice store",
    total: "US $10.00",
    protection: { text: "Buyer Protection: 30 days left", days_left: 30 },
    buyer: { lang },
  };
  if (i % 2) o.parcels = [{ numbers: [{ number: "RB123456785GB" }], events: PRACTICE_EVENTS.slice(0, 1 + (i % 4)).map((text, k) => ({ time: day(30 + k), text })) }];
  return o;
}

/** How many made-up orders prime() judges: enough for V8 to have optimised the hot paths. */
export const PRIME_CALLS = 300;
// Small batches: a message that arrives meanwhile waits for one batch (a few ms) at most.
const PRIME_CHUNK = 5;
let primed: Promise<void> | null = null;
/**
 * A real question has come in this worker life (a page's orders to judge): practice is no use
 * any more and must not stand before it. They warm the core as practice would, and practice that
 * goes on competes with the page the buyer is reading (on two cores, return visits right after a
 * first one were twice as slow).
 */
let realAsked = false;

/** questionArrived: called when a page's question comes in; practice stops before its next batch. */
export function questionArrived(): void {
  realAsked = true;
}

/**
 * prime gets the worker up to speed for a page of new cards. V8 first runs WebAssembly through
 * its baseline compiler and optimises a function only once it is hot: a fresh worker judges
 * sixty new orders 5–10 times slower than a practised one (and the first call also reads the
 * advice texts). Called when a My Orders tab opens, after install and at browser start; once per
 * worker life, in small batches so that real messages go first. It first loads what the first
 * question would otherwise wait for: the UI language's messages (ensureLang, with the choice the
 * content script read when it has one: no storage read) and the stored state; then practises
 * what a page's orders go through (assessBatch in the buyer's language, then the badge words,
 * whose Intl formatters are made on first use). It stops as soon as a real question arrives.
 */
export function prime(hint?: LangHint): Promise<void> {
  primed ??= (async () => {
    await Promise.all([getCore(), ensureLang(hint).catch(() => undefined), peek(() => undefined).catch(() => undefined)]);
    const now = new Date();
    const lang = uiLang();
    const api = await coreFor(lang).catch(() => getCore());
    for (let i = 0; i < PRIME_CALLS && !realAsked; i += PRIME_CHUNK) {
      const batch: ReturnType<typeof practiceOrder>[] = [];
      for (let k = i; k < Math.min(PRIME_CALLS, i + PRIME_CHUNK); k++) batch.push(practiceOrder(k, lang));
      try {
        const got = api.assessBatch(batch, now);
        if (i === 0) {
          const words = i18n();
          got.forEach((a, k) => {
            if (!("error" in a)) badgeFor({ order: batch[k], marks: { received: null, dispute_opened: false, archived: false } } as unknown as LocalRecord, a, label, words);
          });
        }
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 0));
    }
  })();
  return primed;
}

/** The language of advice texts: the UI language (lang.ts), as a BCP 47 tag the core takes. */
export function uiLang(): string {
  return coreLang();
}

/**
 * Assessments are remembered per order under the badge cache's key scheme (shared/badgecache.ts,
 * rule 5): the record's inputKey (the order as the core sees it, the core language, the last
 * error; computed once per record object by recordInput) and the badge TTL. A dashboard opened
 * again serves the orders whose data, language and day did not change from here, without the core
 * and without serialising 2,000 orders to compare them.
 */
export const ASSESS_TTL_MS = BADGE_TTL_MS;
// hist: the key of the history the assessment was made with ("" without one); fits: the key of a
// history it was found to hold for as well (historyMatters said no), so that a dashboard opened
// again does not go over the buyer's trips once per order again (2,000 orders × their trips).
const memo = new Map<string, { input: string; lang: string; at: number; a: Assessment; hist: string; fits?: string }>();

/**
 * One key string per history array (buyerHistory hands out the same array while the records
 * stay the same): the memo's comparisons are then of the same string, not of two long equal ones.
 */
const historyKeys = new WeakMap<readonly Trip[], string>();
function keyOfHistory(history: readonly Trip[]): string {
  let k = historyKeys.get(history);
  if (k === undefined) historyKeys.set(history, (k = historyKey(history)));
  return k;
}

/** Orders per assessBatch call: a message that arrives meanwhile waits for one call at most. */
export const ASSESS_CHUNK = 250;

/**
 * assessAll judges a batch of records in one go (one load, one clock): the records not judged
 * recently go to the core in assessBatch calls, which classify each distinct event once.
 * history: the buyer's delivered trips for the arrival window (historyOf); undefined takes any
 * assessment that still holds, with or without one. words: the language of the answer, when the
 * caller has it (ensureLang) already.
 */
export async function assessAll(records: LocalRecord[], now = new Date(), history?: Trip[], words?: I18n): Promise<Map<string, Assessment>> {
  const lang = (words ?? (await ensureLang())).tag;
  const api = await coreFor(lang);
  const out = new Map<string, Assessment>();
  const todo: { id: string; rec: LocalRecord; input: string }[] = [];
  const hist = history ? keyOfHistory(history) : "";
  for (const rec of records) {
    const id = rec.order.order_id;
    const input = recordInput(rec, lang);
    const hit = memo.get(id);
    // With a history: an assessment made with another one holds if neither could change its window.
    const sameHistory = (h: NonNullable<typeof hit>) => {
      if (!history || h.hist === hist || h.fits === hist) return true;
      if (h.a.eta?.basis === "history" || historyMatters(h.a, rec.order.buyer?.country ?? "", history)) return false;
      h.fits = hist;
      return true;
    };
    if (hit && stillHolds(hit, input, lang, now.getTime()) && sameHistory(hit)) out.set(id, hit.a);
    else todo.push({ id, rec, input });
  }
  for (let i = 0; i < todo.length; i += ASSESS_CHUNK) {
    if (i > 0) await new Promise((r) => setTimeout(r, 0));
    const chunk = todo.slice(i, i + ASSESS_CHUNK);
    let answers: ReturnType<OrderWatchAPI["assessBatch"]>;
    try {
      answers = api.assessBatch(chunk.map((c) => orderForCore(c.rec, lang)) as Parameters<OrderWatchAPI["assessBatch"]>[0], now, history?.length ? { history } : null);
    } catch (err) {
      answers = chunk.map(() => ({ error: (err as Error).message }));
    }
    chunk.forEach((c, k) => {
      const got = answers[k];
      // A record the core refuses still shows, with the reason, instead of vanishing.
      const a = !got || "error" in got ? fallbackAssessment(c.id, got ? got.error : "no answer", now) : got;
      memo.set(c.id, { input: c.input, lang, at: now.getTime(), a, hist });
      out.set(c.id, a);
    });
    realAsked = true;
  }
  return out;
}

// The history of the last records map it was worked out from: every update makes a new map, so
// the same map means the same records, and a delivered trip does not depend on the clock.
// Without it each dashboard question (a row's body, a list) went over every order again.
let historyMemo: { records: Readonly<Record<string, LocalRecord>>; trips: Trip[] } | null = null;

/**
 * buyerHistory: the buyer's own history, the delivered trips of every order stored in this browser
 * (local-first; nothing leaves it). Given to assessAll, an order still on its way gets the window
 * of the buyer's own deliveries (basis "history") once there are 3 of the same method to the same
 * country. The dashboard and the evidence pack judge this way.
 */
export async function buyerHistory(now = new Date()): Promise<Trip[]> {
  const records = await peek((s) => s.records);
  if (historyMemo?.records === records) return historyMemo.trips;
  const all = Object.values(records);
  const first = await assessAll(all, now);
  const trips = historyOf(all.map((r) => ({ id: r.order.order_id, country: r.order.buyer?.country })), first);
  historyMemo = { records, trips };
  return trips;
}

function fallbackAssessment(id: string, message: string, now: Date): Assessment {
  return {
    order_id: id, order_status: "unknown", status: "unknown", reason: "", stage: "unknown", verdict: "watch",
    reasons: [{ code: "core_error", verdict: "watch", text: message, facts: {} }], summary: message,
    last_update: null, days_since_update: null, days_since_shipment: null,
    method: { id: "unknown", name: "", min_days: 0, max_days: 0, tracking: "", known: false },
    protection: { deadline: null, source: "", basis: "", days_left: null, warning: 0, expired: false },
    parcels: [], advice: [], confidence: 0, lang: "en", now: now.toISOString(), eta: null,
  };
}

export { statusLabel } from "./lang.js";
