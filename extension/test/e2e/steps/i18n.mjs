// Languages in the real browser: the extension's pages in English, Hebrew and a third language,
// chosen on the options page; axe-core (the standard engine, injected into the real extension
// pages) finds no serious or critical violation on the dashboard, popup and options in English
// and in Hebrew (light and dark); Hebrew is laid out right to left (dir, mirrored row, stage bar
// and badges); everything is reachable from the keyboard with a visible focus; English copies
// of the advice texts are one click away; screenshots go to extension/docs/screenshots/.
//
//   E2E_ONLY=i18n node test/e2e/run.mjs

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { click, evaluate, goto, launchChromium, screenshot, waitFor } from "../lib/browsers.mjs";
import { assert, poll, withTimeout } from "../lib/checks.mjs";
import { showAllOrders, signInOnOptions, syncNow, trackAll, waitBadgesOnEveryCard } from "../lib/ui.mjs";

const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_VERSION = JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")).version;
const HEBREW = /[\u0590-\u05FF]/;

/** axe-core in the page (evaluated over the DevTools protocol, so the page's CSP does not apply). */
async function axe(page) {
  await page.evaluate(`${AXE}\n;true`);
  return page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0]?.target?.join(" ") ?? "" }));
  });
}

const serious = (vs) => vs.filter((v) => v.impact === "serious" || v.impact === "critical");
const brief = (vs) => vs.map((v) => `${v.id} (${v.impact}, ${v.nodes}× e.g. ${v.target})`).join("; ") || "none";

/**
 * i18nSteps runs the issue-13 checks in a Chromium profile of its own against the fake site.
 * ctx: { checks, site, server, DIST, EXT, cleanup, browsers }.
 */
export async function i18nSteps({ checks, site, server, DIST, EXT, cleanup, browsers = [] }) {
  const SHOTS = join(EXT, "docs", "screenshots");
  mkdirSync(SHOTS, { recursive: true });
  const report = { axe_core: AXE_VERSION, pages: {} };
  const locales = (l) => existsSync(join(DIST, "_locales", l, "messages.json"));
  const third = ["pt_BR", "es", "de", "ko"].find(locales) ?? "ru";
  const ids = site.account.orders.map((o) => o.orderId);

  const ch = await checks.step("i18n: chromium I launches with the extension", async () => {
    const b = await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-I" });
    cleanup.push(() => b.close());
    browsers.push(b);
    return b;
  });
  if (!ch) return;

  const TRACK = "i18n: Track all tracks every order of the fake account";
  let orders;
  await checks.step(TRACK, async () => {
    orders = await ch.newPage();
    await goto(orders, ORDERS_URL);
    await waitBadgesOnEveryCard(orders, 10, "badges on My Orders");
    const p = await trackAll(orders, ids.length, { timeoutMs: 120000, intervalMs: 300 });
    return `${p.done}/${p.total}`;
  }, { timeoutMs: 150000 });

  /** Chooses a language on the real options page (as the buyer would) and waits until it is stored. */
  const choose = async (lang) => {
    const opt = await ch.openExtensionPage("options.html");
    await waitFor(opt, () => !!document.querySelector("[data-orderwatch-lang]"), null, { what: "language select" });
    await opt.selectOption("[data-orderwatch-lang]", lang);
    // Read back from an extension page (the options page reloads itself on the change; the
    // worker may be stopped, and a stopped worker's handle never answers). An evaluate that
    // lands in the reload can hang instead of failing (a CI run waited 60 s on one), so each
    // try is bounded and the next one asks the reloaded page.
    const read = () => withTimeout(opt.evaluate(async () => (await chrome.storage.local.get("uiLang")).uiLang), 3000, "uiLang read");
    await poll(async () => (await read().catch(() => null)) === lang, { what: `uiLang = ${lang} in storage` });
    // Closing is housekeeping, not the check: a close that lands in the self-reload can hang
    // (a CI run waited 10 s on one), and the browser's own cleanup closes the page anyway.
    await withTimeout(opt.close(), 10000, "close the options page").catch(() => {});
  };

  /** Opens the dashboard in the chosen language with every row drawn and one advice row open. */
  const dashboard = async (lang, scheme = "light") => {
    const p = await ch.openExtensionPage("dashboard.html");
    await p.emulateMedia({ colorScheme: scheme });
    const tag = lang.replace("_", "-");
    await poll(() => evaluate(p, (t) => document.documentElement.lang === t && document.querySelectorAll("[data-orderwatch-order]").length > 0, tag), { timeoutMs: 30000, what: `dashboard in ${tag}` });
    await showAllOrders(p);
    await poll(() => evaluate(p, (n) => document.querySelectorAll("[data-orderwatch-order]").length >= n, ids.length), { timeoutMs: 30000, what: "every row" });
    // Open the first order with advice to give (a seller message), as a buyer would.
    await evaluate(p, () => {
      const d = [...document.querySelectorAll("details[data-orderwatch-order]")].find((x) => x.querySelector("[data-copy]"));
      if (d) d.open = true;
    });
    return p;
  };

  const axeStep = async (lang, page, scheme = "light") => {
    const name = `i18n: axe-core finds no serious or critical violation on the ${page} in ${lang}${scheme === "dark" ? " (dark)" : ""}`;
    await checks.step(name, async () => {
      let p;
      if (page === "dashboard") p = await dashboard(lang, scheme);
      else {
        p = await ch.openExtensionPage(`${page}.html`);
        await p.emulateMedia({ colorScheme: scheme });
        const tag = lang.replace("_", "-");
        await poll(() => evaluate(p, (t) => document.documentElement.lang === t && document.body.innerText.trim().length > 20, tag), { timeoutMs: 20000, what: `${page} in ${tag}` });
        if (page === "popup") await poll(() => evaluate(p, () => document.querySelectorAll("[data-orderwatch-order]").length > 0), { what: "popup rows" });
      }
      const vs = await axe(p);
      report.pages[`${page} ${lang}${scheme === "dark" ? " dark" : ""}`] = { violations: vs.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes })) };
      await p.close();
      assert(serious(vs).length === 0, `serious/critical: ${brief(serious(vs))}`);
      return `${vs.length} violations in all (${brief(vs)}), 0 serious or critical`;
    }, { needs: [TRACK], timeoutMs: 90000 });
  };

  // ---- English ----
  await checks.step("i18n: English chosen on the options page", () => choose("en"), { needs: [TRACK] });
  for (const page of ["dashboard", "popup", "options"]) await axeStep("en", page);
  await checks.step("i18n: dashboard screenshot in English", async () => {
    const p = await dashboard("en");
    const out = await screenshot(p, join(SHOTS, "dashboard-en.png"));
    await p.close();
    return out;
  }, { needs: [TRACK] });

  // ---- Keyboard ----
  await checks.step("i18n: the dashboard works from the keyboard with a visible focus", async () => {
    const p = await dashboard("en");
    await evaluate(p, () => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
    const seen = [];
    for (let i = 0; i < 40; i++) {
      await p.keyboard.press("Tab");
      const f = await evaluate(p, () => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const shown = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== "none");
        return { tag: el.tagName.toLowerCase(), attr: [...el.attributes].map((a) => a.name).find((n) => n.startsWith("data-")) ?? "", visible: !!shown, focusVisible: el.matches(":focus-visible") };
      });
      if (f) seen.push(f);
    }
    // Buttons and rows must match :focus-visible (keyboard focus); fields show focus on :focus.
    const hidden = seen.filter((f) => !f.visible || (!f.focusVisible && !["input", "textarea", "select"].includes(f.tag)));
    assert(seen.length >= 20, `only ${seen.length} focus stops in 40 Tabs`);
    assert(hidden.length === 0, `focus not visible on ${JSON.stringify(hidden.slice(0, 3))}`);
    for (const want of ["data-orderwatch-filter", "data-orderwatch-search", "data-orderwatch-sync-now"]) assert(seen.some((f) => f.attr === want), `Tab never reached [${want}]`);
    assert(seen.some((f) => f.tag === "summary"), "Tab never reached a row (summary)");
    // Enter on a filter button presses it; Enter on a row opens it.
    await p.focus("[data-orderwatch-filter='action']");
    await p.keyboard.press("Enter");
    const pressed = await evaluate(p, () => document.querySelector("[data-orderwatch-filter='action']")?.getAttribute("aria-pressed"));
    assert(pressed === "true", `Enter on the 'action' filter: aria-pressed ${pressed}`);
    await p.focus("details[data-orderwatch-order]:not([open]) > summary");
    await p.keyboard.press("Enter");
    const opened = await evaluate(p, () => document.activeElement?.parentElement?.open === true);
    assert(opened, "Enter on a row's summary did not open it");
    await p.close();
    return `${seen.length} focus stops, each with a visible outline (${[...new Set(seen.map((f) => f.attr || f.tag))].slice(0, 8).join(", ")} …); Enter presses a filter and opens a row`;
  }, { needs: [TRACK], timeoutMs: 90000 });

  await checks.step("i18n: badges and rows differ by shape and words, not colour alone", async () => {
    const p = await dashboard("en");
    const r = await evaluate(p, () => {
      const out = {};
      for (const v of ["normal", "watch", "act"]) {
        const el = document.querySelector(`[data-orderwatch-order][data-verdict="${v}"] .verdict`);
        if (el) out[v] = { text: el.textContent.trim(), icon: el.querySelector(".icon")?.textContent ?? "" };
      }
      return out;
    });
    await p.close();
    const verdicts = Object.keys(r);
    assert(verdicts.length >= 2, `the account shows only ${verdicts} verdicts`);
    assert(new Set(verdicts.map((v) => r[v].icon)).size === verdicts.length, `verdict icons are not distinct: ${JSON.stringify(r)}`);
    assert(new Set(verdicts.map((v) => r[v].text)).size === verdicts.length, `verdict words are not distinct: ${JSON.stringify(r)}`);
    const badges = await evaluate(orders, () => [...document.querySelectorAll("[data-orderwatch-badge]")].map((b) => ({ v: b.getAttribute("data-verdict"), icon: b.querySelector(".orderwatch-icon")?.textContent ?? "" })));
    const byVerdict = {};
    for (const b of badges) (byVerdict[b.v] ??= new Set()).add(b.icon);
    assert(Object.values(byVerdict).every((s) => s.size === 1 && [...s][0] !== ""), `badge icons per verdict: ${JSON.stringify(Object.fromEntries(Object.entries(byVerdict).map(([k, s]) => [k, [...s]])))}`);
    assert(new Set(Object.values(byVerdict).map((s) => [...s][0])).size === Object.keys(byVerdict).length, "two verdicts share a badge icon");
    return JSON.stringify(r);
  }, { needs: [TRACK] });

  // ---- Hebrew ----
  await checks.step("i18n: Hebrew chosen on the options page", () => choose("he"), { needs: [TRACK] });
  for (const page of ["dashboard", "popup", "options"]) await axeStep("he", page);
  await axeStep("he", "dashboard", "dark");

  await checks.step("i18n: Hebrew is right to left on every page, the row and stage bar mirrored", async () => {
    const out = [];
    for (const page of ["dashboard", "popup", "options"]) {
      const p = page === "dashboard" ? await dashboard("he") : await ch.openExtensionPage(`${page}.html`);
      await poll(() => evaluate(p, () => document.documentElement.dir === "rtl" && getComputedStyle(document.body).direction === "rtl"), { timeoutMs: 20000, what: `${page} dir=rtl` });
      await poll(() => evaluate(p, (re) => new RegExp(re).test(document.body.innerText), HEBREW.source), { timeoutMs: 20000, what: `${page}: Hebrew text on the page` });
      if (page === "dashboard") {
        const m = await evaluate(p, () => {
          const row = document.querySelector("details[data-orderwatch-order]");
          const cs = getComputedStyle(row);
          const verdict = row.querySelector(".verdict").getBoundingClientRect();
          const title = row.querySelector(".title").getBoundingClientRect();
          const steps = [...row.querySelectorAll(".stagebar .step")].map((s) => s.getBoundingClientRect().x);
          return { right: parseFloat(cs.borderRightWidth), left: parseFloat(cs.borderLeftWidth), verdictRight: verdict.right, titleRight: title.right, first: steps[0], last: steps[steps.length - 1] };
        });
        assert(m.right >= 6 && m.left <= 1, `the verdict edge is not on the right: border right ${m.right}px, left ${m.left}px`);
        assert(m.verdictRight > m.titleRight, `the verdict is not right of the title (${m.verdictRight} vs ${m.titleRight})`);
        assert(m.first > m.last, `the stage bar runs left to right (ordered at x=${m.first}, delivered at x=${m.last})`);
        out.push(`dashboard: edge ${m.right}px on the right, stage bar from x=${Math.round(m.first)} leftwards to x=${Math.round(m.last)}`);
      } else {
        if (page === "popup") await poll(() => evaluate(p, () => document.querySelectorAll("[data-orderwatch-order]").length > 0), { what: "popup rows" });
        await screenshot(p, join(SHOTS, `${page}-he.png`));
        out.push(`${page}: rtl`);
      }
      await p.close();
    }
    return out.join("; ");
  }, { needs: ["i18n: Hebrew chosen on the options page"], timeoutMs: 90000 });

  await checks.step("i18n: badges on My Orders speak Hebrew, right to left, without negative days", async () => {
    await orders.reload();
    const r = await poll(async () => {
      const b = await evaluate(orders, () => [...document.querySelectorAll("[data-orderwatch-badge]")].map((x) => ({ dir: x.getAttribute("dir"), lang: x.getAttribute("lang"), text: x.textContent, direction: getComputedStyle(x).direction })));
      return b.length >= 10 && b.every((x) => x.lang === "he") ? b : false;
    }, { timeoutMs: 30000, what: "badges with lang=he" });
    const bad = r.filter((x) => x.dir !== "rtl" || x.direction !== "rtl" || !HEBREW.test(x.text) || /-\s?\d/.test(x.text));
    const bar = await poll(() => evaluate(orders, () => {
      const p = document.querySelector("[data-orderwatch-panel]");
      const b = p?.querySelector("[data-orderwatch-track-all]");
      return p && p.getAttribute("dir") === "rtl" && getComputedStyle(p).direction === "rtl" ? { lang: p.getAttribute("lang"), button: b?.textContent ?? "" } : false;
    }), { timeoutMs: 15000, what: "the My Orders bar right to left" });
    assert(HEBREW.test(bar.button), `the Track all button is not Hebrew: "${bar.button}"`);
    await screenshot(orders, join(SHOTS, "badges-he.png"));
    assert(bad.length === 0, `${bad.length} badges not Hebrew/RTL or with a negative number, e.g. ${JSON.stringify(bad[0])}`);
    return `${r.length} badges, e.g. "${r[0].text}"; the bar says "${bar.button}" (${bar.lang}, rtl)`;
  }, { needs: ["i18n: Hebrew chosen on the options page"], timeoutMs: 60000 });

  await checks.step("i18n: advice in Hebrew offers the seller message and dispute text in English, one click each", async () => {
    const p = await dashboard("he");
    // The pictures before any button is pressed (a pressed copy button says "Copied").
    await screenshot(p, join(SHOTS, "dashboard-he.png"));
    await p.emulateMedia({ colorScheme: "dark" });
    await screenshot(p, join(SHOTS, "dashboard-he-dark.png"));
    await p.emulateMedia({ colorScheme: "light" });
    const r = await evaluate(p, async () => {
      const copied = [];
      navigator.clipboard.writeText = async (t) => void copied.push(t);
      const box = [...document.querySelectorAll("[data-advice]")].find((b) => b.querySelector('[data-copy="seller_en"]'));
      if (!box) return { found: [...document.querySelectorAll("[data-copy]")].map((b) => b.getAttribute("data-copy")) };
      for (const k of ["seller", "seller_en", "dispute", "dispute_en"]) box.querySelector(`[data-copy="${k}"]`)?.click();
      await new Promise((r) => setTimeout(r, 100));
      return { copied, situation: box.getAttribute("data-advice") };
    });
    await p.close();
    assert(r.copied, `no advice with an English copy button (buttons: ${r.found?.join(", ") || "none"}) — does the core give seller_message_en?`);
    const [he, en, heD, enD] = r.copied;
    assert(he && HEBREW.test(he), `the seller message is not Hebrew: ${he?.slice(0, 80)}`);
    assert(en && !HEBREW.test(en) && /[A-Za-z]{3}/.test(en), `the English seller message is not English: ${en?.slice(0, 80)}`);
    if (heD !== undefined) assert(enD && !HEBREW.test(enD), `the English dispute text is not English: ${enD?.slice(0, 80)}`);
    return `${r.situation}: copied ${r.copied.length} texts; English: "${en.slice(0, 70)}…"`;
  }, { needs: ["i18n: Hebrew chosen on the options page"], timeoutMs: 60000 });

  // ---- a third language ----
  await checks.step(`i18n: dashboard screenshot in ${third}`, async () => {
    await choose(third);
    const p = await dashboard(third);
    const out = await screenshot(p, join(SHOTS, `dashboard-${third}.png`));
    const r = await evaluate(p, () => ({ dir: document.documentElement.dir, en: document.querySelectorAll('[data-copy="seller_en"]').length, seller: document.querySelectorAll('[data-copy="seller"]').length, coreLang: document.querySelector("[data-reason]")?.getAttribute("lang") ?? "" }));
    await p.close();
    assert(r.dir === "ltr", `dir ${r.dir}`);
    assert(r.seller > 0 && r.en === r.seller, `${r.seller} seller messages, ${r.en} English copies`);
    assert(r.coreLang === "", `the core answered in "${r.coreLang}", not in ${third}`);
    return `${out}; ${r.en} seller messages, each with its English copy`;
  }, { needs: [TRACK] });

  // The choice stays in the browser: signed in and synced in another language, the server
  // receives no language setting (the orders' own fields only).
  if (server) {
    await checks.step("i18n: the language choice does not reach the sync server", async () => {
      const before = server.requests.length;
      const opt = await ch.openExtensionPage("options.html");
      await signInOnOptions(opt, { server: server.url, email: `i18n-${Date.now()}@example.com`, password: "correct horse battery staple 13", signUp: true });
      const dash = await ch.openExtensionPage("dashboard.html");
      await poll(async () => {
        await syncNow(dash).catch(() => undefined);
        return server.requests.slice(before).some((r) => r.url.includes("/sync/push") && (r.body ?? "").includes(ids[0]));
      }, { timeoutMs: 60000, intervalMs: 1500, what: "orders pushed" });
      const sent = server.requests.slice(before);
      const langs = [...new Set(sent.flatMap((r) => [...(r.body ?? "").matchAll(/"(?:ui_?lang|lang)"\s*:\s*"([^"]*)"/gi)].map((m) => m[1])))];
      await opt.close();
      await dash.close();
      assert(!sent.some((r) => /uiLang/i.test(r.body ?? "")), "the uiLang setting was sent to the server");
      return `${sent.length} requests to the server, none with the UI language setting; "lang" values in the synced data: ${langs.join(", ") || "none"}`;
    }, { needs: [TRACK], timeoutMs: 120000 });
  }

  writeFileSync(join(EXT, "docs", "screenshots", "axe-results.json"), JSON.stringify(report, null, 2) + "\n");
  // Back to the browser's language for any step that follows in this profile.
  const last = await ch.openExtensionPage("dashboard.html").catch(() => null);
  await last?.evaluate(() => chrome.storage.local.remove("uiLang")).catch(() => undefined);
  await last?.close().catch(() => undefined);
}
