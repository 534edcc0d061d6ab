// The sync server's errors as the buyer sees them, in the real extension against the real Go
// server: a wrong password on the options page shows the sentence of the buyer's language
// (extension/_locales/*/messages.json, api_error_wrong_password), never the server's JSON or its
// English message; the same after switching the language to Russian.
//
//   E2E_ONLY=apierrors node test/e2e/run.mjs

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { click, evaluate, fill, launchChromium, waitFor } from "../lib/browsers.mjs";
import { assert, poll } from "../lib/checks.mjs";
import { signInOnOptions } from "../lib/ui.mjs";

/** apiErrorSteps: ctx { checks, site, server, DIST, cleanup, browsers }. */
export async function apiErrorSteps({ checks, site, server, DIST, cleanup, browsers = [] }) {
  if (!server) return;
  const catalog = (lang) => JSON.parse(readFileSync(join(DIST, "_locales", lang, "messages.json"), "utf8"));
  const sentence = (lang) => catalog(lang).api_error_wrong_password.message;
  const working = (lang) => catalog(lang).working?.message ?? "";
  const email = `wrong-password-${Date.now()}@example.test`;
  const ch = await checks.step("api errors: chromium E launches; an account exists on the server", async () => {
    const r = await fetch(`${server.upstream ?? server.url}/api/v1/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "the right password 42" }) });
    assert(r.status === 201, `register: ${r.status} ${await r.text()}`);
    const b = await launchChromium(DIST, { resolverRules: site.resolverRules(), label: "chromium-E" });
    cleanup.push(() => b.close());
    browsers.push(b);
    return b;
  });
  if (!ch) return;

  /** Signs in with a wrong password on the options page and returns what the page says. */
  const wrongSignIn = async (lang) => {
    const opt = await ch.openExtensionPage("options.html");
    await waitFor(opt, () => !!document.querySelector("[data-orderwatch-email]"), null, { what: "options form" });
    const urlSel = await evaluate(opt, () => ["[data-orderwatch-server-url]", "[data-orderwatch-server]", "[data-orderwatch-url]"].find((s) => document.querySelector(s)) ?? null);
    assert(urlSel, "options page has no server URL field");
    await fill(opt, urlSel, server.url);
    await evaluate(opt, () => document.querySelector("[data-orderwatch-server-save], [data-orderwatch-save-server]")?.click());
    await fill(opt, "[data-orderwatch-email]", email);
    await fill(opt, "[data-orderwatch-password]", "not the password");
    await click(opt, "[data-orderwatch-sign-in]");
    const text = await poll(async () => {
      const t = await evaluate(opt, () => document.querySelector("[data-orderwatch-options-message]")?.textContent ?? "");
      // "Server saved." and "Working…" come first, then the answer.
      return t.trim() && t !== working(lang) && t !== catalog(lang).server_saved?.message ? t : false;
    }, { timeoutMs: 20000, what: "the answer on the options page" });
    await opt.close();
    return text;
  };

  for (const lang of ["en", "ru"]) {
    await checks.step(`api errors: a wrong password says so in ${lang}, never in JSON`, async () => {
      if (lang !== "en") {
        const opt = await ch.openExtensionPage("options.html");
        await waitFor(opt, () => !!document.querySelector("[data-orderwatch-lang]"), null, { what: "language select" });
        await opt.selectOption("[data-orderwatch-lang]", lang);
        await poll(async () => (await opt.evaluate(async () => (await chrome.storage.local.get("uiLang")).uiLang).catch(() => null)) === lang, { what: `uiLang = ${lang}` });
        await opt.close();
      }
      const want = sentence(lang);
      const got = await wrongSignIn(lang);
      assert(!/[{}]|"code"|unauthorized|Invalid email/.test(got), `the options page shows the server's answer: ${got}`);
      assert(got.includes(want), `the options page says ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      return got;
    }, { timeoutMs: 60000 });
  }

  // Then the right password: signed in, and a number added by hand goes to the server (so a run
  // of this step alone also gives the final privacy check a push to look at).
  await checks.step("api errors: the right password signs in and a hand-added number syncs", async () => {
    const dash = await ch.openExtensionPage("dashboard.html");
    const added = await dash.evaluate(() => chrome.runtime.sendMessage({ type: "popup-sw-add-number", number: "LP00123456789012" }));
    assert(added?.ok !== false, `add number: ${JSON.stringify(added)}`);
    await dash.close();
    const a = await signInOnOptions(await ch.openExtensionPage("options.html"), { server: server.url, email, password: "the right password 42", signUp: false });
    const pushed = await poll(() => server.requests.some((r) => r.url.includes("/sync/push") && r.body.includes("LP00123456789012")), { timeoutMs: 30000, what: "a push with the hand-added number" });
    return `${a.text ?? a.state}; pushed ${pushed}`;
  }, { timeoutMs: 60000 });
}
