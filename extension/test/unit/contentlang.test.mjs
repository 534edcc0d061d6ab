// The My Orders bar in the buyer's chosen language: the worker leaves the content script its
// share of the catalog in storage.local (uiText); the bar relabels itself and turns right to left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { load, root } from "../../scripts/test-lib.mjs";

const catalog = (l) => JSON.parse(readFileSync(join(root, "_locales", l, "messages.json"), "utf8"));
const i18n = await load("shared/i18n.ts");
const RU = i18n.contentText("ru", catalog("ru"), catalog("en"));

// chrome.* with storage that holds the worker's uiText and reports changes.
const listeners = [];
const store = {};
globalThis.chrome = {
  i18n: { getMessage: (k) => catalog("en")[k]?.message ?? "", getUILanguage: () => "en" },
  runtime: { getURL: (p) => `chrome-extension://test/${p}`, id: "test" },
  storage: {
    local: { get: async (k) => ({ [k]: store[k] }) },
    onChanged: { addListener: (f) => listeners.push(f) },
  },
};
const { mountPanel } = await load("content/panel.ts");

test("the content share holds only what the content script says, with English filling gaps", () => {
  assert.ok(RU.catalog.track_all && RU.catalog.page_captcha && RU.catalog.badge_protection_ended && RU.catalog.status_delivered);
  assert.equal(RU.catalog.options_title, undefined, "no options-page texts");
  assert.equal(RU.catalog.track_all.message, catalog("ru").track_all.message);
});

test("the bar starts in the browser's language and relabels itself when the chosen one arrives", async () => {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const panel = mountPanel(document);
  assert.equal(panel.trackAll.textContent, catalog("en").track_all.message);
  panel.setNotice("captcha", "whatever the caller said");
  store.uiText = RU;
  for (const f of listeners) f({ uiText: { newValue: RU } }, "local");
  assert.equal(panel.trackAll.textContent, catalog("ru").track_all.message);
  assert.equal(panel.cancel.textContent, catalog("ru").cancel.message);
  assert.equal(panel.notice.textContent, catalog("ru").page_captcha.message, "a page-state notice is said again in the new language");
  assert.equal(panel.root.getAttribute("lang"), "ru");
  const HE = i18n.contentText("he", { track_all: { message: "מעקב" } }, catalog("en"));
  for (const f of listeners) f({ uiText: { newValue: HE } }, "local");
  assert.equal(panel.root.getAttribute("dir"), "rtl");
  assert.equal(panel.trackAll.textContent, "מעקב");
  assert.equal(panel.cancel.textContent, catalog("en").cancel.message, "English fills a gap");
});
