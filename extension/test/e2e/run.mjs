// End-to-end test of OrderWatch: the real built extension in headless Chromium
// and Firefox, the local HTTPS fake AliExpress under the real host names, and the real Go sync
// server on a temporary SQLite directory. Every step is a named check; the last line is
// "N passed, N failed" and the exit code is non-zero on any failure.
//
//   node test/e2e/run.mjs                 (from extension/, after `make extension`)
//   E2E_ONLY=chromium node test/e2e/run.mjs   (skip the Firefox part while developing)
//   E2E_ONLY=storefront node test/e2e/run.mjs (setup, then only the storefront steps: a second
//       fake account on www.aliexpress.us and es.aliexpress.com in a third Chromium profile,
//       strict paging, a token lost mid-run, unshipped orders, the planted receiver, then the
//       final privacy check). Any other E2E_ONLY value but "chromium" runs the steps whose
//       block name contains it (today: "storefront").

import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PII_NEEDLES, HOSTILE_TITLE, eventTemplate } from "../fakesite/data.mjs";
import { startFakeSite } from "../fakesite/server.mjs";
import { click, evaluate, extensionPages, goto, launchChromium, launchFirefox, readManifest, screenshot, waitFor } from "./lib/browsers.mjs";
import { assert, Checks, poll } from "./lib/checks.mjs";
import { buildServer, REPO, startSyncServer } from "./lib/syncserver.mjs";
import { compareWithTruth, expectVerdicts } from "./lib/truth.mjs";
import {
  readAccount, readDashboard, readProgress, setMark, setNote, setSellerContact, showAllOrders, signInOnOptions, signOutOnOptions,
  SIGNED_IN, SIGNED_OUT, syncNow, waitBadgesOnEveryCard, waitDashboardRows,
} from "./lib/ui.mjs";

const EXT = resolve(REPO, "extension");
let DIST = join(EXT, "dist");
let DIST_FF = join(EXT, "dist-firefox");
const SHOTS = join(EXT, "test-results", "screenshots");
const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";
const ONLY = process.env.E2E_ONLY ?? "";
const RUN_LIMIT_MS = Number(process.env.E2E_LIMIT_MS ?? 15 * 60 * 1000);

const checks = new Checks();
const cleanup = [];
const t0 = Date.now();
const ctx = { browsers: [] }; // shared state between steps

function politeness() {
  const src = readFileSync(join(EXT, "src/shared/politeness.ts"), "utf8");
  const num = (name) => Number((src.match(new RegExp(`export const ${name}\\s*=\\s*([\\d_]+)`)) ?? [])[1]?.replace(/_/g, ""));
  return { concurrency: num("MAX_CONCURRENCY"), perSecond: num("MAX_REQUESTS_PER_SECOND") };
}

/** The tracker's bound on re-signed retries after a token error (src/content/tracker.ts). */
const MAX_TOKEN_RETRIES = Number(/export const MAX_TOKEN_RETRIES\s*=\s*(\d+)/.exec(readFileSync(join(EXT, "src/content/tracker.ts"), "utf8"))?.[1]);

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "orderwatch-e2e-"));
  cleanup.push(() => rmSync(work, { recursive: true, force: true }));

  // ---- setup ----
  const site = await checks.step("setup: fake AliExpress serves over HTTPS", async () => {
    const s = await startFakeSite({ latencyMs: 0 });
    cleanup.push(() => s.close());
    return s;
  });
  if (!site) return;
  ctx.site = site;
  const nowMs = site.account.now;
  const situations = Object.fromEntries(site.account.orders.map((o) => [o.orderId, o.situation]));
  const allIds = site.account.orders.map((o) => o.orderId);
  const truth = site.groundTruth();
  /** The core's verdicts on the ground truth with the buyer's marks as a browser shows them. */
  const expectWithMarks = (rows) => expectVerdicts(bin, truth.map((o) => {
    const m = rows[o.order_id]?.marks ?? {};
    const buyer = { ...(o.buyer ?? {}) };
    if (m.received === true || m.received === false) buyer.received = m.received;
    if (m.dispute_opened === true) buyer.dispute_opened = true;
    return Object.keys(buyer).length ? { ...o, buyer } : o;
  }), nowMs);

  const bin = await checks.step("setup: go build the orderwatch binary", () => buildServer(work), { timeoutMs: 300000 });
  const server = bin && await checks.step("setup: real Go sync server on a temp SQLite dir", async () => {
    const s = await startSyncServer({ bin, workDir: work });
    cleanup.push(() => s.stop());
    return s;
  }, { timeoutMs: 40000 });
  ctx.server = server;

  await checks.step("setup: extension builds exist (dist, dist-firefox)", () => {
    assert(existsSync(join(DIST, "manifest.json")), `no ${DIST}/manifest.json — run make extension`);
    if (ONLY !== "chromium") assert(existsSync(join(DIST_FF, "manifest.json")), `no ${DIST_FF}/manifest.json`);
    return `pages: ${JSON.stringify(extensionPages(DIST))}`;
  });
  if (!checks.passed("setup: extension builds exist (dist, dist-firefox)")) return;
  // Load a snapshot: the shared checkout may rebuild dist/ while the run is going.
  DIST = join(work, "dist");
  cpSync(join(EXT, "dist"), DIST, { recursive: true });
  if (existsSync(join(EXT, "dist-firefox"))) {
    DIST_FF = join(work, "dist-firefox");
    cpSync(join(EXT, "dist-firefox"), DIST_FF, { recursive: true });
  }
  const pages = extensionPages(DIST);
  const limits = politeness();

  const expected = bin && await checks.step("setup: the core judges the fake account's ground truth", async () => {
    const e = await expectVerdicts(bin, truth, nowMs);
    const counts = {};
    for (const v of Object.values(e)) counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
    return Object.assign(e, { toString: () => JSON.stringify(counts) });
  });

  if (!ONLY || ONLY === "i18n") await (await import("./steps/i18n.mjs")).i18nSteps({ checks, site, server, DIST, EXT, cleanup, browsers: ctx.browsers }); // languages, RTL, axe-core, screenshots
  if (!ONLY || ONLY === "evidence") await (await import("./steps/evidence.mjs")).evidenceSteps({ checks, site, server, DIST, DIST_FF, EXT, cleanup, browsers: ctx.browsers }); // evidence pack saved, opened, with screenshots and timeline
  if (!ONLY || ONLY === "heavy") await (await import("./steps/heavy.mjs")).heavySteps({ checks, site, DIST, cleanup, browsers: ctx.browsers }); // badges at first sight: provisional badges, badges from storage with the worker stopped, 2,000 orders on the dashboard
  if (!ONLY || ONLY === "apierrors") await (await import("./steps/apierrors.mjs")).apiErrorSteps({ checks, site, server, DIST, cleanup, browsers: ctx.browsers }); // the server's errors as a sentence in the buyer's language
  if (ONLY && ONLY !== "chromium") {
    if ("storefront".includes(ONLY) || ONLY.includes("storefront")) await storefrontSteps({ bin, server, pages });
    return finish();
  }

  // ---- Chromium, profile 1 ----
  const chA = await checks.step("chromium A: launches with the extension's service worker", async () => {
    const b = await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-A" });
    cleanup.push(() => b.close());
    ctx.browsers.push(b);
    return b;
  });
  if (!chA) return;

  const pageA = await chA.newPage();
  const firstPage = site.account.orders.slice(0, 10).map((o) => o.orderId);
  await checks.step("chromium A: My Orders shows a well-formed badge on every card", async () => {
    await goto(pageA, ORDERS_URL);
    const { cards } = await waitBadgesOnEveryCard(pageA, 10, "badges on 10 cards");
    assert(JSON.stringify(cards) === JSON.stringify(firstPage), `cards ${cards} differ from the first page`);
    await screenshot(pageA, join(SHOTS, "chromium-badges.png"));
    return `${cards.length} cards, ${cards.length} badges`;
  });

  await checks.step("chromium A: cards added by 'View orders' and status tabs get badges", async () => {
    // All pages, so the hostile card is on screen too.
    for (let i = 0; i < 10; i++) {
      const more = await evaluate(pageA, () => { const m = document.querySelector(".order-more"); return m && !m.hidden; });
      if (!more) break;
      const before = (await evaluate(pageA, () => document.querySelectorAll("div.order-item").length));
      await click(pageA, ".order-more button.comet-btn");
      await waitFor(pageA, (n) => document.querySelectorAll("div.order-item").length > n, before, { what: "more cards" });
    }
    const { cards } = await waitBadgesOnEveryCard(pageA, allIds.length, `badges on all ${allIds.length} cards`);
    await evaluate(pageA, () => document.querySelector("div.comet-tabs-nav-item[data-tab='shipped']").click());
    const shipped = site.account.orders.filter((o) => o.statusText === "Awaiting delivery").slice(0, 10).map((o) => o.orderId);
    await poll(async () => {
      const r = await waitBadgesOnEveryCard(pageA, shipped.length, "badges on the Shipped tab");
      return JSON.stringify(r.cards) === JSON.stringify(shipped);
    }, { timeoutMs: 15000, what: "Shipped tab cards with badges" });
    await evaluate(pageA, () => document.querySelector("div.comet-tabs-nav-item[data-tab='all']").click());
    await waitBadgesOnEveryCard(pageA, 10, "badges after returning to View all");
    return `${cards.length} cards over all pages; Shipped tab re-rendered with badges`;
  });

  await checks.step("chromium A: a hostile item title renders as text on the page", async () => {
    const hostile = site.account.orders.find((o) => o.items.some((it) => it.title === HOSTILE_TITLE));
    assert(hostile, "fake account has no hostile title");
    await goto(pageA, ORDERS_URL + "?pageSize=60");
    await waitBadgesOnEveryCard(pageA, allIds.length, "badges on the 60-card page");
    const r = await evaluate(pageA, (id) => ({
      pwned: window.__owPwned === 1 || document.title === "pwned",
      imgs: document.querySelectorAll("img[src='x'], img[src$='/x']").length,
      badgeText: document.querySelector(`[data-orderwatch-badge][data-order-id='${id}']`)?.textContent ?? null,
    }), hostile.orderId);
    assert(!r.pwned, "a handler from the hostile title ran");
    assert(r.imgs === 0, `${r.imgs} <img src=x> elements were created from page text`);
    assert(r.badgeText !== null, "the hostile order has no badge");
    return `order ${hostile.orderId}: no script ran, no element injected`;
  });

  await checks.step("chromium A: 'Track all' runs to completion with a visible progress", async () => {
    await goto(pageA, ORDERS_URL);
    await waitBadgesOnEveryCard(pageA, 10, "badges before Track all");
    site.resetStats();
    site.expireTokens(); // the first mtop call must take the FAIL_SYS_TOKEN_EXOIRED path
    const tStart = Date.now();
    await waitFor(pageA, () => !!document.querySelector("[data-orderwatch-track-all]"), null, { what: "Track all button" });
    await click(pageA, "[data-orderwatch-track-all]");
    let seenRunning = false;
    const final = await poll(async () => {
      const p = await readProgress(pageA);
      if (!p) return false;
      if (p.done < p.total) seenRunning = true;
      return p.total >= allIds.length && p.done === p.total ? p : false;
    }, { timeoutMs: 180000, intervalMs: 300, what: "progress done/total" });
    ctx.trackMs = Date.now() - tStart;
    assert(new RegExp(`\\b${final.done}\\s*/\\s*${final.total}\\b`).test(final.text), `progress text "${final.text}" does not show done/total`);
    await screenshot(pageA, join(SHOTS, "chromium-track-all-done.png"));
    // Badges of parcels on their way, for the README.
    await evaluate(pageA, () => document.querySelector("div.comet-tabs-nav-item[data-tab='shipped']").click());
    await waitBadgesOnEveryCard(pageA, 10, "badges on the Shipped tab");
    await new Promise((r) => setTimeout(r, 500));
    await screenshot(pageA, join(SHOTS, "chromium-badges-shipped.png"));
    return `${final.text} in ${(ctx.trackMs / 1000).toFixed(1)} s (progress seen running: ${seenRunning})`;
  }, { timeoutMs: 200000 });

  await checks.step("chromium A: after a status tab re-renders the cards, no stale 'no orders' notice stays", async () => {
    // The Track-all step left the page on the Shipped tab, whose cards came back after the list was emptied.
    const n = await poll(() => evaluate(pageA, () => {
      const cards = document.querySelectorAll("div.order-item").length;
      const el = document.querySelector("[data-orderwatch-notice]");
      return cards > 0 ? { cards, shown: !!el && !el.hidden, state: el?.getAttribute("data-state") ?? null, text: (el?.textContent ?? "").trim() } : false;
    }), { timeoutMs: 10000, what: "cards on the Shipped tab" });
    await new Promise((r) => setTimeout(r, 1000));
    const again = await evaluate(pageA, () => { const el = document.querySelector("[data-orderwatch-notice]"); return { shown: !!el && !el.hidden, state: el?.getAttribute("data-state") ?? null, text: (el?.textContent ?? "").trim() }; });
    assert(!(again.shown && again.state === "empty"), `${n.cards} cards on screen, yet the panel says "${again.text}" (state ${again.state})`);
    return `${n.cards} cards, notice ${again.shown ? `"${again.text}"` : "hidden"}`;
  }, { needs: ["chromium A: 'Track all' runs to completion with a visible progress"], timeoutMs: 30000 });

  await checks.step("chromium A: mtop calls are signed, refresh the expired token, and respect the rate limit", async () => {
    const api = site.requests.filter((r) => r.host === "acs.aliexpress.com" && r.method !== "OPTIONS");
    const cn = site.requests.filter((r) => r.host === "global.cainiao.com");
    assert(api.length > 0, "no mtop request reached the fake site");
    const bad = api.filter((r) => r.badSign);
    assert(bad.length === 0, `${bad.length} mtop requests with a wrong signature`);
    const expiredIdx = api.findIndex((r) => r.ret?.startsWith("FAIL_SYS_TOKEN_EXOIRED"));
    assert(expiredIdx >= 0, "the expired token was never presented (expected one FAIL_SYS_TOKEN_EXOIRED)");
    assert(api.slice(expiredIdx + 1).some((r) => r.ret?.startsWith("SUCCESS")), "no successful call after the token expired");
    const detail = new Set(api.filter((r) => r.api === "mtop.ae.ld.querydetail" && r.ret?.startsWith("SUCCESS")).map((r) => String(r.orderId)));
    const missing = allIds.filter((id) => !detail.has(id) && !["awaiting_payment", "cancelled"].includes(situations[id]));
    assert(missing.length === 0, `no tracking fetched for ${missing.length} orders, e.g. ${missing.slice(0, 3).map((id) => `${id} (${situations[id]})`)}`);
    // Politeness: concurrency and starts per second, as the server saw them.
    const reqs = [...api, ...cn].sort((a, b) => a.t - b.t);
    let maxConc = 0;
    for (const r of reqs) maxConc = Math.max(maxConc, reqs.filter((o) => o.t <= r.t && o.end > r.t).length);
    let maxWin = 0;
    let worst = [];
    for (let i = 0; i < reqs.length; i++) {
      let j = i;
      // The limiter counts starts in the page; the server sees them after the page's own event
      // loop and the network, so 150 ms of slack is allowed at the window's edge.
      while (j < reqs.length && reqs[j].t - reqs[i].t < 850) j++;
      if (j - i > maxWin) { maxWin = j - i; worst = reqs.slice(i, j); }
    }
    const show = (list) => list.map((r) => `+${r.t - reqs[0].t}ms ${r.host === "global.cainiao.com" ? "cainiao" : r.api} ${r.orderId ?? r.mailNos ?? ""} ${r.ret ?? r.status}`).join("\n");
    const perApi = {};
    for (const r of reqs) { const k = r.host === "global.cainiao.com" ? "cainiao" : r.api; perApi[k] = (perApi[k] ?? 0) + 1; }
    // Over the whole run: a sliding-window limiter allows at most r·(⌊span⌋+1) starts.
    const spanS = (reqs.at(-1).t - reqs[0].t) / 1000;
    const allowed = limits.perSecond * (Math.floor(spanS) + 1);
    assert(maxConc <= limits.concurrency, `${maxConc} requests in flight at once (limit ${limits.concurrency})`);
    assert(reqs.length <= allowed, `${reqs.length} requests in ${spanS.toFixed(2)} s; a limit of ${limits.perSecond}/s allows ${allowed}`);
    assert(maxWin <= limits.perSecond, `${maxWin} requests started within one second (limit ${limits.perSecond}):\n${show(worst)}\nper API: ${JSON.stringify(perApi)}`);
    return `${JSON.stringify(perApi)}; max ${maxConc} in flight, max ${maxWin} starts/s (limits ${limits.concurrency}, ${limits.perSecond})`;
  });

  let dashA;
  await checks.step("chromium A: the dashboard lists every order with the core's status and verdict", async () => {
    assert(expected, "no expectations from the core");
    dashA = await chA.openExtensionPage(pages.dashboard);
    const rows = await waitDashboardRows(dashA, allIds, "dashboard rows for all orders");
    const bad = compareWithTruth(rows, Object.fromEntries(Object.entries(expected)), situations);
    await screenshot(dashA, join(SHOTS, "chromium-dashboard.png"), { fullPage: false });
    // One order opened, with its advice, for the README.
    const heldId = site.account.orders.find((o) => o.situation === "customs_held")?.orderId;
    await evaluate(dashA, (id) => { const d = document.querySelector(`details[data-orderwatch-order="${id}"]`); if (d) { d.open = true; d.scrollIntoView(); } }, heldId);
    await screenshot(dashA, join(SHOTS, "chromium-dashboard-advice.png"));
    assert(bad.length === 0, `${bad.length} of ${allIds.length} orders differ:\n${bad.join("\n")}`);
    return `${Object.keys(rows).length} rows, all match`;
  }, { timeoutMs: 90000 });

  await checks.step("chromium A: the hostile title is text in the dashboard", async () => {
    assert(dashA, "no dashboard");
    const hostile = site.account.orders.find((o) => o.items.some((it) => it.title === HOSTILE_TITLE));
    const r = await evaluate(dashA, (id) => ({
      imgs: document.querySelectorAll("img[src='x'], img[src$='/x']").length,
      pwned: window.__owPwned === 1,
      row: document.querySelector(`[data-orderwatch-order="${id}"]`)?.textContent ?? "",
    }), hostile.orderId);
    assert(!r.pwned && r.imgs === 0, "markup from the title was interpreted");
    return r.row.includes("<img") ? "title shown literally" : "title not shown in the row (but not interpreted)";
  }, { needs: ["chromium A: the dashboard lists every order with the core's status and verdict"] });

  await checks.step("chromium A: the popup lists every order, needs-action first, as the dashboard does, and opens the full dashboard", async () => {
    assert(dashA, "no dashboard");
    const popup = await chA.openExtensionPage(pages.popup);
    try {
      const rows = await waitDashboardRows(popup, allIds, "popup rows for all orders");
      const dash = await readDashboard(dashA);
      const diff = allIds.filter((id) => rows[id].status !== dash[id]?.status || rows[id].verdict !== dash[id]?.verdict);
      assert(diff.length === 0, `the popup differs from the dashboard on ${diff.length} orders, e.g. ${diff.slice(0, 3).map((id) => `${id}: popup ${rows[id].status}/${rows[id].verdict}, dashboard ${dash[id]?.status}/${dash[id]?.verdict}`).join("; ")}`);
      const bad = compareWithTruth(rows, expected, situations);
      assert(bad.length === 0, `the popup differs from the core on ${bad.length} orders:\n${bad.slice(0, 5).join("\n")}`);
      const listed = await evaluate(popup, () => [...document.querySelectorAll("[data-orderwatch-list] [data-orderwatch-order]")].map((r) => ({
        id: r.getAttribute("data-orderwatch-order"), verdict: r.getAttribute("data-verdict"), archived: r.getAttribute("data-archived") === "true" })));
      const rank = { act: 0, watch: 1, normal: 2 };
      const live = listed.filter((r) => !r.archived);
      assert(live.some((r) => r.verdict === "act") && live.some((r) => r.verdict !== "act"), "the account has no mix of needs-action and other orders: the order check would prove nothing");
      const misplaced = live.findIndex((r, i) => i > 0 && rank[r.verdict] < rank[live[i - 1].verdict]);
      assert(misplaced < 0, `needs-action orders are not first: ${live[misplaced]?.id} (${live[misplaced]?.verdict}) comes after ${live[misplaced - 1]?.id} (${live[misplaced - 1]?.verdict})`);
      assert(listed.findIndex((r) => r.archived) < 0 || listed.slice(listed.findIndex((r) => r.archived)).every((r) => r.archived), "an archived order is listed before a live one");
      await screenshot(popup, join(SHOTS, "chromium-popup.png"), { fullPage: false });
      assert(await evaluate(popup, () => !!document.querySelector("[data-orderwatch-open-dashboard]")), "the popup has no button to the full dashboard (data-orderwatch-open-dashboard)");
      const [opened] = await Promise.all([
        chA.ctx.waitForEvent("page", { predicate: (p) => p.url().endsWith("/dashboard.html") || p.url() === "about:blank", timeout: 15000 }),
        click(popup, "[data-orderwatch-open-dashboard]"),
      ]);
      await poll(() => opened.url() === chA.extensionUrl(pages.dashboard), { timeoutMs: 15000, what: `the opened tab is the dashboard (it is ${opened.url()})` });
      await waitDashboardRows(opened, allIds.slice(0, 1), "the opened dashboard draws its rows");
      await opened.close();
      const acts = live.filter((r) => r.verdict === "act").length;
      return `${listed.length} orders, ${acts} needing action first; same status/verdict as the dashboard; the dashboard button opens ${pages.dashboard}`;
    } finally {
      await popup.close().catch(() => {});
    }
  }, { needs: ["chromium A: the dashboard lists every order with the core's status and verdict"], timeoutMs: 90000 });

  await checks.step("chromium A: the refresh alarm fetches Cainiao without an AliExpress tab and notifies a delivery once", async () => {
    // A parcel out for delivery gets delivered at the carrier; the worker learns it only from
    // Cainiao, the refresh fired through the extension's own alarm, and must tell the buyer
    // exactly once, and not again on the next refresh.
    const alarmName = (readFileSync(join(EXT, "src/background/index.ts"), "utf8").match(/const REFRESH_ALARM\s*=\s*"([^"]+)"/) ?? [])[1];
    assert(alarmName, "no REFRESH_ALARM constant in src/background/index.ts");
    const nextKey = { delivering: "signed", esOut: "esDeliver", ptOut: "ptDeliver" };
    const target = site.account.orders.find((o) => o.situation === "out_for_delivery" && o.parcels.length === 1 && nextKey[o.parcels[0].events.at(-1)?.key]);
    assert(target, "the fake account has no single-parcel order out for delivery");
    const id = target.orderId;
    const number = target.parcels[0].mailNo;
    const before = await chA.evalBackground(async (k) => (await chrome.storage.local.get(["lastStatus", k])), `rec:${id}`);
    assert(before[`rec:${id}`], `order ${id} is not in the worker's state`);
    const oldStatus = before.lastStatus?.[id];
    // No AliExpress tab: the worker must fall back to Cainiao.
    for (const p of chA.ctx.pages()) if (/^https:\/\/www\.aliexpress\.com\//.test(p.url())) await p.goto("about:blank");
    await chA.evalBackground(() => {
      if (!globalThis.__owNotes) {
        globalThis.__owNotes = [];
        const orig = chrome.notifications.create.bind(chrome.notifications);
        chrome.notifications.create = (...args) => {
          globalThis.__owNotes.push({ id: typeof args[0] === "string" ? args[0] : null, title: (typeof args[0] === "string" ? args[1] : args[0])?.title ?? "" });
          return orig(...args);
        };
      }
      globalThis.__owNotes.length = 0;
    });
    const notes = () => chA.evalBackground(() => globalThis.__owNotes.slice());
    const fireAlarm = () => chA.evalBackground(async (name) => {
      const a = await chrome.alarms.get(name);
      // Fires soon, keeping the extension's own period for afterwards.
      await chrome.alarms.create(name, a?.periodInMinutes ? { when: Date.now() + 200, periodInMinutes: a.periodInMinutes } : { when: Date.now() + 200 });
      return !!a;
    }, alarmName);
    const quiet = async (what) => {
      // The run is over when Cainiao requests have stopped coming and all have been answered.
      let n = -1;
      let since = Date.now();
      await poll(() => {
        const cn = site.requests.filter((r) => r.host === "global.cainiao.com");
        if (cn.length !== n || cn.some((r) => !r.end)) { n = cn.length; since = Date.now(); }
        return n > 0 && Date.now() - since > 3000;
      }, { timeoutMs: 90000, intervalMs: 250, what });
      return site.requests.filter((r) => r.host === "global.cainiao.com");
    };

    // A first refresh with nothing new: notices the extension holds back during the first
    // "Track all" (verdicts already known) may come now; no status has changed, so none may say one did.
    site.resetStats();
    assert(await fireAlarm(), `the extension has no "${alarmName}" alarm`);
    const cn0 = await quiet("Cainiao requests after the first alarm");
    await new Promise((r) => setTimeout(r, 1500));
    const baseline = await notes();
    const statusNotes = baseline.filter((n) => n.id?.startsWith("status:"));
    assert(statusNotes.length === 0, `a refresh with no carrier news notified status changes: ${JSON.stringify(statusNotes)}`);
    const stillOld = (await chA.evalBackground(async () => (await chrome.storage.local.get("lastStatus")).lastStatus ?? {}))[id];
    assert(stillOld === oldStatus, `the status of ${id} changed from ${oldStatus} to ${stillOld} with no carrier news`);

    const ev = nextKey[target.parcels[0].events.at(-1).key];
    site.addParcelEvent(id, ev, nowMs - 30 * 60000);
    const i = truth.findIndex((o) => o.order_id === id);
    truth[i] = site.groundTruth().find((o) => o.order_id === id);
    const want = (await expectVerdicts(bin, [truth[i]], nowMs))[id];
    assert(want.status !== oldStatus, `the core's status for ${id} did not change (${oldStatus}): the step would prove nothing`);
    if (expected) expected[id] = want;

    site.resetStats();
    await fireAlarm();
    const cn = await quiet("Cainiao requests after the alarm");
    const state = await poll(async () => {
      const s = await chA.evalBackground(async (k) => (await chrome.storage.local.get(["lastStatus", k])), `rec:${id}`);
      return s.lastStatus?.[id] !== oldStatus ? s : false;
    }, { timeoutMs: 30000, what: `a new status for ${id} in the worker's state` });
    await new Promise((r) => setTimeout(r, 1500)); // notifications come after the state is written
    const first = (await notes()).slice(baseline.length);

    assert(cn.some((r) => r.mailNos?.includes(number)), `Cainiao was never asked for ${number}`);
    assert(!site.requests.some((r) => r.host === "acs.aliexpress.com" || r.host === "www.aliexpress.com"), "the refresh went to AliExpress instead of Cainiao");
    const bad = cn.filter((r) => r.status !== 200);
    assert(bad.length === 0, `${bad.length} Cainiao requests failed, e.g. ${bad[0]?.status}`);
    let maxConc = 0;
    let maxWin = 0;
    for (const [k, r] of cn.entries()) {
      maxConc = Math.max(maxConc, cn.filter((o) => o.t <= r.t && o.end > r.t).length);
      maxWin = Math.max(maxWin, cn.slice(k).filter((o) => o.t - r.t < 850).length);
    }
    assert(maxConc <= limits.concurrency, `${maxConc} Cainiao requests in flight at once (limit ${limits.concurrency})`);
    assert(maxWin <= limits.perSecond, `${maxWin} Cainiao requests started within one second (limit ${limits.perSecond})`);
    const rec = state[`rec:${id}`];
    const events = (rec?.order?.parcels ?? []).flatMap((p) => p.events ?? []);
    assert(events.length === truth[i].parcels[0].events.length, `the worker holds ${events.length} events for ${id}, the carrier reported ${truth[i].parcels[0].events.length}`);
    assert(state.lastStatus[id] === want.status, `the worker's status for ${id} is ${state.lastStatus[id]}, the core says ${want.status} (was ${oldStatus})`);
    const mine = first.filter((n) => n.id?.includes(`:${id}:`));
    assert(first.length === 1 && mine.length === 1, `${first.length} notifications for one change, want 1: ${JSON.stringify(first)}`);
    assert(mine[0].id === `status:${id}:${want.status}`, `notification ${JSON.stringify(mine[0])}, want status:${id}:${want.status}`);

    // The same news again must not notify again.
    site.resetStats();
    await fireAlarm();
    const cn2 = await quiet("Cainiao requests after the second alarm");
    await new Promise((r) => setTimeout(r, 1500));
    const again = (await notes()).slice(baseline.length + first.length);
    assert(again.length === 0, `the second refresh notified again: ${JSON.stringify(again)}`);
    return `${oldStatus} → ${want.status} (${want.verdict}) for ${id} via ${cn.length} Cainiao requests (max ${maxConc} in flight, ${maxWin}/s); one notification "${mine[0].title}"; refresh again: ${cn2.length} requests, no new notification; the refresh before the change (${cn0.length} requests) showed ${baseline.length} held-back notices ${JSON.stringify(baseline.map((n) => n.id))}`;
  }, { needs: ["chromium A: 'Track all' runs to completion with a visible progress"], timeoutMs: 240000 });

  const pageVariant = async (flag, state) => {
    const p = await chA.newPage();
    try {
      await goto(p, `${ORDERS_URL}?${flag}`);
      // The extension may wait a grace period before calling a layout unknown.
      let last = null;
      const n = await poll(async () => {
        last = await evaluate(p, () => {
          const el = document.querySelector("[data-orderwatch-notice]");
          return el && !el.hidden ? { state: el.getAttribute("data-state"), text: (el.textContent || "").trim() } : null;
        });
        return last?.state === state && last.text ? last : false;
      }, { timeoutMs: 20000, what: `page notice for ${flag}` }).catch(() => {
        throw new Error(`page notice for ?${flag} is ${JSON.stringify(last)}, want state ${state}`);
      });
      const badges = await evaluate(p, () => document.querySelectorAll("[data-orderwatch-badge]").length);
      assert(badges === 0, `${badges} badges drawn on a page that was not read`);
      if (dashA) {
        await poll(() => evaluate(dashA, (st) => document.querySelector(`[data-orderwatch-page-notice][data-state="${st}"]`)?.textContent ?? false, state),
          { timeoutMs: 15000, what: `dashboard notice ${state}` });
      }
      await screenshot(p, join(SHOTS, `chromium-page-${state}.png`));
      return `page and dashboard say: "${n.text.slice(0, 70)}"`;
    } finally {
      await p.close();
    }
  };
  await checks.step("chromium A: a captcha page is said clearly, in the page and the dashboard", () => pageVariant("captcha=1", "captcha"), { timeoutMs: 50000 });
  await checks.step("chromium A: an unrecognised layout (cards renamed) is said clearly, in the page and the dashboard", () => pageVariant("layout=unknown", "unknown_layout"), { timeoutMs: 50000 });

  // ---- sync: sign up in Chromium A ----
  const email = `buyer-${Date.now()}@example.test`;
  let password = "correct horse battery staple 42";
  ctx.email = email;
  let optA;
  const serverUrl = server?.url;
  await checks.step("chromium A: signs up on the options page against the real server", async () => {
    assert(serverUrl, "no sync server");
    optA = await chA.openExtensionPage(pages.options);
    const a = await signInOnOptions(optA, { server: serverUrl, email, password, signUp: true });
    return a.text;
  });

  const recvId = site.account.orders.find((o) => o.situation === "delivered_not_received")?.orderId;
  const noteId = site.account.orders.find((o) => o.situation === "customs_held")?.orderId;
  const NOTE1 = "Asked the seller about customs duties on " + new Date(nowMs).toISOString().slice(0, 10);
  await checks.step("chromium A: marks one order received and writes a note on another", async () => {
    assert(dashA, "no dashboard");
    await setMark(dashA, recvId, "received", true);
    await setNote(dashA, noteId, NOTE1);
    await syncNow(dashA);
    return `received on ${recvId}, note on ${noteId}`;
  }, { needs: ["chromium A: signs up on the options page against the real server"] });

  // The buyer wrote to the seller 20 days ago about an order still on its way, with no answer
  // (the second in-transit order: the offline steps edit the first):
  // the core's "seller not responding" advice must now show, and the fact must sync.
  const sellerId = site.account.orders.filter((o) => o.situation === "in_transit")[1]?.orderId;
  const ASKED_DAY = new Date(nowMs - 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const SELLER_STEP = "chromium A: 'I messaged the seller' 20 days ago, no reply, brings the core's seller-not-responding advice";
  let sellerWant;
  await checks.step(SELLER_STEP, async () => {
    assert(dashA && sellerId, "no dashboard, or no second in-transit order");
    const i = truth.findIndex((o) => o.order_id === sellerId);
    const before = (await waitDashboardRows(dashA, [sellerId], "the order's row"))[sellerId];
    assert(before.seller && before.seller.askedAt === null && before.seller.replied === false, `the order's seller contact form is missing or not empty: ${JSON.stringify(before.seller)}`);
    assert(!before.advice.includes("seller_not_responding"), `seller-not-responding advice before anything was said: ${before.advice}`);
    const withContact = { ...truth[i], buyer: { ...(truth[i].buyer ?? {}), seller_asked_at: `${ASKED_DAY}T00:00:00Z`, seller_replied: false } };
    const want = (await expectVerdicts(bin, [withContact], nowMs))[sellerId];
    const wantAdvice = (want.raw.advice ?? []).map((a) => a.situation);
    assert(wantAdvice.includes("seller_not_responding"), `the core gives ${sellerId} no seller-not-responding advice (${wantAdvice}): the step would prove nothing`);
    await setSellerContact(dashA, sellerId, ASKED_DAY, false);
    truth[i] = withContact;
    if (expected) expected[sellerId] = want;
    sellerWant = want;
    const row = await poll(async () => {
      await showAllOrders(dashA);
      const r = (await readDashboard(dashA))[sellerId];
      return r && r.advice.join() === wantAdvice.join() && r.status === want.status && r.verdict === want.verdict && r.seller?.askedAt === ASKED_DAY && r.seller.replied === false ? r : false;
    }, { timeoutMs: 20000, intervalMs: 500, what: `dashboard row ${sellerId} with the core's advice ${wantAdvice} and ${want.status}/${want.verdict}` });
    const reason = await evaluate(dashA, (id) => document.querySelector(`[data-orderwatch-order="${id}"] [data-advice="seller_not_responding"] h2`)?.textContent ?? "", sellerId);
    assert(reason === want.raw.advice.find((a) => a.situation === "seller_not_responding").title, `advice title "${reason}" is not the core's`);
    await evaluate(dashA, (id) => { const d = document.querySelector(`details[data-orderwatch-order="${id}"]`); if (d) { d.open = true; d.querySelector("[data-seller-contact]")?.scrollIntoView(); } }, sellerId);
    await screenshot(dashA, join(SHOTS, "chromium-seller-contact.png"), { fullPage: false });
    await syncNow(dashA);
    return `${sellerId}: ${before.status}/${before.verdict} → ${row.status}/${row.verdict}; advice ${row.advice.join(", ")} ("${reason}")`;
  }, { needs: ["chromium A: signs up on the options page against the real server"], timeoutMs: 60000 });

  // The test's own session on the server (a third "device"), reused to stay under the auth rate limit.
  let apiAccess = null;
  const apiToken = async (fresh = false) => {
    if (apiAccess && !fresh) return apiAccess;
    const r = await fetch(`${server.upstream}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    const text = await r.text();
    assert(r.ok, `login via API: ${r.status} ${text}`);
    apiAccess = JSON.parse(text).access_token;
    return apiAccess;
  };
  const serverRows = async () => {
    let r = await fetch(`${server.upstream}/api/v1/orders`, { headers: { authorization: `Bearer ${await apiToken()}` } });
    if (r.status === 401) r = await fetch(`${server.upstream}/api/v1/orders`, { headers: { authorization: `Bearer ${await apiToken(true)}` } });
    assert(r.ok, `GET /api/v1/orders: ${r.status}`);
    const j = await r.json();
    const list = j.orders ?? [];
    return Object.fromEntries(list.map((row) => [row.order_id, row]));
  };

  await checks.step("server: holds every order with the marks, the note and the core's derived status", async () => {
    const rows = await poll(async () => {
      const r = await serverRows();
      // The buyer's seller contact changes the core's judgement of that order (truth has it).
      const sellerSynced = !checks.passed(SELLER_STEP) || String(r[sellerId]?.data?.order?.buyer?.seller_asked_at ?? "").startsWith(ASKED_DAY);
      if (!sellerSynced) await syncNow(dashA);
      return Object.keys(r).length >= allIds.length && r[recvId]?.data?.marks?.received === true && r[noteId]?.data?.note === NOTE1 && sellerSynced ? r : false;
    }, { timeoutMs: 30000, intervalMs: 1000, what: "server rows with mark, note and seller contact" });
    const want = await expectVerdicts(bin, truth.map((o) => (o.order_id === recvId ? { ...o, buyer: { ...(o.buyer ?? {}), received: true } } : o)), nowMs);
    const derivedRows = Object.fromEntries(Object.entries(rows).map(([id, r]) => [id, { status: r.derived?.status, verdict: r.derived?.verdict }]));
    const bad = compareWithTruth(derivedRows, want, situations);
    assert(bad.length === 0, `server derived fields differ for ${bad.length} orders:\n${bad.slice(0, 10).join("\n")}`);
    return `${Object.keys(rows).length} rows on the server`;
  }, { needs: ["chromium A: marks one order received and writes a note on another"], timeoutMs: 60000 });

  await checks.step("server: holds the buyer's seller contact in the synced order and judges it with the core", async () => {
    const row = await poll(async () => {
      const r = (await serverRows())[sellerId];
      const b = r?.data?.order?.buyer;
      // seller_replied false is the order JSON's default, so it may be absent.
      if (b && String(b.seller_asked_at ?? "").slice(0, 10) === ASKED_DAY && b.seller_replied !== true) return r;
      // A sync already running when the buyer saved does not carry the change: ask again.
      await syncNow(dashA);
      return false;
    }, { timeoutMs: 30000, intervalMs: 1000, what: `server row ${sellerId} with buyer.seller_asked_at ${ASKED_DAY}` }).catch(async (err) => {
      const st = await chA.evalBackground(async (k) => {
        const s = await chrome.storage.local.get(["queue", "settings", k]);
        return { queue: (s.queue ?? []).filter((m) => m.order_id === k.slice(4)).map((m) => ({ base: m.base_version, sent: m.sent, fields: Object.keys(m.data ?? {}) })), lastSyncError: s.settings?.lastSyncError, version: s[k]?.version, buyer: s[k]?.order?.buyer };
      }, `rec:${sellerId}`).catch((e) => e.message);
      throw new Error(`${err.message}; chromium A holds ${JSON.stringify(st)}`);
    });
    assert(Date.parse(row.data.order.buyer.seller_asked_at) === Date.parse(`${ASKED_DAY}T00:00:00Z`), `seller_asked_at on the server is ${row.data.order.buyer.seller_asked_at}`);
    assert(row.data.order.buyer.city === undefined, "the buyer's city reached the server");
    assert(row.derived?.verdict === sellerWant.verdict && row.derived?.status === sellerWant.status, `server derived ${row.derived?.status}/${row.derived?.verdict}, core says ${sellerWant.status}/${sellerWant.verdict}`);
    return `buyer ${JSON.stringify(row.data.order.buyer)}; derived ${row.derived.status}/${row.derived.verdict}`;
  }, { needs: [SELLER_STEP], timeoutMs: 60000 });

  // ---- Chromium, profile 2 ----
  let chB, dashB, optB;
  await checks.step("chromium B: a second profile signs in and shows the same orders, marks and note", async () => {
    chB = await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-B" });
    cleanup.push(() => chB.close());
    ctx.browsers.push(chB);
    optB = await chB.openExtensionPage(pages.options);
    await signInOnOptions(optB, { server: serverUrl, email, password, signUp: false });
    dashB = await chB.openExtensionPage(pages.dashboard);
    await syncNow(dashB);
    const rowsA = await readDashboard(dashA);
    const rowsB = await poll(async () => {
      await showAllOrders(dashB);
      const r = await readDashboard(dashB);
      return allIds.every((id) => r[id]) && r[recvId]?.marks?.received === true && r[noteId]?.note === NOTE1 ? r : false;
    }, { timeoutMs: 45000, intervalMs: 1000, what: "profile B rows with mark and note" }).catch(async (err) => {
      const r = await readDashboard(dashB).catch(() => ({}));
      const sync = await evaluate(dashB, () => document.querySelector("[data-orderwatch-sync-state]")?.textContent + " | " + (document.querySelector("[data-orderwatch-sync-error]")?.textContent ?? "")).catch(() => "");
      throw new Error(`${err.message}; profile B shows ${Object.keys(r).length} rows, received=${r[recvId]?.marks?.received}, note=${JSON.stringify(r[noteId]?.note)}; ${sync}`);
    });
    const diff = allIds.filter((id) => rowsA[id]?.status !== rowsB[id]?.status || rowsA[id]?.verdict !== rowsB[id]?.verdict);
    assert(diff.length === 0, `profile B differs on ${diff.length} orders, e.g. ${diff.slice(0, 3).map((id) => `${id}: A ${rowsA[id]?.status}/${rowsA[id]?.verdict} B ${rowsB[id]?.status}/${rowsB[id]?.verdict}`)}`);
    return `${Object.keys(rowsB).length} rows, same statuses, mark and note`;
  }, { needs: ["chromium A: marks one order received and writes a note on another"], timeoutMs: 120000 });

  const disputeId = site.account.orders.find((o) => o.situation === "stale")?.orderId;
  await checks.step("chromium B → A: a mark set in one profile appears in the other", async () => {
    await setMark(dashB, disputeId, "dispute_opened", true);
    await syncNow(dashB);
    await poll(async () => {
      await syncNow(dashA);
      return (await readDashboard(dashA))[disputeId]?.marks?.dispute_opened === true;
    }, { timeoutMs: 30000, intervalMs: 2000, what: "dispute_opened visible in profile A" });
    return `dispute_opened on ${disputeId}`;
  }, { needs: ["chromium B: a second profile signs in and shows the same orders, marks and note"], timeoutMs: 60000 });
  if (chB) { await chB.close(); }

  await storefrontSteps({ bin, server, pages });

  // ---- Firefox ----
  if (ONLY === "chromium") return finish();
  let ff, ffDash, ffOpt;
  await checks.step("firefox: installs the extension and shows a badge on every card", async () => {
    ff = await launchFirefox(DIST_FF, { prefs: site.firefoxPrefs(), label: "firefox" });
    cleanup.push(() => ff.close());
    ctx.browsers.push(ff);
    const p = await ff.newPage();
    await goto(p, ORDERS_URL);
    const { cards } = await waitBadgesOnEveryCard(p, 10, "firefox badges");
    await screenshot(p, join(SHOTS, "firefox-badges.png"));
    ctx.ffOrders = p;
    return `${cards.length} cards with badges`;
  }, { timeoutMs: 120000 });

  let ffRows;
  await checks.step("firefox: signs in to the same account and sees every order, the mark and the note", async () => {
    assert(ff, "no firefox");
    ffOpt = await ff.openExtensionPage(pages.options);
    await signInOnOptions(ffOpt, { server: serverUrl, email, password, signUp: false });
    ffDash = await ff.openExtensionPage(pages.dashboard);
    await syncNow(ffDash);
    ffRows = await poll(async () => {
      await showAllOrders(ffDash);
      const r = await readDashboard(ffDash);
      return allIds.every((id) => r[id]) && r[recvId]?.marks?.received === true && r[noteId]?.note === NOTE1 ? r : false;
    }, { timeoutMs: 45000, intervalMs: 1000, what: "firefox rows with mark and note" });
    await screenshot(ffDash, join(SHOTS, "firefox-dashboard.png"));
    return `${Object.keys(ffRows).length} rows, mark and note present`;
  }, { needs: ["firefox: installs the extension and shows a badge on every card", "chromium A: marks one order received and writes a note on another"], timeoutMs: 120000 });

  await checks.step("firefox: every order has the same status and verdict as in Chromium (and the core)", async () => {
    await syncNow(dashA);
    await new Promise((r) => setTimeout(r, 2000));
    const rowsA = await readDashboard(dashA);
    const rows = await readDashboard(ffDash);
    const want = await expectWithMarks(rows);
    const diff = allIds.filter((id) => rowsA[id]?.status !== rows[id]?.status || rowsA[id]?.verdict !== rows[id]?.verdict);
    const badCore = compareWithTruth(rows, want, situations);
    assert(diff.length === 0 && badCore.length === 0, `firefox differs from chromium on ${diff.length} orders${diff.length ? ", e.g. " + diff.slice(0, 3).map((id) => `${id} (${situations[id]}): chromium ${rowsA[id]?.status}/${rowsA[id]?.verdict} firefox ${rows[id]?.status}/${rows[id]?.verdict}`).join("; ") : ""}; from the core on ${badCore.length}${badCore.length ? ":\n" + badCore.slice(0, 5).join("\n") : ""}`);
    return `${allIds.length} orders agree`;
  }, { needs: ["firefox: signs in to the same account and sees every order, the mark and the note"], timeoutMs: 60000 });

  const archId = site.account.orders.find((o) => o.situation === "returned")?.orderId;
  const NOTE2 = "Firefox: seller offered a partial refund";
  await checks.step("firefox → chromium: an archive and a note edit made in Firefox show in Chromium after its sync", async () => {
    await setMark(ffDash, archId, "archived", true);
    await setNote(ffDash, noteId, NOTE2);
    await syncNow(ffDash);
    await poll(async () => {
      await syncNow(dashA);
      await showAllOrders(dashA);
      const r = (await readDashboard(dashA));
      return r[archId]?.marks?.archived === true && r[noteId]?.note === NOTE2;
    }, { timeoutMs: 40000, intervalMs: 2000, what: "chromium sees archived + note" });
    return `archived ${archId}, note on ${noteId}`;
  }, { needs: ["firefox: signs in to the same account and sees every order, the mark and the note"], timeoutMs: 60000 });

  // Offline edits: the server address refuses connections while both browsers edit.
  const offId = site.account.orders.find((o) => o.situation === "in_transit")?.orderId;
  const NOTE_C = "chromium offline note";
  await checks.step("offline: edits of different fields in both browsers both survive", async () => {
    await server.setOffline(true);
    try {
      await setNote(dashA, offId, NOTE_C);
      await setMark(ffDash, offId, "dispute_opened", true);
      await syncNow(dashA).catch(() => {});
      await syncNow(ffDash).catch(() => {});
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await server.setOffline(false);
    }
    await poll(async () => {
      await syncNow(dashA); await syncNow(ffDash);
      const a = (await readDashboard(dashA))[offId];
      const f = (await readDashboard(ffDash))[offId];
      return a?.note === NOTE_C && f?.note === NOTE_C && a?.marks?.dispute_opened === true && f?.marks?.dispute_opened === true;
    }, { timeoutMs: 45000, intervalMs: 2000, what: "both browsers show the note and the mark" });
    return `note (chromium) and dispute_opened (firefox) on ${offId} both kept`;
  }, { needs: ["firefox → chromium: an archive and a note edit made in Firefox show in Chromium after its sync"], timeoutMs: 90000 });

  await checks.step("offline: the same field edited in both resolves by server order and the loser sees a notice", async () => {
    const A = "note written in chromium while offline";
    const F = "note written in firefox while offline";
    await server.setOffline(true);
    try {
      await setNote(dashA, offId, A);
      await setNote(ffDash, offId, F);
    } finally {
      await server.setOffline(false);
    }
    // Chromium reaches the server first, then Firefox: by the documented rule Firefox's
    // re-push (last writer by server order) wins, and Chromium is told what it lost.
    await syncNow(dashA);
    await new Promise((r) => setTimeout(r, 2000));
    await syncNow(ffDash);
    const end = await poll(async () => {
      await syncNow(dashA); await syncNow(ffDash);
      const a = (await readDashboard(dashA))[offId];
      const f = (await readDashboard(ffDash))[offId];
      return a && f && a.note === f.note && (a.conflict || f.conflict) ? { a, f } : false;
    }, { timeoutMs: 45000, intervalMs: 2000, what: "both show one note and a conflict notice" });
    const winner = end.a.note;
    assert(winner === A || winner === F, `final note "${winner}" is neither edit`);
    const loser = winner === A ? end.f : end.a;
    const loserValue = winner === A ? F : A;
    assert(loser.conflict && loser.conflict.includes(loserValue), `the losing browser's notice does not carry its lost value: ${loser.conflict}`);
    await screenshot(winner === A ? ffDash : dashA, join(SHOTS, `${winner === A ? "firefox" : "chromium"}-conflict-notice.png`));
    return `winner: ${winner === F ? "firefox (later by server order)" : "chromium"}; loser notice: "${loser.conflict.slice(0, 120)}"`;
  }, { needs: ["offline: edits of different fields in both browsers both survive"], timeoutMs: 90000 });

  await checks.step("sign-out in Firefox does not sign out Chromium", async () => {
    await signOutOnOptions(ffOpt);
    const probe = site.account.orders.find((o) => o.situation === "delivered")?.orderId;
    await setMark(dashA, probe, "archived", true);
    await syncNow(dashA);
    await poll(async () => (await serverRows())[probe]?.data?.marks?.archived === true, { timeoutMs: 20000, intervalMs: 1000, what: "chromium still syncs" });
    const acc = await readAccount(optA);
    assert(SIGNED_IN(acc), `chromium's options page says ${JSON.stringify(acc)}`);
    return "chromium still signed in and syncing";
  }, { needs: ["firefox: signs in to the same account and sees every order, the mark and the note"], timeoutMs: 60000 });

  await checks.step("password change revokes the other browsers' sessions", async () => {
    // Firefox signs in again, then the password is changed from a third session (the API).
    await signInOnOptions(ffOpt, { server: serverUrl, email, password, signUp: false });
    const tok = await apiToken(true);
    const newPassword = password + " changed";
    const r = await fetch(`${server.upstream}/api/v1/auth/password`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tok}` },
      body: JSON.stringify({ current_password: password, new_password: newPassword }),
    });
    const text = await r.text();
    assert(r.ok, `password change: ${r.status} ${text}`);
    password = newPassword;
    for (const [name, opt, dash] of [["chromium", optA, dashA], ["firefox", ffOpt, ffDash]]) {
      await poll(async () => {
        await syncNow(dash).catch(() => {});
        // The options page refreshes its account line by itself (no reload: Firefox's BiDi
        // cannot navigate moz-extension:// pages).
        return SIGNED_OUT(await readAccount(opt));
      }, { timeoutMs: 30000, intervalMs: 2000, what: `${name} shows signed out after the password change` });
    }
    return "both browsers signed out";
  }, { needs: ["sign-out in Firefox does not sign out Chromium"], timeoutMs: 90000 });

  await checks.step("firefox: 'Track all' completes and its dashboard agrees with the core", async () => {
    assert(ff && ctx.ffOrders, "no firefox page");
    const p = ctx.ffOrders;
    await goto(p, ORDERS_URL);
    await waitBadgesOnEveryCard(p, 10, "firefox badges before Track all");
    site.resetStats();
    const tStart = Date.now();
    await click(p, "[data-orderwatch-track-all]");
    const final = await poll(async () => {
      const x = await readProgress(p);
      return x && x.total >= allIds.length && x.done === x.total ? x : false;
    }, { timeoutMs: 180000, intervalMs: 500, what: "firefox progress done/total" });
    const secs = ((Date.now() - tStart) / 1000).toFixed(1);
    await screenshot(p, join(SHOTS, "firefox-track-all-done.png"));
    await evaluate(p, () => document.querySelector("div.comet-tabs-nav-item[data-tab='shipped']").click());
    await waitBadgesOnEveryCard(p, 10, "firefox badges on the Shipped tab");
    await new Promise((r) => setTimeout(r, 500));
    await screenshot(p, join(SHOTS, "firefox-badges-shipped.png"));
    const bad = site.requests.filter((r) => r.host === "acs.aliexpress.com" && r.badSign);
    assert(bad.length === 0, `${bad.length} badly signed mtop requests from firefox`);
    const dash = await ff.openExtensionPage(pages.dashboard);
    const rows = await waitDashboardRows(dash, allIds, "firefox dashboard rows");
    const off = compareWithTruth(rows, await expectWithMarks(rows), situations);
    assert(off.length === 0, `${off.length} orders differ from the core:\n${off.slice(0, 10).join("\n")}`);
    return `${final.text} in ${secs} s; ${allIds.length} rows agree with the core`;
  }, { needs: ["firefox: installs the extension and shows a badge on every card"], timeoutMs: 240000 });

  await checks.step("firefox: 'Track all' on www.aliexpress.us goes through acs.aliexpress.us, pages the strict list and survives a token lost mid-run", async () => {
    assert(ff && ctx.ffOrders, "no firefox page");
    const p = ctx.ffOrders;
    await goto(p, "https://www.aliexpress.us/p/order/index.html");
    await waitBadgesOnEveryCard(p, 10, "firefox badges on www.aliexpress.us");
    site.resetStats();
    site.invalidateTokensAfter(12);
    await click(p, "[data-orderwatch-track-all]");
    const final = await poll(async () => {
      const x = await readProgress(p);
      return x && x.total >= allIds.length && x.done === x.total && x.state !== "running" ? x : false;
    }, { timeoutMs: 180000, intervalMs: 500, what: "firefox .us progress done/total" });
    const api = site.requests.filter((r) => (r.host === "acs.aliexpress.com" || r.host === "acs.aliexpress.us") && r.method !== "OPTIONS");
    const wrong = api.filter((r) => r.host !== "acs.aliexpress.us" || r.origin !== "https://www.aliexpress.us");
    assert(wrong.length === 0, `${wrong.length} mtop requests not from www.aliexpress.us to acs.aliexpress.us (e.g. ${wrong[0]?.host} from ${wrong[0]?.origin})`);
    const list = api.filter((r) => r.api === "mtop.aliexpress.trade.buyer.order.list" && r.ret?.startsWith("SUCCESS"));
    assert(list.length >= 3 && list.every((r) => !r.listRefused) && list.map((r) => r.pageIndex).join() === list.map((_, i) => i + 1).join(), `list pages ${list.map((r) => `${r.pageIndex}${r.listRefused ? ` (refused: ${r.listRefused})` : ""}`)}`);
    const ok = new Set(api.filter((r) => r.api === "mtop.ae.ld.querydetail" && r.ret?.startsWith("SUCCESS")).map((r) => String(r.orderId)));
    const missing = allIds.filter((id) => !ok.has(id));
    assert(missing.length === 0, `no tracking answer for ${missing.length} orders`);
    const illegal = api.filter((r) => r.ret?.startsWith("FAIL_SYS_ILLEGAL_ACCESS"));
    // Every request in flight when the tokens went stale gets one; Firefox can show a content
    // script the fresh cookie a moment late, so such a request may be refused on a retry too.
    // Bounded all the same: each in-flight request retries at most MAX_TOKEN_RETRIES times, and
    // every order got its tracking (checked above).
    const most = limits.concurrency * (MAX_TOKEN_RETRIES + 1);
    assert(illegal.length >= 1 && illegal.length <= most, `${illegal.length} FAIL_SYS_ILLEGAL_ACCESS answers (want 1..${most})`);
    return `${final.text}; ${list.length} list pages, ${illegal.length} FAIL_SYS_ILLEGAL_ACCESS recovered, all via acs.aliexpress.us`;
  }, { needs: ["firefox: installs the extension and shows a badge on every card"], timeoutMs: 240000 });

  /** Asserts no mtop request started after the first answer with `ret` had arrived (200 ms grace); returns how many got it. */
  const stoppedAfter = (ret) => {
    const api = site.requests.filter((r) => r.host === "acs.aliexpress.com" && r.method !== "OPTIONS");
    const hits = api.filter((r) => r.ret?.startsWith(ret));
    assert(hits.length >= 1, `no request was answered with ${ret}`);
    const firstEnd = Math.min(...hits.map((r) => r.end));
    const later = api.filter((r) => r.t > firstEnd + 200);
    const fmt = (r) => `+${r.t - api[0].t}ms..+${r.end - api[0].t}ms ${r.api} ${r.orderId ?? r.pageIndex ?? ""} ${r.ret}`;
    assert(later.length === 0, `${later.length} requests started after the first ${ret} answer: the run should stop\n${api.map(fmt).join("\n")}`);
    return hits.length;
  };

  await checks.step("chromium A: a captcha during Track all stops politely with a clear error and loses nothing", async () => {
    const before = await readDashboard(dashA);
    const p = await chA.newPage();
    try {
      await goto(p, ORDERS_URL);
      await waitBadgesOnEveryCard(p, 10, "badges before the captcha run");
      site.resetStats();
      site.setCaptcha(true);
      await click(p, "[data-orderwatch-track-all]");
      const n = await poll(() => evaluate(p, () => {
        const el = document.querySelector("[data-orderwatch-notice]");
        return el && !el.hidden && el.getAttribute("data-state") === "captcha" ? el.textContent.trim() : false;
      }), { timeoutMs: 60000, what: "captcha notice on the page" });
      await new Promise((r) => setTimeout(r, 1500));
      const captchaAnswers = stoppedAfter("FAIL_SYS_USER_VALIDATE");
      await screenshot(p, join(SHOTS, "chromium-captcha-notice.png"));
      site.setCaptcha(false);
      const after = await readDashboard(dashA);
      const lost = allIds.filter((id) => after[id]?.status !== before[id]?.status || after[id]?.verdict !== before[id]?.verdict);
      assert(lost.length === 0, `${lost.length} orders changed after a captcha: ${lost.slice(0, 3).map((id) => `${id} ${before[id]?.status}→${after[id]?.status}`)}`);
      return `notice "${n.slice(0, 80)}"; ${captchaAnswers} captcha answer(s) (requests already in flight), none started after; dashboard unchanged`;
    } finally {
      site.setCaptcha(false);
      await p.close();
    }
  }, { needs: ["chromium A: the dashboard lists every order with the core's status and verdict"], timeoutMs: 120000 });

  await checks.step("chromium A: an AliExpress session that ended during Track all is reported as 'not logged in'", async () => {
    const p = await chA.newPage();
    try {
      await goto(p, ORDERS_URL);
      await waitBadgesOnEveryCard(p, 10, "badges before the signed-out run");
      site.resetStats();
      site.setLoggedIn(false);
      await click(p, "[data-orderwatch-track-all]");
      const n = await poll(() => evaluate(p, () => {
        const el = document.querySelector("[data-orderwatch-notice]");
        return el && !el.hidden && el.getAttribute("data-state") === "logged_out" ? el.textContent.trim() : false;
      }), { timeoutMs: 60000, what: "logged-out notice on the page" });
      await new Promise((r) => setTimeout(r, 1500));
      const answers = stoppedAfter("FAIL_SYS_SESSION_EXPIRED");
      // The login redirect itself: the orders page now sends the browser to the sign-in page.
      await goto(p, ORDERS_URL);
      const host = await evaluate(p, () => location.host);
      assert(host === "login.aliexpress.com", `orders page did not redirect to sign-in (at ${host})`);
      return `notice "${n.slice(0, 80)}"; ${answers} "session expired" answer(s), none started after`;
    } finally {
      site.setLoggedIn(true);
      await p.close();
    }
  }, { needs: ["chromium A: the dashboard lists every order with the core's status and verdict"], timeoutMs: 120000 });

  return finish();

  // ---- Storefronts: www.aliexpress.us and es.aliexpress.com, a second account ----
  async function storefrontSteps({ bin, server, pages }) {
    const US_URL = "https://www.aliexpress.us/p/order/index.html";
    const ES_URL = "https://es.aliexpress.com/p/order/index.html";
    const siteUS = await checks.step("storefront: a second fake account (34 orders, the receiver planted in event texts) on its own fake site", async () => {
      const s = await startFakeSite({ seed: 4242, count: 34, plantPii: true, latencyMs: 20 });
      cleanup.push(() => s.close());
      return s;
    });
    if (!siteUS) return;
    const idsUS = siteUS.account.orders.map((o) => o.orderId);
    const sitUS = Object.fromEntries(siteUS.account.orders.map((o) => [o.orderId, o.situation]));
    const truthUS = siteUS.groundTruth();
    const expectedUS = bin ? await expectVerdicts(bin, truthUS, siteUS.account.now) : null;
    const chC = await checks.step("storefront: chromium C launches with the extension", async () => {
      const b = await launchChromium(DIST, { resolverRules: siteUS.resolverRules(), label: "chromium-C" });
      cleanup.push(() => b.close());
      ctx.browsers.push(b);
      return b;
    });
    if (!chC) return;
    // Every message the content script sends to the worker, recorded in the worker itself.
    const recordMessages = () => chC.evalBackground(() => {
      if (!globalThis.__owMsgs) {
        globalThis.__owMsgs = [];
        chrome.runtime.onMessage.addListener((m) => { globalThis.__owMsgs.push(JSON.stringify(m)); return false; });
      }
      return true;
    });
    const mtopReqs = () => siteUS.requests.filter((r) => (r.host === "acs.aliexpress.com" || r.host === "acs.aliexpress.us") && r.method !== "OPTIONS");
    const runTrackAll = async (p, n, what) => {
      await waitFor(p, () => !!document.querySelector("[data-orderwatch-track-all]"), null, { what: "Track all button" });
      await click(p, "[data-orderwatch-track-all]");
      return poll(async () => {
        const x = await readProgress(p);
        return x && x.total >= n && x.done === x.total && x.state !== "running" ? x : false;
      }, { timeoutMs: 120000, intervalMs: 300, what });
    };
    const US_STEP = "storefront us: Track all on www.aliexpress.us reads every list page through acs.aliexpress.us and tracks every order, recovering from FAIL_SYS_ILLEGAL_ACCESS mid-run";
    let pageUS;
    await checks.step(US_STEP, async () => {
      await recordMessages();
      pageUS = await chC.newPage();
      await goto(pageUS, US_URL);
      await waitBadgesOnEveryCard(pageUS, 10, "badges on www.aliexpress.us");
      siteUS.resetStats();
      // After the 4 list pages and 4 tracking answers the gateway forgets every token it issued.
      siteUS.invalidateTokensAfter(8);
      const final = await runTrackAll(pageUS, idsUS.length, "www.aliexpress.us progress done/total");
      const api = mtopReqs();
      const wrongHost = api.filter((r) => r.host !== "acs.aliexpress.us" || r.origin !== "https://www.aliexpress.us");
      assert(wrongHost.length === 0, `${wrongHost.length} mtop requests not from www.aliexpress.us to acs.aliexpress.us, e.g. ${wrongHost[0]?.host} from ${wrongHost[0]?.origin}`);
      const list = api.filter((r) => r.api === "mtop.aliexpress.trade.buyer.order.list" && r.ret?.startsWith("SUCCESS"));
      const pagesRead = list.map((r) => r.pageIndex);
      assert(pagesRead.length >= 3 && pagesRead.join() === Array.from({ length: pagesRead.length }, (_, i) => i + 1).join(), `list pages read ${pagesRead}, want 1..n with n ≥ 3`);
      const refused = list.filter((r) => r.listRefused);
      assert(refused.length === 0, `the gateway did not take ${refused.length} page requests: ${refused.map((r) => r.listRefused)}`);
      assert(list[0].timeZone && list[0].shipToCountry === "US" && list.every((r) => r.lang === "en_US" && r.shipToCountry === "US"), `list requests without shipToCountry US / _lang / timeZone: ${JSON.stringify(list.map((r) => [r.shipToCountry, r.lang, r.timeZone]))}`);
      assert(list.slice(1).every((r) => r.method === "POST" && r.query.post === "1" && r.query.isSec === "1"), "next pages must be POSTs with post=1&isSec=1");
      const qd = api.filter((r) => r.api === "mtop.ae.ld.querydetail");
      const ok = new Set(qd.filter((r) => r.ret?.startsWith("SUCCESS")).map((r) => String(r.orderId)));
      const missing = idsUS.filter((id) => !ok.has(id));
      assert(missing.length === 0, `no tracking answer for ${missing.length} of ${idsUS.length} orders, e.g. ${missing.slice(0, 3)}`);
      const illegal = api.filter((r) => r.ret?.startsWith("FAIL_SYS_ILLEGAL_ACCESS"));
      assert(illegal.length >= 1, "the lost token was never presented (no FAIL_SYS_ILLEGAL_ACCESS)");
      // Signed at send: only requests already in flight when the token went can carry the old one.
      assert(illegal.length <= limits.concurrency, `${illegal.length} FAIL_SYS_ILLEGAL_ACCESS answers: queued requests were signed before they were sent`);
      const firstIllegal = Math.min(...illegal.map((r) => r.end));
      assert(qd.some((r) => r.t > firstIllegal && r.ret?.startsWith("SUCCESS")), "nothing succeeded after the token was lost");
      assert(qd.filter((r) => r.ret?.startsWith("SUCCESS")).every((r) => r.timeZone && r.tradeOrderLineId === ""), "querydetail without the buyer's timeZone or tradeOrderLineId \"\"");
      const notice = await evaluate(pageUS, () => { const el = document.querySelector("[data-orderwatch-notice]"); return el && !el.hidden ? el.getAttribute("data-state") : null; });
      assert(notice !== "logged_out", "a token error was shown as 'signed out'");
      await screenshot(pageUS, join(SHOTS, "chromium-us-track-all.png"));
      return `${final.text}; list pages ${pagesRead.join(",")} (POST, JSON-string params); ${qd.length} querydetail, ${illegal.length} FAIL_SYS_ILLEGAL_ACCESS recovered; dataType ${[...new Set(api.map((r) => r.dataType))]}`;
    }, { needs: ["storefront: chromium C launches with the extension"], timeoutMs: 180000 });

    let dashC;
    await checks.step("storefront us: the dashboard agrees with the core, and unshipped orders are 'not shipped' with no parcel", async () => {
      assert(expectedUS, "no expectations from the core");
      dashC = await chC.openExtensionPage(pages.dashboard);
      const rows = await waitDashboardRows(dashC, idsUS, "dashboard rows for the .us account");
      const bad = compareWithTruth(rows, expectedUS, sitUS);
      assert(bad.length === 0, `${bad.length} of ${idsUS.length} orders differ from the core:\n${bad.slice(0, 8).join("\n")}`);
      const unshipped = siteUS.account.orders.filter((o) => o.parcels.length === 0 || o.parcels.every((p) => p.noTracking)).map((o) => o.orderId);
      const preShip = siteUS.account.orders.filter((o) => o.situation === "no_tracking").map((o) => o.orderId);
      assert(preShip.length >= 2, `the account has ${preShip.length} orders with only pre-shipment nodes: the step would prove nothing`);
      const recs = await chC.evalBackground(async (ids) => {
        const all = await chrome.storage.local.get(ids.map((id) => `rec:${id}`));
        return ids.map((id) => ({ id, parcels: all[`rec:${id}`]?.order?.parcels?.length ?? 0, error: all[`rec:${id}`]?.error?.code ?? null }));
      }, unshipped);
      const withParcel = recs.filter((r) => r.parcels > 0);
      assert(withParcel.length === 0, `unshipped orders with a parcel: ${JSON.stringify(withParcel)}`);
      const statuses = [...new Set(unshipped.map((id) => `${rows[id].status}/${rows[id].verdict}`))];
      // The dashboard says "not shipped yet" for an order with only its own nodes, not a failure.
      const notes = await evaluate(dashC, (ids) => ids.map((id) => document.querySelector(`[data-orderwatch-order="${id}"] [data-tracking-error]`)?.textContent ?? ""), preShip);
      const wrongNote = notes.filter((n) => !/not shipped/i.test(n) || /fail/i.test(n));
      assert(wrongNote.length === 0, `orders with only pre-shipment nodes are not shown as 'not shipped yet': ${JSON.stringify(notes)}`);
      return `${idsUS.length} rows match the core; ${unshipped.length} unshipped orders (${preShip.length} with only AE_ORDER_* nodes, shown "${notes[0]}") have no parcel and show ${statuses.join(", ")}`;
    }, { needs: [US_STEP], timeoutMs: 60000 });

    await checks.step("storefront us: the planted receiver is in no message to the worker, nothing in chrome.storage, and no push to the sync server", async () => {
      const planted = siteUS.account.orders.reduce((n, o) => n + o.parcels.reduce((m, p) => m + p.events.filter((e) => eventTemplate(e.key).stage >= 1700).length, 0), 0);
      assert(planted > 0, "no event carried the planted receiver: the step would prove nothing");
      const leaks = [];
      const scan = (where, hay) => { for (const n of PII_NEEDLES) if (hay.includes(n) || hay.includes(JSON.stringify(n).slice(1, -1))) leaks.push(`${where}: "${n}"`); };
      const msgs = await chC.evalBackground(() => globalThis.__owMsgs ?? []);
      assert(msgs.filter((m) => m.includes("cs-sw-tracking-result")).length >= 20, `only ${msgs.length} messages recorded in the worker`);
      msgs.forEach((m, i) => scan(`worker message ${i}`, m));
      assert(msgs.some((m) => m.includes("[recipient]")), "no message shows the scrubbed receiver: the planted texts never reached the extension?");
      const dump = await chC.evalBackground(async () => JSON.stringify({ local: await chrome.storage.local.get(null), session: chrome.storage.session ? await chrome.storage.session.get(null) : {} }));
      scan("chrome.storage", dump);
      // Push this profile's orders to the sync server (its own account) and look at every request.
      assert(server, "no sync server");
      const opt = await chC.openExtensionPage(pages.options);
      await signInOnOptions(opt, { server: server.url, email: `us-buyer-${Date.now()}@example.test`, password: "storefront privacy check 11", signUp: true });
      await syncNow(dashC);
      const pushed = await poll(() => {
        const r = server.requests.filter((x) => x.url.includes("/sync/push") && idsUS.some((id) => x.body.includes(id)));
        return r.length ? r : false;
      }, { timeoutMs: 30000, intervalMs: 1000, what: "a push of the .us orders to the sync server" });
      for (const r of server.requests) scan(`${r.method} ${r.url}`, `${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`);
      assert(leaks.length === 0, `the receiver leaked:\n${[...new Set(leaks)].slice(0, 15).join("\n")}`);
      return `${msgs.length} worker messages, ${dump.length} B of storage, ${pushed.length} push(es) of ${planted} planted events: no name, phone, street, city or postcode`;
    }, { needs: [US_STEP], timeoutMs: 90000 });

    await checks.step("storefront es: Track all on es.aliexpress.com goes through acs.aliexpress.com and tracks every order", async () => {
      const p = await chC.newPage();
      await goto(p, ES_URL);
      const lang = await evaluate(p, () => document.documentElement.lang);
      siteUS.resetStats();
      const final = await runTrackAll(p, idsUS.length, "es.aliexpress.com progress done/total");
      const api = mtopReqs();
      const wrong = api.filter((r) => r.host !== "acs.aliexpress.com" || r.origin !== "https://es.aliexpress.com");
      assert(wrong.length === 0, `${wrong.length} mtop requests not from es.aliexpress.com to acs.aliexpress.com`);
      const list = api.filter((r) => r.api === "mtop.aliexpress.trade.buyer.order.list" && r.ret?.startsWith("SUCCESS"));
      assert(list.length >= 3 && list.every((r) => !r.listRefused && r.shipToCountry === "ES"), `list pages ${list.map((r) => r.pageIndex)}; refused ${list.filter((r) => r.listRefused).map((r) => r.listRefused)}; shipTo ${[...new Set(list.map((r) => r.shipToCountry))]}`);
      const ok = new Set(api.filter((r) => r.api === "mtop.ae.ld.querydetail" && r.ret?.startsWith("SUCCESS")).map((r) => String(r.orderId)));
      const missing = idsUS.filter((id) => !ok.has(id));
      assert(missing.length === 0, `no tracking answer for ${missing.length} orders`);
      const cards = await evaluate(p, () => document.querySelectorAll("div.order-item").length);
      const badges = await evaluate(p, () => document.querySelectorAll("[data-orderwatch-badge]").length);
      await screenshot(p, join(SHOTS, "chromium-es-track-all.png"));
      await p.close();
      return `${final.text}; page lang "${lang}", ${cards} cards, ${badges} badges; ${list.length} list pages via acs.aliexpress.com (shipToCountry ES)`;
    }, { needs: ["storefront: chromium C launches with the extension"], timeoutMs: 180000 });
  }

  async function finish() {
    await checks.step("privacy: the receiver's name, phone and address never reach the sync server", async () => {
      assert(server, "no server");
      const sent = server.requests;
      const pushes = sent.filter((r) => r.url.includes("/sync/push") || (r.method === "PUT" && r.url.includes("/orders/")));
      assert(pushes.length > 0, "no order data was ever pushed to the server, so nothing was checked");
      const leaks = [];
      for (const r of sent) {
        const hay = `${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`;
        for (const n of PII_NEEDLES) if (hay.includes(n) || hay.includes(JSON.stringify(n).slice(1, -1))) leaks.push(`${r.method} ${r.url}: "${n}"`);
      }
      // Nor anywhere else: nothing the extension sent to AliExpress or Cainiao carries them either.
      for (const r of site.allRequests.filter((x) => x.host !== "www.aliexpress.com")) {
        const hay = `${r.path}?${new URLSearchParams(r.query)}\n${r.body}\n${r.dataJson ?? ""}`;
        for (const n of PII_NEEDLES) if (hay.includes(n) || hay.includes(encodeURIComponent(n))) leaks.push(`${r.host} ${r.path}: "${n}"`);
      }
      for (const f of server.dbBytes()) {
        for (const n of PII_NEEDLES) if (f.bytes.includes(Buffer.from(n, "utf8"))) leaks.push(`${f.path}: "${n}"`);
      }
      assert(leaks.length === 0, `PII found:\n${[...new Set(leaks)].slice(0, 20).join("\n")}`);
      const files = server.dbBytes().length;
      return `${sent.length} requests (${pushes.length} pushes) and ${files} data files checked`;
    });
  }
}

const guard = setTimeout(() => {
  console.log(`FAIL run limit: the e2e run exceeded ${RUN_LIMIT_MS / 1000} s`);
  checks.record("run finishes within its time limit", false, "killed by the run limit", RUN_LIMIT_MS);
  shutdown().finally(() => process.exit(1));
}, RUN_LIMIT_MS);

let shuttingDown = false;
async function shutdown() {
  if (shuttingDown) return;
  shuttingDown = true;
  // Browser console output and the server log help when something failed (E2E_LOGS=1 always).
  if (process.env.E2E_LOGS || checks.summary().failed > 0) {
    for (const b of ctx.browsers ?? []) if (b.logs.length) console.log(`--- ${b.name} console (last 40) ---\n${b.logs.slice(-40).join("\n")}`);
    if (ctx.server) {
      const dump = join(EXT, "test-results", "e2e-sync-requests.json");
      try { writeFileSync(dump, JSON.stringify(ctx.server.requests, null, 1)); console.log(`--- every request to the sync server: ${dump}`); } catch { /* best effort */ }
      console.log(`--- sync server log (last 1500 chars) ---\n${ctx.server.log.slice(-1500)}`);
      console.log(`--- requests to the sync server (last 40) ---\n${ctx.server.requests.slice(-40).map((r) => `${new Date(r.t).toISOString().slice(11, 23)} ${r.method} ${r.url} → ${r.status} (req ${r.body.length} B: ${r.body.slice(0, 160)}) (resp ${r.response.slice(0, 160)})`).join("\n")}`);
    }
  }
  for (const f of cleanup.reverse()) {
    try { await Promise.race([f(), new Promise((r) => setTimeout(r, 20000))]); } catch { /* keep cleaning */ }
  }
}

main()
  .catch((err) => checks.record("e2e run", false, err?.stack ?? String(err), 0))
  .finally(async () => {
    clearTimeout(guard);
    await shutdown();
    console.log(`e2e run took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
    const { failed, line } = checks.summary();
    console.log(line);
    process.exit(failed > 0 || checks.results.length === 0 ? 1 : 0);
  });
