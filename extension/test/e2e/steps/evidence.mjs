// The evidence pack in the real browsers: the "Evidence pack" button of a dashboard row saves the pack
// (an HTML blob the page offers as a download), the saved file opens in the browser, and it
// holds the order's timeline and the screenshots. In Chromium and in Firefox.
//
//   E2E_ONLY=evidence node test/e2e/run.mjs
//
// The screenshot, by the real capture path (src/ui/capture.ts): the buyer ticks "with a
// screenshot" and presses Evidence pack in the dashboard (its own window; the AliExpress My Orders
// tab showing in another). That press asks for the optional activeTab permission — checked not
// held before, held after (Firefox: extensions.webextOptionalPermissionPrompts=false answers the
// prompt; Chromium grants activeTab without one, it has no warning). activeTab reaches a tab only
// once the toolbar button is pressed over it, so that first pack has no picture and says how to
// get one; the harness then presses the toolbar button over the AliExpress tab (b.pressAction:
// Chromium's CDP Extensions.triggerAction, Firefox's own action handler) and the buyer presses
// Evidence pack again. That pack must hold a PNG captured from that tab: decoded, its size is the
// tab's viewport, it is not blank, it looks like the harness's own screenshot of that tab and
// not like the dashboard's.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { click, evaluate, goto, launchChromium, launchFirefox, waitFor } from "../lib/browsers.mjs";
import { assert, poll } from "../lib/checks.mjs";
import { readDashboard, showAllOrders, signInOnOptions, syncNow, trackAll, waitBadgesOnEveryCard, waitDashboardRows } from "../lib/ui.mjs";

const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";

/** The pack's own structure, read in the page that opened it. */
function readPack() {
  const shots = [...document.querySelectorAll("[data-screenshot] img")];
  return {
    captions: [...document.querySelectorAll("[data-screenshot] figcaption")].map((x) => x.textContent),
    srcs: shots.map((i) => i.getAttribute("src")),
    lang: document.documentElement.lang,
    orderId: document.querySelector("[data-order-id]")?.textContent ?? "",
    events: document.querySelectorAll("[data-timeline] tr[data-event]").length,
    shots: shots.length,
    decoded: shots.filter((i) => i.complete && i.naturalWidth > 0).length,
    scripts: document.querySelectorAll("script").length,
    texts: [...document.querySelectorAll("[data-timeline] tr[data-event] td:nth-child(2)")].map((td) => td.textContent),
  };
}

/** pngSize reads a PNG data URI's width and height from its IHDR chunk (null: not a PNG). */
function pngSize(uri) {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(uri ?? "");
  if (!m) return null;
  const b = Buffer.from(m[1], "base64");
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (b.length < 24 || sig.some((x, i) => b[i] !== x) || b.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * comparePictures runs in a page: decodes picture a and the others, counts a's distinct colours
 * (a blank capture has one or two) and, for each other picture scaled to a's size, the share of
 * pixels within 24 levels per channel of a's.
 */
async function comparePictures([a, ...others]) {
  const load = (src) => new Promise((res, rej) => { const i = new Image(); i.onload = () => res(i); i.onerror = () => rej(new Error("not decoded")); i.src = src; });
  const pixels = (img, w, h) => {
    const c = document.createElement("canvas");
    c.width = w; c.height = h;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0, w, h);
    return g.getImageData(0, 0, w, h).data;
  };
  const ia = await load(a);
  const w = ia.naturalWidth, h = ia.naturalHeight;
  const pa = pixels(ia, w, h);
  const colours = new Set();
  for (let i = 0; i < pa.length && colours.size < 1000; i += 4 * 7) colours.add((pa[i] << 16) | (pa[i + 1] << 8) | pa[i + 2]);
  const same = [];
  for (const o of others) {
    const pb = pixels(await load(o), w, h);
    let n = 0, k = 0;
    for (let i = 0; i < pa.length; i += 4 * 3) {
      k++;
      if (Math.abs(pa[i] - pb[i]) <= 24 && Math.abs(pa[i + 1] - pb[i + 1]) <= 24 && Math.abs(pa[i + 2] - pb[i + 2]) <= 24) n++;
    }
    same.push(n / k);
  }
  return { width: w, height: h, colours: colours.size, same };
}

/** The harness's own screenshot of a page, as a PNG data URI (playwright or puppeteer). */
async function harnessShot(kind, page) {
  const png = kind === "chromium" ? await page.screenshot({ type: "png" }) : Buffer.from(await page.screenshot({ encoding: "base64" }), "base64");
  return `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
}

/** The extension page of another window showing url (opened with windows.create). */
async function findPage(b, url) {
  return poll(async () => {
    const pages = b.kind === "chromium" ? b.ctx.pages() : await b.browser.pages();
    for (const x of pages) {
      const href = await x.evaluate(() => location.href).catch(() => "");
      if (href === url) return x;
    }
    return false;
  }, { timeoutMs: 15000, what: `the window showing ${url}` });
}

/** hasCapturePermission: whether the extension holds activeTab, asked from one of its pages. */
function hasCapturePermission(page) {
  return evaluate(page, () => (globalThis.browser ?? globalThis.chrome).permissions.contains({ permissions: ["activeTab"] }));
}

/** pressEvidence ticks the screenshot box of a row and presses its Evidence pack button with a real click; resolves to the new link and status. */
async function pressEvidence(page, id) {
  const before = await evaluate(page, (x) => document.querySelectorAll(`a[data-orderwatch-evidence-link="${x}"]`).length, id);
  await evaluate(page, (x) => {
    const row = document.querySelector(`[data-orderwatch-order="${x}"]`);
    row.open = true;
    row.querySelector("[data-evidence-capture]").checked = true;
    row.querySelector("[data-evidence-result]").textContent = "";
    row.querySelector("[data-evidence-pack]").scrollIntoView({ block: "center" });
  }, id);
  // A real click (input events from the driver): permissions.request wants the buyer's gesture.
  await page.click(`[data-orderwatch-order="${id}"] [data-evidence-pack]`);
  return poll(() => evaluate(page, ([x, n]) => {
    const links = [...document.querySelectorAll(`a[data-orderwatch-evidence-link="${x}"]`)];
    const status = document.querySelector(`[data-orderwatch-order="${x}"] [data-evidence-result]`)?.textContent ?? "";
    const a = links[links.length - 1];
    return links.length > n && status ? { href: a.href, download: a.download, status } : false;
  }, [id, before]), { timeoutMs: 30000, what: "the saved pack's link" });
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
        ? await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-E", actionPress: true })
        : await launchFirefox(DIST_FF, { prefs: { ...site.firefoxPrefs(), "extensions.webextOptionalPermissionPrompts": false }, label: "firefox-E" });
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

    await checks.step(`${tag}: the dashboard's arrival window rests on the buyer's own deliveries (basis history)`, async () => {
      const rows = await readDashboard(dash);
      const delivered = Object.values(rows).filter((r) => r.status === "delivered").length;
      assert(delivered >= 3, `only ${delivered} delivered orders on the dashboard`);
      await evaluate(dash, (id) => { document.querySelector(`[data-orderwatch-order="${id}"]`).open = true; }, pick.id);
      const eta = await poll(() => evaluate(dash, (id) => {
        const e = document.querySelector(`[data-orderwatch-order="${id}"] [data-eta]`);
        return e ? { basis: e.getAttribute("data-eta"), text: e.textContent } : false;
      }, pick.id), { timeoutMs: 15000, what: "the arrival window of the open row" });
      assert(eta.basis === "history", `basis ${eta.basis}: ${eta.text}`);
      // Local-first: the worker judged it from this browser's orders (nothing asked of a server).
      return `${delivered} delivered orders; order ${pick.id}: ${eta.text} (basis ${eta.basis})`;
    });

    let saved;
    let win;
    await checks.step(`${tag}: the first press asks for activeTab at the click and saves a pack without a picture`, async () => {
      assert(await hasCapturePermission(dash) === false, "activeTab held before the buyer asked for a screenshot");
      // The AliExpress tab showing in its window; the dashboard in a window of its own.
      await orders.bringToFront();
      const url = b.extensionUrl ? b.extensionUrl("dashboard.html?window") : await evaluate(dash, () => location.href.replace(/[?#].*$/, "") + "?window");
      await evaluate(dash, (u) => (globalThis.browser ?? globalThis.chrome).windows.create({ url: u, type: "normal" }), url);
      win = await findPage(b, url);
      await waitDashboardRows(win, [pick.id], "rows in the dashboard window");
      const link = await pressEvidence(win, pick.id);
      assert(await hasCapturePermission(win) === true, "activeTab not granted by the press");
      const text = await evaluate(win, async (href) => (await fetch(href)).text(), link.href);
      const shots = (text.match(/data-screenshot/g) ?? []).length;
      assert(shots === 0, `${shots} screenshot(s) before the toolbar button was pressed over the tab`);
      return `activeTab granted at the click; ${link.download}; ${link.status}`;
    });

    let capture;
    await checks.step(`${tag}: after the toolbar button over the AliExpress tab, the press captures that tab into the pack`, async () => {
      assert(win, "no dashboard window");
      await b.pressAction(orders);
      await new Promise((r) => setTimeout(r, 1000)); // the popup opens over the tab
      const view = await evaluate(orders, () => ({ width: Math.round(innerWidth * devicePixelRatio), height: Math.round(innerHeight * devicePixelRatio), url: location.href }));
      const link = await pressEvidence(win, pick.id);
      const ordersShot = await harnessShot(kind, orders);
      const dashShot = await harnessShot(kind, win);
      saved = await evaluate(win, async (href) => (await fetch(href)).text(), link.href);
      assert(link.download === `orderwatch-evidence-${pick.id}.html`, `file name ${link.download}`);
      assert(saved.startsWith("<!DOCTYPE html>"), "not an HTML document");
      capture = { view, ordersShot, dashShot, status: link.status };
      return `${link.download}, ${saved.length} bytes; ${link.status}`;
    });

    if (saved) {
      await checks.step(`${tag}: the saved file opens with the whole timeline and the captured picture of the tab`, async () => {
        const file = join(out, `${kind}-button.html`);
        writeFileSync(file, saved);
        const p = await b.newPage();
        await goto(p, pathToFileURL(file).href);
        const r = await poll(async () => {
          const x = await evaluate(p, readPack);
          return x.decoded === x.shots ? x : false;
        }, { timeoutMs: 15000, what: "the screenshot decoded" });
        assert(r.orderId === pick.id, `order ${r.orderId}`);
        assert(r.events >= pick.n, `${r.events} timeline rows for ${pick.n} events on the dashboard`);
        assert(r.scripts === 0, "the pack has scripts");
        assert(r.shots === 1, `${r.shots} screenshots in the pack`);
        assert(r.captions[0].includes(capture.view.url), `caption ${r.captions[0]}`);
        const size = pngSize(r.srcs[0]);
        assert(size, "the screenshot is not a PNG");
        assert(size.width === capture.view.width && size.height === capture.view.height,
          `picture ${size.width}×${size.height}, the tab's viewport ${capture.view.width}×${capture.view.height}`);
        const cmp = await evaluate(p, comparePictures, [r.srcs[0], capture.ordersShot, capture.dashShot]);
        await p.close();
        assert(cmp.width === size.width && cmp.height === size.height, `decoded ${cmp.width}×${cmp.height}`);
        assert(cmp.colours >= 16, `only ${cmp.colours} colours: a blank picture`);
        assert(cmp.same[0] >= 0.9, `${(100 * cmp.same[0]).toFixed(1)}% of its pixels match the harness's screenshot of the AliExpress tab`);
        assert(cmp.same[1] < cmp.same[0] - 0.1, `as close to the dashboard (${(100 * cmp.same[1]).toFixed(1)}%) as to the AliExpress tab`);
        return `${r.events} events; screenshot ${size.width}×${size.height} (the viewport), ${cmp.colours}+ colours, ` +
          `${(100 * cmp.same[0]).toFixed(1)}% like the AliExpress tab, ${(100 * cmp.same[1]).toFixed(1)}% like the dashboard`;
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
          await syncNow(win ?? dash).catch(() => undefined);
          return server.requests.slice(before).some((r) => r.url.includes("/sync/push") && (r.body ?? "").includes(pick.id));
        }, { timeoutMs: 60000, intervalMs: 1500, what: "orders pushed" });
        await opt.close();
        const sent = server.requests.slice(before);
        assert(!sent.some((r) => /data:image|<!DOCTYPE html>|data_uri|screenshots/i.test(r.body ?? "")), "a screenshot or a pack was sent to the server");
        return `${sent.length} requests, no picture and no pack`;
      }, { timeoutMs: 120000 });
    }

  }
}
