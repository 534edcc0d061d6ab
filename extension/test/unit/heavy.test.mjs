// A heavy account in the UI: the dashboard list is windowed (a 2,000-order account builds a
// window of rows, then the next as the end of the list comes into view; open rows stay drawn;
// filters and search work on every order), and the provisional badge of a card never judged
// carries no verdict and gives way to the real badge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { dashboardRow as row, load, stubI18n } from "../../scripts/test-lib.mjs";

stubI18n({ badge_protection_left: "Protection: $1 left" }); // $1: a day count with its unit ("12 days"), as in _locales/en
const view = await load("ui/view.ts");
const { drawBadge } = await load("content/badge.ts");
const prov = await load("content/provisional.ts");
const rowsMod = await load("ui/rows.ts");

const actions = { t: (k, s) => (s ? `${k}:${s}` : k), setMark() {}, saveNote() {}, dismissConflict() {}, copy: async () => {}, exportData() {}, syncNow() {}, addNumber: async () => "", setSellerContact: async () => "" };
const account = { signedIn: false, email: "", serverUrl: "", lastSyncAt: "", lastSyncError: "", pending: 0 };

/** A stand-in IntersectionObserver: the test says when the sentinel comes into view. */
function withObserver(fn) {
  const observers = [];
  globalThis.IntersectionObserver = class {
    constructor(cb) { this.cb = cb; this.targets = []; observers.push(this); }
    observe(el) { this.targets.push(el); }
    disconnect() { this.targets = []; }
  };
  try {
    return fn(() => {
      for (const o of observers) for (const t of o.targets) if (t.isConnected) o.cb([{ isIntersecting: true, target: t }]);
    });
  } finally {
    delete globalThis.IntersectionObserver;
  }
}

const rows = Array.from({ length: 2000 }, (_, i) => row(i));
const drawnIds = (root) => [...root.querySelectorAll("[data-orderwatch-order]")].map((e) => e.getAttribute("data-orderwatch-order"));

test("2,000 orders: one window of rows, the next when the end of the list comes into view", () => {
  withObserver((scrollToEnd) => {
    const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
    const root = document.getElementById("app");
    const state = { filter: "all", search: "", open: new Set() };
    view.render(document, root, { rows, pageNotice: null, account }, state, actions, "dashboard");
    assert.equal(drawnIds(root).length, view.LIST_WINDOW);
    assert.equal(root.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more"), String(2000 - view.LIST_WINDOW));
    scrollToEnd();
    assert.equal(drawnIds(root).length, 2 * view.LIST_WINDOW);
    assert.equal(new Set(drawnIds(root)).size, 2 * view.LIST_WINDOW, "no row twice");
    // A redraw (a storage change) keeps what was shown.
    view.render(document, root, { rows, pageNotice: null, account }, state, actions, "dashboard");
    assert.equal(drawnIds(root).length, 2 * view.LIST_WINDOW);
    // A filter starts a new window over every matching order, not just the drawn ones.
    root.querySelector('[data-orderwatch-filter="delivered"]').click();
    const want = rows.filter((r) => r.assessment.status === "delivered").length;
    assert.equal(drawnIds(root).length, Math.min(want, view.LIST_WINDOW));
    assert.equal(Number(root.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more")), want - view.LIST_WINDOW);
    for (let i = 0; i < 50 && root.querySelector("[data-orderwatch-more]"); i++) scrollToEnd();
    assert.equal(drawnIds(root).length, want, "every delivered order once scrolled to the end");
  });
});

test("the head of a long list is drawn as its first window; filters and search wait for the whole list", () => {
  withObserver((scrollToEnd) => {
    const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
    const root = document.getElementById("app");
    const state = { filter: "all", search: "", open: new Set() };
    const summaries = rows.map((r) => rowsMod.summarize(r));
    const head = summaries.slice(0, view.LIST_WINDOW);
    const asked = [];
    const a = { ...actions, needDetails: (ids) => asked.push(...ids) };
    view.render(document, root, { rows: head, pageNotice: null, account, more: 2000 - view.LIST_WINDOW }, state, a, "dashboard");
    assert.deepEqual(drawnIds(root), head.map((s) => s.id), "the head's rows, in its order");
    assert.equal(root.querySelectorAll("[data-orderwatch-pending]").length, view.LIST_WINDOW, "drawn closed, from their summaries");
    assert.deepEqual(asked, [], "no body asked for a closed row");
    assert.equal(root.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more"), String(2000 - view.LIST_WINDOW), "the rest of the list is counted");
    assert.ok(root.querySelector("[data-orderwatch-partial]"));
    scrollToEnd();
    assert.equal(drawnIds(root).length, view.LIST_WINDOW, "the next rows come with the whole list");
    assert.ok(root.querySelector("[data-orderwatch-more]"), "the marker stays until then");
    // A filter chosen meanwhile is shown as chosen, and the list is not filtered over the head alone.
    root.querySelector('[data-orderwatch-filter="delivered"]').click();
    assert.equal(root.querySelector('[data-orderwatch-filter="delivered"]').getAttribute("aria-pressed"), "true");
    assert.equal(root.querySelector('[data-orderwatch-filter="all"]').getAttribute("aria-pressed"), "false");
    assert.equal(drawnIds(root).length, view.LIST_WINDOW);
    assert.equal(state.filter, "delivered");
    // The whole list comes: drawn with the filter chosen.
    view.render(document, root, { rows, pageNotice: null, account }, state, a, "dashboard");
    assert.equal(root.querySelector("[data-orderwatch-partial]"), null);
    const want = rows.filter((r) => r.assessment.status === "delivered").length;
    assert.equal(Number(root.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more")), want - view.LIST_WINDOW);
    assert.ok(drawnIds(root).every((id) => Number(id.slice(-4)) % 4 === 0), "delivered orders only");
  });
});

test("search finds an order far down the list, and an open row stays drawn", () => {
  withObserver(() => {
    const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
    const root = document.getElementById("app");
    const far = rows[1777].record.order.order_id;
    const state = { filter: "all", search: "Store 1777", open: new Set() };
    view.render(document, root, { rows, pageNotice: null, account }, state, actions, "dashboard");
    assert.deepEqual(drawnIds(root), [far]);
    const fresh = parseHTML("<!doctype html><html><body><main id=app></main></body></html>").document;
    const root2 = fresh.getElementById("app");
    const s2 = { filter: "all", search: "", open: new Set([far]) };
    view.render(fresh, root2, { rows, pageNotice: null, account }, s2, actions, "dashboard");
    assert.ok(drawnIds(root2).includes(far), "the open row is drawn though it is beyond the window");
  });
});

test("a list of up to LIST_WHOLE orders is drawn whole", () => {
  withObserver(() => {
    const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
    const root = document.getElementById("app");
    view.render(document, root, { rows: rows.slice(0, view.LIST_WHOLE), pageNotice: null, account }, { filter: "all", search: "", open: new Set() }, actions, "dashboard");
    assert.equal(drawnIds(root).length, view.LIST_WHOLE);
    assert.equal(root.querySelector("[data-orderwatch-more]"), null);
  });
});

test("without IntersectionObserver every row is drawn", () => {
  const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const root = document.getElementById("app");
  view.render(document, root, { rows: rows.slice(0, 300), pageNotice: null, account }, { filter: "all", search: "", open: new Set() }, actions, "dashboard");
  assert.equal(drawnIds(root).length, 300);
});

test("a storage failure is said on the dashboard", () => {
  const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const root = document.getElementById("app");
  view.render(document, root, { rows: [], pageNotice: null, account: { ...account, storageError: "QUOTA_BYTES quota exceeded" } }, { filter: "all", search: "", open: new Set() }, actions, "dashboard");
  assert.match(root.querySelector("[data-orderwatch-storage-error]").textContent, /storage_failed_body:QUOTA_BYTES/);
});

test("the provisional badge says what the card says, has no verdict, and gives way to the real badge", () => {
  const { document } = parseHTML(`<!doctype html><html><body><div class="order-item"><div class="order-item-header"></div></div></body></html>`);
  const card = document.querySelector(".order-item");
  const order = { order_id: "8000000000000001", status_text: "Awaiting delivery", protection: { text: "Buyer Protection: 12 days left", days_left: 12 } };
  const el = prov.drawProvisional(card, order);
  assert.ok(el);
  assert.equal(el.textContent, "Awaiting delivery · Protection: 12 days left …");
  assert.equal(el.getAttribute("data-verdict"), null, "no verdict");
  assert.equal(card.querySelectorAll("[data-orderwatch-badge]").length, 0, "not a badge for the badge contract");
  assert.equal(prov.drawProvisional(card, order), null, "drawn once");
  prov.clearProvisional(card);
  drawBadge(card, { orderId: order.order_id, status: "in_transit", orderStatus: "shipped", verdict: "watch", label: "In transit", daysSinceUpdate: 3, protectionDaysLeft: 12, reason: "r", tracked: true });
  assert.equal(card.querySelectorAll(`[${prov.PROVISIONAL_ATTR}]`).length, 0);
  assert.equal(card.querySelector("[data-orderwatch-badge]").getAttribute("data-verdict"), "watch");
  assert.equal(prov.drawProvisional(card, order), null, "never over a real badge");
  assert.equal(prov.provisionalText({ order_id: "1" }), "…", "a card that says nothing");
});
test("the core's badge takes the provisional badge's element: nothing leaves or joins the card", () => {
  const { document } = parseHTML(`<!doctype html><html><body><div class="order-item"><div class="order-item-header"><span class="x">page</span></div></div></body></html>`);
  const card = document.querySelector(".order-item");
  const order = { order_id: "8000000000000002", status_text: "Awaiting delivery" };
  const p = prov.drawProvisional(card, order);
  const before = card.querySelectorAll("*").length;
  const el = drawBadge(card, { orderId: order.order_id, status: "delivered", orderStatus: "shipped", verdict: "normal", label: "Delivered", daysSinceUpdate: 1, protectionDaysLeft: 5, reason: "r", tracked: true, text: "Delivered" });
  assert.equal(el, p, "the same element");
  assert.equal(card.querySelectorAll(`[${prov.PROVISIONAL_ATTR}]`).length, 0, "no provisional badge left");
  assert.equal(el.getAttribute("aria-busy"), null, "no longer busy");
  assert.equal(card.querySelectorAll("[data-orderwatch-badge]").length, 1);
  assert.equal(el.getAttribute("data-verdict"), "normal");
  assert.equal(card.querySelector(".order-item-header").firstElementChild, el, "where the provisional badge stood");
  assert.match(el.textContent, /Delivered/);
  assert.equal(card.querySelectorAll("*").length, before + 2, "only the icon and the screen-reader words were added inside it");
});
