// The dashboard page's opening (ui/page.ts) against a stand-in worker: the head of the list is
// asked for with the whole list and drawn first, the whole list replaces it; the head the worker
// stored is drawn before the worker is asked, and only in the page's language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { dashboardRow as row, load } from "../../scripts/test-lib.mjs";

/** A controllable worker: each question waits until the test answers it. */
const asked = [];
let stored = {};
globalThis.chrome = {
  i18n: { getMessage: (k) => k, getUILanguage: () => "en" },
  runtime: {
    id: "test",
    getURL: (p) => `chrome-extension://test/${p}`,
    // shown: the rows on the page when the question was sent.
    sendMessage: (msg) => new Promise((resolve) => asked.push({ msg, resolve, shown: ids(globalThis.document).length })),
  },
  storage: {
    local: { get: async (key) => (typeof key === "string" && key in stored ? { [key]: stored[key] } : {}) },
    onChanged: { addListener() {} },
  },
};
globalThis.fetch = async () => ({ ok: true, json: async () => ({}) });
globalThis.IntersectionObserver = class { observe() {} disconnect() {} };

const { startView } = await load("ui/page.ts");
const rowsMod = await load("ui/rows.ts");

const packed = Array.from({ length: 500 }, (_, i) => rowsMod.packRow(rowsMod.summarize(row(i))));
const account = { signedIn: false, email: "", serverUrl: "", lastSyncAt: "", lastSyncError: "", pending: 0 };
const answer = (list, more) => ({ list, details: [], total: packed.length, ...(more ? { more } : {}), pageNotice: null, account });

const tick = () => new Promise((r) => setTimeout(r, 10));
function open() {
  asked.length = 0;
  const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  globalThis.document = document;
  startView("dashboard");
  return document;
}
const ids = (doc) => [...doc.querySelectorAll("[data-orderwatch-order]")].map((e) => e.getAttribute("data-orderwatch-order"));

test("the head of the list is asked for with the whole list, drawn first, and the whole list replaces it", async () => {
  stored = {};
  const doc = open();
  await tick();
  assert.equal(asked.length, 2, "two questions at once");
  const [head, whole] = asked;
  assert.equal(head.shown, 0, "without a stored head, nothing to draw before asking");
  assert.equal(head.msg.head, 30);
  assert.equal(whole.msg.head, undefined);
  head.resolve(answer(packed.slice(0, 30), packed.length - 30));
  await tick();
  assert.deepEqual(ids(doc), packed.slice(0, 30).map((p) => p[0]));
  assert.ok(doc.querySelector("[data-orderwatch-partial]"), "drawn as the head");
  assert.equal(doc.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more"), String(packed.length - 30));
  whole.resolve(answer(packed));
  await tick();
  assert.equal(doc.querySelector("[data-orderwatch-partial]"), null, "the whole list drawn");
  assert.equal(ids(doc).length, 30, "a window of it");
  assert.equal(doc.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more"), String(packed.length - 30));
});

test("a head answered after the whole list is not drawn over it", async () => {
  stored = {};
  const doc = open();
  await tick();
  const [head, whole] = asked;
  whole.resolve(answer(packed));
  await tick();
  head.resolve(answer(packed.slice(5, 35), packed.length - 30));
  await tick();
  assert.equal(doc.querySelector("[data-orderwatch-partial]"), null);
  assert.equal(ids(doc)[0], packed[0][0]);
});

test("the head the worker stored is drawn while it has not answered, and only in the page's language", async () => {
  const old = packed.slice(100, 130);
  stored = { listHead: { lang: "en", list: old, total: 500, more: 470, pageNotice: null, account, at: 1 } };
  let doc = open();
  await tick();
  assert.deepEqual(ids(doc), old.map((p) => p[0]), "the stored head, at once");
  assert.ok(doc.querySelector("[data-orderwatch-partial]"));
  // The questions wake a sleeping worker (seconds of CPU on a heavy account): they go once the
  // stored head is on the page.
  assert.equal(asked.length, 2);
  assert.equal(asked[0].shown, 30, "asked after the stored head was drawn");
  const [head] = asked;
  head.resolve(answer(packed.slice(0, 30), packed.length - 30));
  await tick();
  assert.deepEqual(ids(doc), packed.slice(0, 30).map((p) => p[0]), "the worker's answer replaces it");

  stored = { listHead: { lang: "he", list: old, total: 500, more: 470, pageNotice: null, account, at: 1 } };
  doc = open();
  await tick();
  assert.deepEqual(ids(doc), [], "another language's head is not drawn");
  assert.equal(asked.length, 2, "and the worker is asked all the same");
  asked[0].resolve(answer(packed.slice(0, 30), packed.length - 30));
  await tick();
  assert.deepEqual(ids(doc), packed.slice(0, 30).map((p) => p[0]));
});
