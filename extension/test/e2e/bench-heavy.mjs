// Speed figures for a heavy buyer (issue "Badges at first sight", part 3): an account of
// BENCH_ORDERS (default 2,000) generated orders in the fake AliExpress, in real headless
// Chromium with the built extension. Timing only, nothing passes or fails on the clock:
//
// 1. "Track all" of the whole account with no added latency: the elapsed time against the lower
//    bound implied by the politeness constants (src/shared/politeness.ts): R requests at r starts
//    per second cannot finish before floor((R-1)/r) s + one answer.
// 2. What is stored: chrome.storage.local bytes in use, per order.
// 3. The worker's memory after Track all (the JS heap of the service worker, from the DevTools
//    protocol's Runtime.getHeapUsage on the worker's target).
// 4. The dashboard: from navigation start to the first order row drawn (an init script's
//    MutationObserver notes the time), and each filter button's click to the next frame.
// 5. Badges on a 60-card My Orders page of this account (return visit, worker running and
//    worker stopped), as in bench.mjs.
//
//   node test/e2e/bench-heavy.mjs        BENCH_ORDERS=2000 BENCH_DASH_RUNS=5 BENCH_RUNS=5
//   BENCH_DASH_COLD=2: dashboard opens with the worker stopped before each, after the others
//   BENCH_SKIP_TRACK=1: no Track all; the 60 orders of one My Orders page are read and the rest of
//   the account is seeded as copies of them (for the dashboard and storage figures only).
//   BENCH_SKIP_TRACK=tracked: no Track all either: every order is read from one My Orders page of
//   the whole account, BENCH_TRACKED (default 200) of those with parcels, spread over the account,
//   are tracked for real (the extension's own refresh in the page's session, at its politeness
//   rate: about a minute), and the other orders with parcels get a copy of a tracked one's
//   tracking: a tracked account for the dashboard in a few minutes instead of ~10.
//   BENCH_PARTS=dashboard,badges: the parts to run after the storage figures (default both).
//   BENCH_SEED_FILE=path (with BENCH_SKIP_TRACK): the seeded storage saved there, and read back
//   from there when the file exists (the same account for each build, in seconds).
// The figures go to test-results/bench-heavy.json. Needs `npm run build` first.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startFakeSite } from "../fakesite/server.mjs";
import { click, evaluate, goto, launchChromium } from "./lib/browsers.mjs";
import { poll } from "./lib/checks.mjs";
import { REPO } from "./lib/syncserver.mjs";
import { readProgress } from "./lib/ui.mjs";

const EXT = resolve(process.env.BENCH_EXT ?? join(REPO, "extension"));
const DIST = join(mkdtempSync(join(tmpdir(), "orderwatch-heavy-")), "dist");
const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";
const N = Number(process.env.BENCH_ORDERS ?? 2000);
const DASH_RUNS = Number(process.env.BENCH_DASH_RUNS ?? 5);
const COLD_RUNS = Number(process.env.BENCH_DASH_COLD ?? 2);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SKIP_TRACK = process.env.BENCH_SKIP_TRACK === "1" || process.env.BENCH_SKIP_TRACK === "tracked";
const SEED_TRACKED = process.env.BENCH_SKIP_TRACK === "tracked" ? Number(process.env.BENCH_TRACKED ?? 200) : 0;
// BENCH_SEED_FILE=path: with BENCH_SKIP_TRACK, the seeded storage is written to this file after
// seeding, and read from it instead of seeding when it exists (the same account for several
// builds or runs, in seconds instead of ~5 min; the builds must share the storage format).
const SEED_FILE = SKIP_TRACK && process.env.BENCH_SEED_FILE ? resolve(process.env.BENCH_SEED_FILE) : null;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const round = (x) => Math.round(x * 10) / 10;
const spread = (xs) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.map(round) });

function politeness() {
  const src = readFileSync(join(EXT, "src/shared/politeness.ts"), "utf8");
  const num = (name) => Number((src.match(new RegExp(`export const ${name}\\s*=\\s*([\\d_]+)`)) ?? [])[1]?.replace(/_/g, ""));
  return { concurrency: num("MAX_CONCURRENCY"), perSecond: num("MAX_REQUESTS_PER_SECOND") };
}

// Installed in every page before its own scripts: notes when the first dashboard row and the
// first badge appear, without touching the extension's code.
const OBSERVER = () => {
  const seen = () => {
    if (!window.__owFirstRow && document.querySelector("[data-orderwatch-order]")) window.__owFirstRow = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};

async function trackAll(b, site, limits) {
  const page = await b.newPage();
  await goto(page, ORDERS_URL);
  await poll(() => evaluate(page, () => !!document.querySelector("[data-orderwatch-track-all]")), { timeoutMs: 30000, what: "Track all button" });
  site.resetStats();
  const t0 = Date.now();
  await click(page, "[data-orderwatch-track-all]");
  let lastLog = Date.now();
  const p = await poll(async () => {
    const x = await readProgress(page);
    if (Date.now() - lastLog > 30000) {
      lastLog = Date.now();
      console.log(`  track all: ${x?.done ?? "?"}/${x?.total ?? "?"} after ${Math.round((Date.now() - t0) / 1000)} s (${x?.state ?? "no progress bar"}), load ${loadavg()[0].toFixed(1)}`);
    }
    return x && x.total >= N && x.done === x.total && x.state !== "running" ? x : false;
  }, { timeoutMs: 40 * 60000, intervalMs: 250, what: "Track all done" });
  const elapsed = Date.now() - t0;
  const reqs = site.requests.filter((r) => (r.host === "acs.aliexpress.com" || r.host === "global.cainiao.com") && r.method !== "OPTIONS");
  const R = reqs.length;
  const answer = Math.min(...reqs.map((r) => r.end - r.t));
  const bound = Math.max(Math.floor((R - 1) / limits.perSecond) * 1000 + answer, Math.ceil(R / limits.concurrency) * answer);
  await page.close();
  return { elapsed_s: round(elapsed / 1000), requests: R, bound_s: round(bound / 1000), ratio: Math.round((elapsed / bound) * 1000) / 1000, progress: p.text, state: p.state };
}

async function workerHeap(b) {
  // The worker's own target, through the browser-wide DevTools session.
  const browserCdp = await b.ctx.newCDPSession(await b.newPage());
  const { targetInfos } = await browserCdp.send("Target.getTargets");
  const sw = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${b.extId}/`));
  if (!sw) return null;
  const { sessionId } = await browserCdp.send("Target.attachToTarget", { targetId: sw.targetId, flatten: false });
  const send = (method, params = {}) => new Promise((res, rej) => {
    const id = Math.floor(Math.random() * 1e9);
    browserCdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) }).catch(rej);
    const on = (ev) => {
      if (ev.sessionId !== sessionId) return;
      const m = JSON.parse(ev.message);
      if (m.id === id) { browserCdp.off("Target.receivedMessageFromTarget", on); m.error ? rej(new Error(m.error.message)) : res(m.result); }
    };
    browserCdp.on("Target.receivedMessageFromTarget", on);
  });
  try {
    await send("HeapProfiler.collectGarbage").catch(() => undefined);
    const h = await send("Runtime.getHeapUsage");
    return { used_mb: round(h.usedSize / 1e6), total_mb: round(h.totalSize / 1e6) };
  } catch (err) {
    return { error: String(err.message ?? err) };
  }
}

/** Times of the page's own marks (ui/page.ts), from navigation start; absent marks are left out. */
const MARKS = ["ow-list-asked", "ow-list-stored", "ow-list-answer", "ow-lang", "ow-list-drawn", "ow-list-whole"];
// BENCH_PARTS=dashboard,badges: the parts after seeding or Track all to run (default both; the
// storage and heap figures are always taken).
const PARTS = new Set((process.env.BENCH_PARTS ?? "dashboard,badges").split(","));

/** The worker's own phases of its last question of this kind (ms since the question), when the build notes them. */
async function workerPhases(b, what) {
  const log = await b.evalBackground(() => globalThis.orderwatchDebug?.phases?.() ?? []).catch(() => []);
  return log.filter((x) => x.what === what).at(-1)?.ms ?? null;
}

async function dashboard(b) {
  const open = [];
  const phases = { list: [], details: [] };
  const filters = {};
  const complete = {};
  const marks = {};
  let rows = 0;
  let answerBytes = null;
  for (let i = 0; i < DASH_RUNS; i++) {
    const page = await b.newPage();
    await page.addInitScript(OBSERVER);
    await page.goto(b.extensionUrl("dashboard.html"), { timeout: 30000 });
    const first = await poll(() => evaluate(page, () => window.__owFirstRow ?? false), { timeoutMs: 60000, intervalMs: 50, what: "first dashboard row" });
    open.push(first);
    rows = await evaluate(page, () => document.querySelectorAll("[data-orderwatch-order]").length);
    const m = await evaluate(page, (names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime]).filter(([, v]) => v !== undefined)), MARKS);
    for (const [k, v] of Object.entries(m)) (marks[k] ??= []).push(v);
    phases.list.push(await workerPhases(b, "list"));
    // A build that draws the head of the list first: the filters are timed on the whole list.
    await poll(() => evaluate(page, () => !document.querySelector("[data-orderwatch-partial]")), { timeoutMs: 60000, intervalMs: 20, what: "the whole list" });
    // Each filter and a search: click → next frame (the list redrawn).
    const timeIt = (src) => evaluate(page, (code) => new Promise((res) => {
      const t0 = performance.now();
      new Function(code)();
      requestAnimationFrame(() => setTimeout(() => res(performance.now() - t0), 0));
    }), src);
    for (const f of ["action", "transit", "delivered", "archived", "all"]) (filters[f] ??= []).push(await timeIt(`document.querySelector('[data-orderwatch-filter="${f}"]').click()`));
    (filters.search ??= []).push(await timeIt(`const el = document.querySelector("[data-orderwatch-search]"); el.value = "10"; el.dispatchEvent(new Event("input", { bubbles: true }));`));
    await timeIt(`const el = document.querySelector("[data-orderwatch-search]"); el.value = ""; el.dispatchEvent(new Event("input", { bubbles: true }));`);
    // A closed row opened (its summary clicked) → its body drawn (a build that sends every body draws it at once).
    (complete.open_row ??= []).push(await evaluate(page, () => new Promise((res) => {
      const row = document.querySelectorAll("details[data-orderwatch-order]")[5];
      const t0 = performance.now();
      row.querySelector("summary").click();
      const done = () => (row.isConnected && row.open && row.querySelector("[data-mark]") ? res(performance.now() - t0) : requestAnimationFrame(done));
      done();
    })));
    phases.details.push(await workerPhases(b, "details"));
    phases.head ??= [];
    phases.head.push(await workerPhases(b, "head"));
    // What the page's opening message brings (a build that knows no summaries answers complete rows).
    if (i === 0) answerBytes = await evaluate(page, async () => JSON.stringify(await chrome.runtime.sendMessage({ type: "popup-sw-get-orders", summary: true, ids: [] })).length);
    await page.close();
  }
  // Opens with the worker stopped before each (Chromium stops an idle worker after 30 s): the
  // first open above was one too, before any list had been made in this profile.
  const cold = [];
  const coldMarks = {};
  for (let i = 0; i < COLD_RUNS; i++) {
    const page = await b.newPage();
    const cdp = await b.ctx.newCDPSession(page);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await new Promise((r) => setTimeout(r, 500));
    await page.addInitScript(OBSERVER);
    await page.goto(b.extensionUrl("dashboard.html"), { timeout: 30000 });
    cold.push(await poll(() => evaluate(page, () => window.__owFirstRow ?? false), { timeoutMs: 60000, intervalMs: 50, what: "first dashboard row" }));
    await poll(() => evaluate(page, () => performance.getEntriesByName("ow-list-whole").length > 0 || performance.getEntriesByName("ow-list-answer").length > 0), { timeoutMs: 120000, intervalMs: 50, what: "the worker's answer" });
    await poll(() => evaluate(page, () => !document.querySelector("[data-orderwatch-partial]")), { timeoutMs: 120000, intervalMs: 50, what: "the whole list" });
    const m = await evaluate(page, (names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime]).filter(([, v]) => v !== undefined)), MARKS);
    for (const [k, v] of Object.entries(m)) (coldMarks[k] ??= []).push(v);
    await page.close();
  }
  return {
    open_ms: spread(open), rows_in_dom: rows, answer_bytes: answerBytes,
    ...(cold.length ? { cold_open_ms: spread(cold), cold_marks_ms: Object.fromEntries(Object.entries(coldMarks).map(([k, v]) => [k, spread(v)])) } : {}),
    marks_ms: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, spread(v)])),
    filter_ms: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, spread(v)])),
    open_row_ms: complete.open_row ? spread(complete.open_row) : null,
    worker_phases: phases,
  };
}

async function waitBadges(page) {
  const r = await poll(() => evaluate(page, () => {
    const mark = performance.getEntriesByName("ow-cards-inserted")[0];
    const cards = document.querySelectorAll("div.order-item").length;
    const times = window.__owBadgeTimes ?? {};
    const ids = Object.keys(times);
    if (!mark || cards < 60 || ids.length < cards) return false;
    return { inserted: mark.startTime, last: Math.max(...ids.map((k) => times[k])) };
  }), { timeoutMs: 30000, intervalMs: 100, what: "60 badges" });
  return r.last - r.inserted;
}

async function badges(b) {
  const page = await b.newPage();
  const cdp = await b.ctx.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  const awake = [];
  const asleep = [];
  await goto(page, `${ORDERS_URL}?pageSize=60&bench=1`);
  await waitBadges(page);
  for (let i = 0; i < RUNS; i++) {
    await goto(page, `${ORDERS_URL}?pageSize=60&bench=1`);
    awake.push(await waitBadges(page));
  }
  for (let i = 0; i < RUNS; i++) {
    await goto(page, "https://www.aliexpress.com/item/1.html");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await goto(page, `${ORDERS_URL}?pageSize=60&bench=1`);
    asleep.push(await waitBadges(page));
  }
  await page.close();
  return { awake_ms: spread(awake), asleep_ms: spread(asleep) };
}

async function main() {
  if (!existsSync(join(EXT, "dist", "manifest.json"))) throw new Error(`no ${EXT}/dist/manifest.json — run npm run build first`);
  cpSync(join(EXT, "dist"), DIST, { recursive: true });
  const limits = politeness();
  const site = await startFakeSite({ latencyMs: 0, count: N });
  const results = { date: new Date().toISOString(), ext: EXT, orders: N, limits, cpus: cpus().length, loadavg_at_start: loadavg().map((x) => round(x)) };
  console.log(`heavy bench: ${N} orders, ${results.cpus} CPUs, load ${results.loadavg_at_start.join(" ")}, extension ${EXT}`);
  const b = await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "bench-heavy" });
  try {
    if (!SKIP_TRACK) {
      results.trackAll = await trackAll(b, site, limits);
      console.log(`track all: ${results.trackAll.elapsed_s} s for ${results.trackAll.requests} requests (${results.trackAll.progress}); bound ${results.trackAll.bound_s} s → ${results.trackAll.ratio}×`);
    } else {
      // The account without Track all: one visit of My Orders sends every order's page reading.
      const page = await b.newPage();
      if (SEED_FILE && existsSync(SEED_FILE)) {
        // The account seeded before, put back as it was stored (the worker is stopped below, so
        // that it reads it on its next start).
        const items = JSON.parse(readFileSync(SEED_FILE, "utf8"));
        await goto(page, "https://www.aliexpress.com/item/1.html");
        const n = await b.evalBackground(async (all) => {
          await chrome.storage.local.clear();
          await chrome.storage.local.set(all);
          return Object.keys(all).filter((k) => k.startsWith("rec:")).length;
        }, items);
        console.log(`seeded from ${SEED_FILE}: ${n} records`);
      } else if (SEED_TRACKED) {
        // Every order of the account read from one My Orders page (the page facts the extension
        // stores for each), then a sample of the orders with parcels, spread over the account,
        // tracked for real: the worker asks the page to refresh them, as its periodic refresh does
        // (content script: Tracker.trackOrders in the buyer's session, at its politeness rate).
        // Pages of 500 cards ("more" clicked for each next one), as a build refuses larger questions.
        const PAGE = Math.min(N, 500);
        await goto(page, `${ORDERS_URL}?pageSize=${PAGE}`);
        for (let shown = PAGE; ; shown = Math.min(N, shown + PAGE)) {
          await poll(() => evaluate(page, (n) => document.querySelectorAll("[data-orderwatch-badge]").length >= n, shown), { timeoutMs: 300000, intervalMs: 500, what: `${shown} badges` });
          if (shown >= N) break;
          await click(page, ".order-more button");
        }
        const shipped = site.account.orders.filter((o) => (o.parcels ?? []).length > 0).map((o) => o.orderId);
        const step = Math.max(1, Math.floor(shipped.length / SEED_TRACKED));
        const sample = shipped.filter((_, i) => i % step === 0).slice(0, SEED_TRACKED);
        const t0 = Date.now();
        await b.evalBackground(async (ids) => {
          const [tab] = await chrome.tabs.query({ url: "https://www.aliexpress.com/p/order/*" });
          await chrome.tabs.sendMessage(tab.id, { type: "sw-cs-refresh", orderIds: ids });
        }, sample);
        await poll(() => b.evalBackground(async (ids) => {
          const all = await chrome.storage.local.get(ids.map((id) => `rec:${id}`));
          return Object.values(all).filter((r) => r.trackedAt || r.error).length >= ids.length;
        }, sample), { timeoutMs: 10 * 60000, intervalMs: 1000, what: `${sample.length} orders tracked` });
        console.log(`tracked ${sample.length} of the ${shipped.length} orders with parcels for real in ${Math.round((Date.now() - t0) / 1000)} s (load ${loadavg()[0].toFixed(1)})`);
        await new Promise((r) => setTimeout(r, 5000)); // Cainiao for numbers without events, then the writes
        // The other orders with parcels get the tracking of a tracked one (its parcels, method,
        // promise), keeping their own page facts.
        const copied = await b.evalBackground(async ([ids, shippedIds]) => {
          const all = await chrome.storage.local.get(null);
          const tracked = ids.map((id) => all[`rec:${id}`]).filter((r) => r?.trackedAt && (r.order.parcels ?? []).length);
          const items = {};
          let i = 0;
          for (const id of shippedIds) {
            const r = all[`rec:${id}`];
            if (!r || r.trackedAt || tracked.length === 0) continue;
            const t = tracked[i++ % tracked.length];
            const order = { ...r.order, parcels: t.order.parcels };
            if (t.order.shipping_method) order.shipping_method = t.order.shipping_method;
            if (t.order.promise) order.promise = t.order.promise;
            items[`rec:${id}`] = { ...r, order, trackedAt: t.trackedAt };
          }
          await chrome.storage.local.set(items);
          return { tracked: tracked.length, copied: Object.keys(items).length, records: Object.keys(all).filter((k) => k.startsWith("rec:")).length };
        }, [sample, shipped]);
        console.log(`seeded: ${copied.records} records read from the page; ${copied.tracked} tracked for real, ${copied.copied} more with a copy of their tracking`);
      } else {
        await goto(page, `${ORDERS_URL}?pageSize=60`);
        await poll(() => evaluate(page, () => document.querySelectorAll("[data-orderwatch-badge]").length >= 60), { timeoutMs: 60000, what: "badges" });
        // The rest of the account as copies of the 60 records read (new ids, the same tracking),
        // put straight into storage; the worker is stopped so that it reads them on its next start.
        await new Promise((r) => setTimeout(r, 3000));
        const seeded = await b.evalBackground(async (n) => {
          const all = await chrome.storage.local.get(null);
          const recs = Object.entries(all).filter(([k]) => k.startsWith("rec:")).map(([, v]) => v);
          const items = {};
          for (let i = recs.length; i < n; i++) {
            const t = recs[i % recs.length];
            const id = String(3100000000000000 + i);
            items[`rec:${id}`] = { ...t, order: { ...t.order, order_id: id } };
          }
          await chrome.storage.local.set(items);
          return recs.length + Object.keys(items).length;
        }, N);
        console.log(`seeded: ${seeded} records (60 read from the page, the rest copies of them)`);
      }
      if (SEED_FILE && !existsSync(SEED_FILE)) {
        await new Promise((r) => setTimeout(r, 3000)); // the seeding's writes
        writeFileSync(SEED_FILE, JSON.stringify(await b.evalBackground(() => chrome.storage.local.get(null))));
        console.log(`seeded storage written to ${SEED_FILE}`);
      }
      const cdp = await b.ctx.newCDPSession(page);
      await cdp.send("ServiceWorker.enable");
      await cdp.send("ServiceWorker.stopAllWorkers");
      await page.close();
    }
    await new Promise((r) => setTimeout(r, 3000)); // let the writes settle
    const st = await b.evalBackground(async () => {
      const all = await chrome.storage.local.get(null);
      const bytes = await chrome.storage.local.getBytesInUse(null);
      const recs = Object.keys(all).filter((k) => k.startsWith("rec:")).length;
      const byPrefix = {};
      for (const [k, v] of Object.entries(all)) {
        const p = k.includes(":") ? k.slice(0, k.indexOf(":") + 1) : k;
        byPrefix[p] = (byPrefix[p] ?? 0) + k.length + JSON.stringify(v).length;
      }
      return { bytes, recs, byPrefix, unlimited: (chrome.runtime.getManifest().permissions ?? []).includes("unlimitedStorage") };
    });
    results.storage = { ...st, bytes_per_order: Math.round(st.bytes / Math.max(1, st.recs)) };
    console.log(`storage: ${(st.bytes / 1e6).toFixed(2)} MB for ${st.recs} records = ${results.storage.bytes_per_order} B/order; unlimitedStorage ${st.unlimited}; by key ${JSON.stringify(st.byPrefix)}`);
    results.workerHeap = await workerHeap(b);
    console.log(`worker heap after Track all: ${JSON.stringify(results.workerHeap)}`);
    if (PARTS.has("dashboard")) {
    results.dashboard = await dashboard(b);
    console.log(`dashboard open (nav start → first row): median ${results.dashboard.open_ms.median} ms (${results.dashboard.open_ms.min}–${results.dashboard.open_ms.max}); rows in DOM ${results.dashboard.rows_in_dom}`);
    console.log(`  the opening answer: ${results.dashboard.answer_bytes} bytes of JSON; page marks (median ms from navigation): ${Object.entries(results.dashboard.marks_ms).map(([k, v]) => `${k} ${v.median}`).join(", ") || "none"}`);
    for (const [k, v] of Object.entries(results.dashboard.filter_ms)) console.log(`  filter ${k}: median ${v.median} ms (${v.min}–${v.max}) to the next frame`);
    const c = results.dashboard.cold_open_ms;
    if (c) console.log(`  worker stopped before the open: first row median ${c.median} ms (${c.min}–${c.max}); page marks (median ms from navigation): ${Object.entries(results.dashboard.cold_marks_ms).map(([k, v]) => `${k} ${v.median}`).join(", ")}`);
    const o = results.dashboard.open_row_ms;
    if (o) console.log(`  a closed row opened → its body drawn: median ${o.median} ms (${o.min}–${o.max})`);
    const ph = (xs) => xs.map((x) => (x ? Object.entries(x).map(([k, v]) => `${k} ${v}`).join(", ") : "-")).join(" | ");
    console.log(`  worker phases, ms since the question (each open): list ${ph(results.dashboard.worker_phases.list)}; head ${ph(results.dashboard.worker_phases.head ?? [])}; row body ${ph(results.dashboard.worker_phases.details)}`);
    results.workerHeapAfterDashboard = await workerHeap(b);
    console.log(`worker heap after the dashboard (all orders loaded and judged): ${JSON.stringify(results.workerHeapAfterDashboard)}`);
    }
    if (PARTS.has("badges")) {
    results.badges = await badges(b);
    console.log(`badges, ${N}-order account, 60 cards: return visit median ${results.badges.awake_ms.median} ms (${results.badges.awake_ms.min}–${results.badges.awake_ms.max}); worker stopped median ${results.badges.asleep_ms.median} ms (${results.badges.asleep_ms.min}–${results.badges.asleep_ms.max})`);
    }
  } finally {
    await b.close();
    await site.close();
  }
  results.loadavg_at_end = loadavg().map((x) => round(x));
  const dir = join(EXT, "test-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "bench-heavy.json"), JSON.stringify(results, null, 2));
  console.log(`load at end ${results.loadavg_at_end.join(" ")}; figures written to ${join(dir, "bench-heavy.json")}`);
}

const guard = setTimeout(() => { console.error("bench-heavy: exceeded 50 minutes"); process.exit(1); }, 50 * 60000);
const done = () => rmSync(resolve(DIST, ".."), { recursive: true, force: true });
main().then(() => { clearTimeout(guard); done(); process.exit(0); }, (err) => { console.error(err?.stack ?? err); done(); process.exit(1); });
