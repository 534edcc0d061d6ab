// Issue "Badges at first sight" in real Chromium:
//   1. a first visit gives every card a provisional badge (no verdict) that the core's badge
//      replaces, one badge per card, never a second verdict;
//   2. a return visit with the worker stopped draws every badge from storage.local without a
//      message to the worker first (the content script reads the badge cache itself);
//   3. a 2,000-order account (records put straight into storage) opens on the dashboard with a
//      window of rows, more as the list is scrolled, and its filters work on every order.
// Timing is left to the benches (bench.mjs, bench-heavy.mjs); nothing here is timed.
//
//   E2E_ONLY=heavy node test/e2e/run.mjs

import { evaluate, goto, launchChromium } from "../lib/browsers.mjs";
import { assert, poll } from "../lib/checks.mjs";
import { waitBadgesOnEveryCard } from "../lib/ui.mjs";

const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";

/** Notes, in the page, every provisional badge and every verdict each order's badge showed. */
function watchBadges() {
  window.__owSeen = { provisional: {}, verdicts: {}, provisionalWithVerdict: 0, doneAt: 0 };
  const note = () => {
    const s = window.__owSeen;
    for (const p of document.querySelectorAll("[data-orderwatch-provisional]")) {
      s.provisional[p.getAttribute("data-order-id")] = true;
      if (p.hasAttribute("data-verdict")) s.provisionalWithVerdict++;
    }
    for (const b of document.querySelectorAll("[data-orderwatch-badge]")) {
      const id = b.getAttribute("data-order-id");
      const v = b.getAttribute("data-verdict");
      const list = (s.verdicts[id] ??= []);
      if (list.at(-1) !== v) list.push(v);
    }
    const cards = document.querySelectorAll("div.order-item").length;
    if (!s.doneAt && cards >= 60 && document.querySelectorAll("[data-orderwatch-badge]").length >= cards) s.doneAt = Date.now();
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-verdict", "data-order-id"] });
}

/** heavySteps: ctx { checks, site, DIST, cleanup, browsers }. */
export async function heavySteps({ checks, site, DIST, cleanup, browsers = [] }) {
  const b = await checks.step("heavy: chromium launches with the extension", async () => {
    const x = await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-heavy" });
    cleanup.push(() => x.close());
    browsers.push(x);
    return x;
  });
  if (!b) return;
  const page = await b.newPage();
  await page.addInitScript(watchBadges);
  const cdp = await b.ctx.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");

  await checks.step("heavy: a first visit shows provisional badges without a verdict, then one verdict per card", async () => {
    await goto(page, `${ORDERS_URL}?pageSize=60`);
    await waitBadgesOnEveryCard(page, 60, "badges on 60 cards");
    await poll(() => evaluate(page, () => document.querySelectorAll("[data-orderwatch-provisional]").length === 0), { timeoutMs: 10000, what: "no provisional badge left" });
    const seen = await evaluate(page, () => window.__owSeen);
    const provisional = Object.keys(seen.provisional).length;
    assert(provisional > 0, "no card showed a provisional badge on a first visit");
    assert(seen.provisionalWithVerdict === 0, `${seen.provisionalWithVerdict} provisional badges carried a verdict`);
    const flips = Object.entries(seen.verdicts).filter(([, v]) => v.length > 1);
    assert(flips.length === 0, `badges changed verdict on the same data: ${JSON.stringify(flips.slice(0, 3))}`);
    return `${provisional} provisional badges, each replaced by the core's; no verdict changed`;
  });

  await checks.step("heavy: with the worker stopped, a return visit draws every badge before any message to the worker", async () => {
    // Let the worker store the badges, then stop it and come back.
    await poll(() => b.evalBackground(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith("badge:")).length >= 60), { timeoutMs: 15000, what: "60 badge entries in storage.local" });
    await goto(page, "https://www.aliexpress.com/item/1.html");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await new Promise((r) => setTimeout(r, 500));
    await goto(page, `${ORDERS_URL}?pageSize=60`);
    await waitBadgesOnEveryCard(page, 60, "badges on 60 cards");
    const seen = await evaluate(page, () => window.__owSeen);
    assert(seen.doneAt > 0, "the page did not note when its badges were drawn");
    // What the worker heard in this life, asked once the page has settled (asking starts it).
    await new Promise((r) => setTimeout(r, 2500));
    const heard = await b.evalBackground(() => globalThis.orderwatchDebug.received());
    const early = heard.filter((m) => m.at <= seen.doneAt);
    assert(early.length === 0, `the worker was sent ${early.map((m) => m.type).join(", ")} before the last badge was drawn`);
    const flips = Object.entries(seen.verdicts).filter(([, v]) => v.length > 1);
    assert(flips.length === 0, `badges changed verdict on the same data: ${JSON.stringify(flips.slice(0, 3))}`);
    // A provisional badge may show while the cache read is under way; it is never a verdict.
    return `60 badges from storage.local (${Object.keys(seen.provisional).length} provisional first); the worker heard nothing before them (then: ${heard.map((m) => `${m.type} +${m.at - seen.doneAt} ms`).join(", ") || "nothing"})`;
  });

  await checks.step("heavy: 2,000 orders open on the dashboard in a window of rows and filter over all of them", async () => {
    const n = await b.evalBackground(async () => {
      const all = await chrome.storage.local.get(null);
      const template = Object.entries(all).find(([k]) => k.startsWith("rec:"))[1];
      const items = {};
      for (let i = 0; i < 2000; i++) {
        const id = String(3100000000000000 + i);
        const delivered = i % 3 === 0;
        items[`rec:${id}`] = { ...template, order: { ...template.order, order_id: id, store: `Heavy store ${i}`, status_text: delivered ? "Completed" : "Awaiting delivery", order_date: `2023-${String(1 + (i % 12)).padStart(2, "0")}-10` } };
      }
      await chrome.storage.local.set(items);
      return Object.keys(items).length;
    });
    assert(n === 2000, `seeded ${n} records`);
    await cdp.send("ServiceWorker.stopAllWorkers"); // the worker reads storage again on start
    const dash = await b.openExtensionPage("dashboard.html");
    await poll(() => evaluate(dash, () => document.querySelectorAll("[data-orderwatch-order]").length > 0), { timeoutMs: 60000, what: "dashboard rows" });
    const first = await evaluate(dash, () => ({
      rows: document.querySelectorAll("[data-orderwatch-order]").length,
      pending: document.querySelectorAll("[data-orderwatch-order][data-orderwatch-pending]").length,
      more: Number(document.querySelector("[data-orderwatch-more]")?.getAttribute("data-orderwatch-more") ?? 0),
    }));
    assert(first.rows < 2060 && first.more > 0, `the list is not windowed: ${first.rows} rows, ${first.more} more`);
    const total = first.rows + first.more;
    // The list came as summaries: closed rows show their head only; one opened gets its body.
    await evaluate(dash, () => document.querySelector("details[data-orderwatch-order] > summary").click());
    await poll(() => evaluate(dash, () => {
      const row = document.querySelector("details[data-orderwatch-order]");
      return row.open && !row.hasAttribute("data-orderwatch-pending") && !!row.querySelector("[data-mark]") && !!row.querySelector("[data-evidence-pack]");
    }), { timeoutMs: 10000, what: "the body of the row opened" });
    assert(total >= 2060, `${total} orders listed, want 2,060`);
    await evaluate(dash, () => document.querySelector("[data-orderwatch-more]")?.scrollIntoView());
    await poll(() => evaluate(dash, (r) => document.querySelectorAll("[data-orderwatch-order]").length > r, first.rows), { timeoutMs: 10000, what: "more rows after scrolling" });
    await evaluate(dash, () => document.querySelector('[data-orderwatch-search]') && (() => {
      const el = document.querySelector("[data-orderwatch-search]");
      el.value = "Heavy store 1999";
      el.dispatchEvent(new Event("input", { bubbles: true }));
    })());
    const found = await poll(() => evaluate(dash, () => {
      const ids = [...document.querySelectorAll("[data-orderwatch-order]")].map((e) => e.getAttribute("data-orderwatch-order"));
      return ids.length === 1 ? ids : false;
    }), { timeoutMs: 10000, what: "search result" });
    assert(found[0] === String(3100000000000000 + 1999), `search found ${found}`);
    // A list this short is drawn whole: the row found gets its body (marks, note, evidence pack).
    await poll(() => evaluate(dash, (id) => {
      const row = document.querySelector(`[data-orderwatch-order="${id}"]`);
      return !!row && !row.hasAttribute("data-orderwatch-pending") && !!row.querySelector("[data-mark]") && !!row.querySelector("[data-note]");
    }, found[0]), { timeoutMs: 10000, what: "the body of the row found" });
    await dash.close();
    return `${first.rows} rows drawn of ${total} (${first.pending} from their summaries); a row opened gets its body; more on scrolling; search finds the last order and its body comes`;
  }, { timeoutMs: 180000 });

  await checks.step("heavy: after an order changes, a dashboard opened with the worker stopped draws the list's head from storage at once", async () => {
    // The head the worker stored goes with any change of a record; a worker that wrote one makes
    // it again once the changes settle, so the next open need not wait for a woken worker.
    const dash = await b.openExtensionPage("dashboard.html");
    await poll(() => evaluate(dash, () => performance.getEntriesByName("ow-list-answer").length > 0), { timeoutMs: 60000, what: "the worker's answer" });
    const id = String(3100000000000000 + 7);
    const changedAt = await evaluate(dash, async (orderId) => {
      const at = Date.now();
      await chrome.runtime.sendMessage({ type: "popup-sw-set-mark", orderId, mark: "archived", value: true });
      return at;
    }, id);
    await dash.close();
    const head = await poll(() => b.evalBackground(async (since) => {
      const h = (await chrome.storage.local.get("listHead")).listHead;
      return h && h.at > since ? { at: h.at, rows: h.list.length } : false;
    }, changedAt), { timeoutMs: 20000, intervalMs: 250, what: "the head made again after the change" });
    await cdp.send("ServiceWorker.stopAllWorkers");
    await new Promise((r) => setTimeout(r, 500));
    const cold = await b.openExtensionPage("dashboard.html");
    await poll(() => evaluate(cold, () => performance.getEntriesByName("ow-list-answer").length > 0), { timeoutMs: 60000, what: "the woken worker's answer" });
    const m = await evaluate(cold, () => Object.fromEntries(["ow-list-stored", "ow-list-answer", "ow-list-drawn"].map((n) => [n, performance.getEntriesByName(n)[0]?.startTime])));
    await cold.close();
    assert(m["ow-list-stored"] !== undefined, `the stored head was not drawn (marks ${JSON.stringify(m)})`);
    assert(m["ow-list-stored"] < m["ow-list-answer"], `the worker answered first (marks ${JSON.stringify(m)})`);
    return `head of ${head.rows} rows made again ${head.at - changedAt} ms after the change; drawn ${Math.round(m["ow-list-stored"])} ms after navigation, the woken worker answered at ${Math.round(m["ow-list-answer"])} ms`;
  }, { timeoutMs: 180000 });
}
