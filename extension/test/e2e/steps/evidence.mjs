// The evidence pack in the real browsers: the "Evidence pack" button of a dashboard row saves the pack
// (an HTML blob the page offers as a download), the saved file opens in the browser, and it
// holds the order's timeline and the screenshots. In Chromium and in Firefox.
//
//   E2E_ONLY=evidence node test/e2e/run.mjs
//
// The screenshot: the button asks for the optional activeTab permission and captures the
// AliExpress tab that is showing; a headless harness cannot press the toolbar button that grants
// activeTab for a tab, so the step records whether the capture worked and then also sends the
// worker the same request with a picture the harness took of that tab, to check that a pack
// with screenshots is made, saved and opens.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { click, evaluate, goto, launchChromium, launchFirefox, waitFor } from "../lib/browsers.mjs";
import { assert, poll } from "../lib/checks.mjs";
import { showAllOrders, signInOnOptions, syncNow, trackAll, waitBadgesOnEveryCard, waitDashboardRows } from "../lib/ui.mjs";

const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";

/** The pack's own structure, read in the page that opened it. */
function readPack() {
  const shots = [...document.querySelectorAll("[data-screenshot] img")];
  return {
    lang: document.documentElement.lang,
    orderId: document.querySelector("[data-order-id]")?.textContent ?? "",
    events: document.querySelectorAll("[data-timeline] tr[data-event]").length,
    shots: shots.length,
    decoded: shots.filter((i) => i.complete && i.naturalWidth > 0).length,
    scripts: document.querySelectorAll("script").length,
    texts: [...document.querySelectorAll("[data-timeline] tr[data-event] td:nth-child(2)")].map((td) => td.textContent),
  };
}

/**
 * evidenceSteps: ctx { checks, site, server, DIST, DIST_FF, EXT, cleanup, browsers }.
 */
export async function evidenceSteps({ checks, site, server, DIST, DIST_FF, EXT, cleanup, browsers = [] }) {
  const out = join(EXT, "test-results", "evidence");
  mkdirSync(out, { recursive: true });
  const ids = site.account.orders.map((o) => o.orderId);
  for (const kind of ["chromium", "firefox"]) {
    const tag = `evidence ${kind}`;
    const b = await checks.step(`${tag}: launches with the extension`, async () => {
      const x = kind === "chromium"
        ? await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-E" })
        : await launchFirefox(DIST_FF, { prefs: site.firefoxPrefs(), label: "firefox-E" });
      cleanup.push(() => x.close());
      browsers.push(x);
      return x;
    }, { timeoutMs: 120000 });
    if (!b) continue;

    let orders;
    const tracked = await checks.step(`${tag}: Track all tracks every order`, async () => {
      orders = await b.newPage();
      await goto(orders, ORDERS_URL);
      await waitBadgesOnEveryCard(orders, 10, "badges on My Orders");
      const p = await trackAll(orders, ids.length, { timeoutMs: 150000, intervalMs: 500 });
      return `${p.done}/${p.total}`;
    }, { timeoutMs: 180000 });
    if (!tracked) continue;

    await checks.step(`${tag}: My Orders offers the pack on the cards of orders that need action`, async () => {
      // Every card of the account on the page ("View orders" until there are no more).
      for (let i = 0; i < 20; i++) {
        const more = await evaluate(orders, () => { const m = document.querySelector(".order-more"); return !!m && !m.hidden; });
        if (!more) break;
        const before = await evaluate(orders, () => document.querySelectorAll("[data-orderwatch-badge]").length);
        await click(orders, ".order-more button.comet-btn");
        await poll(() => evaluate(orders, (n) => document.querySelectorAll("[data-orderwatch-badge]").length > n, before), { timeoutMs: 15000, what: "badges on the next cards" });
      }
      const r = await poll(() => evaluate(orders, () => {
        const badges = [...document.querySelectorAll("[data-orderwatch-badge]")];
        const act = badges.filter((x) => x.getAttribute("data-verdict") === "act").map((x) => x.getAttribute("data-order-id"));
        const buttons = [...document.querySelectorAll("[data-orderwatch-evidence]")].map((x) => x.getAttribute("data-orderwatch-evidence"));
        const same = act.length > 0 && act.length === buttons.length && act.every((id) => buttons.includes(id));
        return same ? { act: act.length, buttons: buttons.length, id: buttons[0] } : false;
      }), { timeoutMs: 20000, what: "one Evidence pack button per act card" }).catch(async (err) => {
        const seen = await evaluate(orders, () => ({
          act: [...document.querySelectorAll("[data-orderwatch-badge][data-verdict='act']")].map((x) => x.getAttribute("data-order-id")).slice(0, 5),
          badges: document.querySelectorAll("[data-orderwatch-badge]").length,
          buttons: [...document.querySelectorAll("[data-orderwatch-evidence]")].map((x) => x.getAttribute("data-orderwatch-evidence")).slice(0, 5),
        }));
        throw new Error(`${err.message}; seen ${JSON.stringify(seen)}`);
      });
      await click(orders, `[data-orderwatch-evidence="${r.id}"]`);
      const link = await poll(() => evaluate(orders, (id) => {
        const a = document.querySelector(`a[data-orderwatch-evidence-link="${id}"]`);
        return a ? a.download : false;
      }, r.id), { timeoutMs: 20000, what: "the pack saved from My Orders" });
      assert(link === `orderwatch-evidence-${r.id}.html`, link);
      return `${r.buttons} buttons on ${r.act} act cards; saved ${link}`;
    });

    let dash;
    let pick;
    await checks.step(`${tag}: every dashboard row has an Evidence pack button`, async () => {
      dash = await b.openExtensionPage("dashboard.html");
      await waitDashboardRows(dash, ids, "dashboard rows");
      await showAllOrders(dash);
      const r = await evaluate(dash, () => {
        const rows = [...document.querySelectorAll("[data-orderwatch-order]")];
        const withButton = rows.filter((x) => x.querySelector("[data-evidence-pack]")).length;
        // An order with the longest timeline, to check every event reaches the pack.
        let best = null;
        for (const x of rows) {
          const n = x.querySelectorAll("[data-timeline] li").length;
          if (!best || n > best.n) best = { id: x.getAttribute("data-orderwatch-order"), n };
        }
        return { rows: rows.length, withButton, best };
      });
      assert(r.rows >= ids.length && r.withButton === r.rows, `${r.withButton} of ${r.rows} rows have the button`);
      assert(r.best && r.best.n > 0, "no row with a timeline");
      pick = r.best;
      return `${r.withButton}/${r.rows} rows; order ${pick.id} with ${pick.n} events`;
    });
    if (!pick) continue;

    let saved;
    await checks.step(`${tag}: the button saves the pack (screenshot of the AliExpress tab asked for)`, async () => {
      await evaluate(dash, (id) => {
        const row = document.querySelector(`[data-orderwatch-order="${id}"]`);
        row.open = true;
        row.querySelector("[data-evidence-capture]").checked = true;
        row.querySelector("[data-evidence-pack]").click();
      }, pick.id);
      const link = await poll(() => evaluate(dash, (id) => {
        const a = document.querySelector(`a[data-orderwatch-evidence-link="${id}"]`);
        const status = document.querySelector(`[data-orderwatch-order="${id}"] [data-evidence-result]`)?.textContent ?? "";
        return a ? { href: a.href, download: a.download, status } : false;
      }, pick.id), { timeoutMs: 30000, what: "the saved pack's link" });
      saved = await evaluate(dash, async (href) => (await fetch(href)).text(), link.href);
      assert(link.download === `orderwatch-evidence-${pick.id}.html`, `file name ${link.download}`);
      assert(saved.startsWith("<!DOCTYPE html>"), "not an HTML document");
      return `${link.download}, ${saved.length} bytes; ${link.status}`;
    });

    if (saved) {
      await checks.step(`${tag}: the saved file opens and holds the whole timeline`, async () => {
        const file = join(out, `${kind}-button.html`);
        writeFileSync(file, saved);
        const p = await b.newPage();
        await goto(p, pathToFileURL(file).href);
        const r = await evaluate(p, readPack);
        await p.close();
        assert(r.orderId === pick.id, `order ${r.orderId}`);
        assert(r.events >= pick.n, `${r.events} timeline rows for ${pick.n} events on the dashboard`);
        assert(r.scripts === 0, "the pack has scripts");
        return `${r.events} events, ${r.shots} screenshot(s) captured by the button`;
      });
    }

    // The screenshots stay in the browser: signed in and synced after making packs, the server
    // gets the orders (with AliExpress's estimate and promise) and no picture.
    if (server && kind === "chromium") {
      await checks.step(`${tag}: no screenshot or pack reaches the sync server`, async () => {
        const before = server.requests.length;
        const opt = await b.openExtensionPage("options.html");
        await signInOnOptions(opt, { server: server.url, email: `evidence-${Date.now()}@example.com`, password: "correct horse battery staple 14", signUp: true });
        await poll(async () => {
          await syncNow(dash).catch(() => undefined);
          return server.requests.slice(before).some((r) => r.url.includes("/sync/push") && (r.body ?? "").includes(pick.id));
        }, { timeoutMs: 60000, intervalMs: 1500, what: "orders pushed" });
        await opt.close();
        const sent = server.requests.slice(before);
        assert(!sent.some((r) => /data:image|<!DOCTYPE html>|data_uri|screenshots/i.test(r.body ?? "")), "a screenshot or a pack was sent to the server");
        return `${sent.length} requests, no picture and no pack`;
      }, { timeoutMs: 120000 });
    }

    await checks.step(`${tag}: a pack with screenshots is made by the worker, saved and opens with them`, async () => {
      const png = kind === "chromium" ? await orders.screenshot({ type: "png" }) : Buffer.from(await orders.screenshot({ encoding: "base64" }), "base64");
      const shot = { data_uri: `data:image/png;base64,${Buffer.from(png).toString("base64")}`, url: ORDERS_URL, title: "My Orders", taken_at: new Date().toISOString() };
      const r = await evaluate(dash, async ([id, s]) => {
        const api = globalThis.chrome?.runtime ?? globalThis.browser.runtime;
        return api.sendMessage({ type: "popup-sw-evidence-pack", orderId: id, screenshots: [s, s] });
      }, [pick.id, shot]);
      assert(r && r.ok && typeof r.html === "string", `worker answered ${JSON.stringify(r).slice(0, 200)}`);
      const file = join(out, `${kind}-screenshots.html`);
      writeFileSync(file, r.html);
      const p = await b.newPage();
      await goto(p, pathToFileURL(file).href);
      const pack = await poll(async () => {
        const x = await evaluate(p, readPack);
        return x.decoded === 2 ? x : false;
      }, { timeoutMs: 15000, what: "both screenshots decoded" });
      await p.close();
      assert(pack.events >= pick.n && pack.shots === 2 && pack.scripts === 0, JSON.stringify(pack).slice(0, 300));
      return `${pack.shots} screenshots shown, ${pack.events} events, lang ${pack.lang}`;
    });
  }
}
