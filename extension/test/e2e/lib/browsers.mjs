// Launching the real browsers with the real built extension (see extension/README.md for the browsers used)
// behind one small interface, so the scenario reads the same for both:
//   b.name, b.newPage(), b.openExtensionPage(path), b.extensionUrl(path), b.close()
// Pages are driven with a handful of helpers that work on both playwright and puppeteer pages.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { poll, withTimeout } from "./checks.mjs";

export const CHROMIUM = "/usr/lib/chromium/chromium";
export const FIREFOX = "/usr/bin/firefox-esr";

export function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
}

/** The extension's own pages, from its manifest (with the usual names as fallbacks). */
export function extensionPages(dir) {
  const m = readManifest(dir);
  const options = m.options_ui?.page ?? m.options_page ?? "options.html";
  const popup = m.action?.default_popup ?? "popup.html";
  return { options, popup, dashboard: "dashboard.html" };
}

/**
 * actionPress: let the harness press the extension's toolbar button (b.pressAction): Chromium
 * only offers that over CDP (Extensions.triggerAction) with --enable-unsafe-extension-debugging
 * on a pipe connection (playwright's). Tests only.
 */
export async function launchChromium(extDir, { resolverRules, label = "chromium", actionPress = false } = {}) {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), `orderwatch-e2e-${label}-`));
  const ctx = await withTimeout(chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--ignore-certificate-errors", `--host-resolver-rules=${resolverRules}`,
      ...(actionPress ? ["--enable-unsafe-extension-debugging"] : [])],
  }), 60000, "launch chromium");
  const logs = [];
  let sw;
  try {
    sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker", { timeout: 20000 }));
  } catch (err) {
    await ctx.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`chromium: the extension's service worker did not start (${err.message})`);
  }
  const extId = new URL(sw.url()).host;
  const hook = (p, tag) => {
    p.on("console", (m) => logs.push(`[${label} ${tag}] ${m.type()}: ${m.text()}`));
    p.on("pageerror", (e) => logs.push(`[${label} ${tag}] pageerror: ${e.message}`));
  };
  ctx.on("page", (p) => hook(p, "page"));
  return {
    name: label,
    kind: "chromium",
    ctx,
    sw,
    extId,
    logs,
    extensionUrl: (path) => `chrome-extension://${extId}/${path.replace(/^\//, "")}`,
    async newPage() {
      const p = await ctx.newPage();
      return p;
    },
    async openExtensionPage(path) {
      const p = await ctx.newPage();
      await p.goto(`chrome-extension://${extId}/${path.replace(/^\//, "")}`, { timeout: 20000 });
      return p;
    },
    /**
     * pressAction(page): the buyer presses the toolbar button over page's tab (as a click does, it
     * grants activeTab for that tab if the extension holds the permission, and opens the popup).
     */
    async pressAction(page) {
      const cdp = await ctx.browser().newBrowserCDPSession();
      try {
        const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
        const tabs = targetInfos.filter((t) => t.url === page.url());
        if (tabs.length !== 1) throw new Error(`chromium: ${tabs.length} tabs show ${page.url()}`);
        await cdp.send("Extensions.triggerAction", { id: extId, targetId: tabs[0].targetId });
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
    /** Runs fn(arg) in the extension's service worker. */
    async evalBackground(fn, arg) {
      const w = ctx.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${extId}/`)) ?? sw;
      return w.evaluate(fn, arg);
    },
    async close() {
      await withTimeout(ctx.close(), 20000, "close chromium").catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function launchFirefox(extDir, { prefs = {}, label = "firefox" } = {}) {
  const puppeteer = (await import("puppeteer-core")).default;
  const browser = await withTimeout(puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    // System access lets the harness open moz-extension:// pages from the browser window's own
    // context: BiDi refuses to navigate to them. Tests only.
    args: ["-remote-allow-system-access"],
    extraPrefsFirefox: {
      "remote.experimental.enabled": true,
      ...prefs,
      "devtools.console.stdout.content": false,
    },
  }), 90000, "launch firefox");
  let extId;
  try {
    extId = await withTimeout(browser.installExtension(extDir), 30000, "firefox installExtension");
  } catch (err) {
    await browser.close().catch(() => {});
    throw new Error(`firefox: installing the extension failed (${err.message})`);
  }
  const logs = [];
  const known = new WeakSet();
  const hook = (p) => {
    if (known.has(p)) return;
    known.add(p);
    p.on("console", (m) => logs.push(`[${label}] ${m.type()}: ${m.text()}`));
    p.on("pageerror", (e) => logs.push(`[${label}] pageerror: ${e.message}`));
  };
  const api = {
    name: label,
    kind: "firefox",
    browser,
    extId,
    logs,
    async newPage() {
      const p = await browser.newPage();
      hook(p);
      return p;
    },
    /**
     * Firefox refuses navigating to moz-extension:// over BiDi, so the harness
     * opens the tab from the browser window's chrome context, as if the buyer clicked a link the
     * extension offers; the page then runs in the extension's own realm with browser.* available.
     */
    async openExtensionPage(path) {
      const before = new Set(await browser.pages());
      const conn = browser.connection;
      const tree = await conn.send("browsingContext.getTree", { "moz:scope": "chrome" });
      const win = tree.result.contexts.find((c) => String(c.url).startsWith("chrome://browser/"));
      if (!win) throw new Error("firefox: no browser window context");
      const expr = `(() => { const p = WebExtensionPolicy.getByID(${JSON.stringify(extId)});
        if (!p) throw new Error("extension not installed");
        const url = p.getURL(${JSON.stringify(path.replace(/^\//, ""))});
        gBrowser.selectedTab = gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        return url; })()`;
      const r = await conn.send("script.evaluate", { expression: expr, target: { context: win.context }, awaitPromise: false });
      if (r.result?.type !== "success") throw new Error(`firefox: opening ${path} failed: ${JSON.stringify(r.result).slice(0, 300)}`);
      const url = r.result.result.value;
      const p = await poll(async () => {
        for (const x of await browser.pages()) {
          if (before.has(x)) continue;
          const href = await x.evaluate(() => location.href).catch(() => "");
          if (href === url) return x;
        }
        return false;
      }, { timeoutMs: 15000, what: `firefox tab for ${path}` });
      hook(p);
      await poll(() => p.evaluate(() => document.readyState === "complete").catch(() => false), { timeoutMs: 15000, what: `firefox ${path} loaded` });
      return p;
    },
    /**
     * pressAction(page): the buyer presses the toolbar button over page's tab (the window whose
     * selected tab shows page's URL), through the browser's own action handler as a click does:
     * it grants activeTab for that tab if the extension holds the permission, and opens the popup.
     */
    async pressAction(page) {
      const url = await page.evaluate(() => location.href);
      const conn = browser.connection;
      const tree = await conn.send("browsingContext.getTree", { "moz:scope": "chrome" });
      const win = tree.result.contexts.find((c) => String(c.url).startsWith("chrome://browser/"));
      if (!win) throw new Error("firefox: no browser window context");
      const expr = `(() => { const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
        const ext = WebExtensionPolicy.getByID(${JSON.stringify(extId)})?.extension;
        if (!ext) throw new Error("extension not installed");
        const wins = [...Services.wm.getEnumerator("navigator:browser")].filter((w) => w.gBrowser.selectedBrowser.currentURI.spec === ${JSON.stringify(url)});
        if (wins.length !== 1) throw new Error(wins.length + " windows show the page");
        ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(wins[0]);
        return true; })()`;
      const r = await conn.send("script.evaluate", { expression: expr, target: { context: win.context }, awaitPromise: false });
      if (r.result?.type !== "success") throw new Error(`firefox: pressing the toolbar button failed: ${JSON.stringify(r.result).slice(0, 300)}`);
    },
    async close() {
      await withTimeout(browser.close(), 20000, "close firefox").catch(() => {
        try { browser.process()?.kill("SIGKILL"); } catch { /* already gone */ }
      });
    },
  };
  return api;
}

// ---- page helpers that work on playwright and puppeteer pages alike ----

export async function goto(page, url) {
  await page.goto(url, { timeout: 30000, waitUntil: "load" });
}

/** The same JS in the page for both drivers (puppeteer takes one argument, as playwright does). */
export function evaluate(page, fn, arg) {
  return withTimeout(page.evaluate(fn, arg), 20000, "page.evaluate");
}

export async function waitFor(page, fn, arg, { timeoutMs = 20000, what = "page condition" } = {}) {
  return poll(() => page.evaluate(fn, arg), { timeoutMs, intervalMs: 200, what });
}

export async function click(page, selector) {
  const ok = await page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return false;
    el.scrollIntoView({ block: "center" });
    el.click();
    return true;
  }, selector);
  if (!ok) throw new Error(`no element ${selector}`);
}

/** Sets an input's value as a user would (input + change events). */
export async function fill(page, selector, value) {
  const ok = await page.evaluate(([s, v]) => {
    const el = document.querySelector(s);
    if (!el) return false;
    el.focus();
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    el.blur();
    return true;
  }, [selector, value]);
  if (!ok) throw new Error(`no element ${selector}`);
}

export async function screenshot(page, path, opts = {}) {
  await withTimeout(page.screenshot({ path, fullPage: opts.fullPage ?? false }), 20000, `screenshot ${path}`);
  return path;
}
