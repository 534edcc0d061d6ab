// The dashboard view and the page badge with hostile page and carrier texts: everything renders
// as text, links only to allowlisted https hosts, and the stable data-* contract is there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { load, stubI18n } from "../../scripts/test-lib.mjs";

stubI18n({ conflict_replaced: "Your edit was replaced by another browser: $1", status_in_transit: "In transit" });
const view = await load("ui/view.ts");
const { drawBadge } = await load("content/badge.ts");

const HOSTILE = "<img src=x onerror=alert(1)>\u202Etxt.exe\u200B";
const BIG = "A".repeat(1 << 20);

function assessment(over = {}) {
  return {
    order_id: "8214937669763641", order_status: "shipped", status: "in_transit", reason: "", stage: "international", verdict: "act",
    reasons: [{ code: "silent_too_long", verdict: "act", text: `Silent ${HOSTILE}`, facts: {} }], summary: "s",
    last_update: null, days_since_update: 12, days_since_shipment: 20,
    method: { id: "unknown", name: "", min_days: 0, max_days: 0, tracking: "", known: false },
    protection: { deadline: "2026-04-01T00:00:00Z", source: "page", basis: HOSTILE, days_left: 5, warning: 7, expired: false },
    parcels: [{ numbers: [{ number: "javascript:alert(1)" }, { number: "LP00123456789012" }], status: "in_transit", reason: "", stage: "international", last_update: null, days_since_update: 12, legs: [],
      timeline: [{ time: "2026-03-01T10:00:00Z", text: `<svg onload=alert(2)>${BIG}`, location: HOSTILE, status: "in_transit", confidence: 1 }] }],
    advice: [{ situation: "no_updates_too_long", title: HOSTILE, deadline: null, deadline_text: "", steps: [HOSTILE], evidence: ["<b>screenshot</b>"], seller_message: `Hello ${HOSTILE}`, dispute_text: "Dispute <script>x</script>" }],
    confidence: 1, lang: "en", now: "2026-03-08T12:00:00Z", ...over,
  };
}

function row(id, over = {}, recOver = {}) {
  const record = {
    order: { order_id: id, store: `"><svg onload=alert(3)>${HOSTILE}`, items: [{ title: BIG }] },
    marks: { received: null, dispute_opened: true, archived: false }, note: HOSTILE, conflicts: [], version: 1, dismissed: [], firstSeen: "x", ...recOver,
  };
  const a = assessment({ order_id: id, ...over });
  return { record, assessment: a, badge: { orderId: id, status: a.status, orderStatus: a.order_status, verdict: a.verdict, label: "In transit", daysSinceUpdate: 12, protectionDaysLeft: 5, reason: a.reasons[0].text, tracked: true }, conflicts: [] };
}

const actions = (log = []) => ({
  t: (k, sub) => (k === "conflict_replaced" ? `Your edit was replaced by another browser: ${sub}` : sub ? `${k}:${sub}` : k),
  setMark: (...a) => log.push(["mark", ...a]), saveNote: (...a) => log.push(["note", ...a]), dismissConflict: (id) => log.push(["dismiss", id]),
  copy: async (t) => log.push(["copy", t]), exportData: (f) => log.push(["export", f]), syncNow: () => log.push(["sync"]), addNumber: async () => "ok",
});

function renderDashboard(rows, state = { filter: "all", search: "", open: new Set() }, log = []) {
  const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const root = document.getElementById("app");
  view.render(document, root, { rows, pageNotice: { state: "captcha", detail: "", at: "x" }, account: { signedIn: false, email: "", serverUrl: "", lastSyncAt: "", lastSyncError: "", pending: 0 } }, state, actions(log), "dashboard");
  return { document, root };
}

test("hostile texts become text, never elements, scripts or links", () => {
  const { root } = renderDashboard([row("8214937669763641")]);
  assert.equal(root.querySelectorAll("img, svg, script, b, iframe, object").length, 0);
  assert.ok(root.textContent.includes("<img src=x onerror=alert(1)>"), "markup shown literally");
  assert.ok(root.textContent.includes("\u202E"), "bidi override kept as a character (CSS isolates it)");
  for (const a of root.querySelectorAll("a")) {
    const u = new URL(a.getAttribute("href"));
    assert.equal(u.protocol, "https:");
    assert.ok(["global.cainiao.com", "www.aliexpress.com"].includes(u.hostname), u.href);
  }
  assert.ok(![...root.querySelectorAll("a")].some((a) => a.getAttribute("href").includes("javascript")));
  assert.ok(root.textContent.includes("javascript:alert(1)"), "a bad number is shown as text, not a link");
});

test("1 MB strings are cut in the view", () => {
  const { root } = renderDashboard([row("8214937669763641")]);
  assert.ok(root.textContent.length < 200_000, `rendered ${root.textContent.length} characters`);
});

test("rows carry the test contract: id, status, verdict, marks, note", () => {
  const { root } = renderDashboard([row("8214937669763641"), row("8212379857492017", { verdict: "normal", status: "delivered" }, { marks: { received: true, dispute_opened: false, archived: true } })]);
  const r1 = root.querySelector('[data-orderwatch-order="8214937669763641"]');
  assert.equal(r1.getAttribute("data-status"), "in_transit");
  assert.equal(r1.getAttribute("data-order-status"), "shipped");
  assert.equal(r1.getAttribute("data-verdict"), "act");
  assert.equal(r1.querySelector('[data-mark="received"]').getAttribute("aria-pressed"), "mixed");
  assert.equal(r1.querySelector('[data-mark="dispute_opened"]').getAttribute("aria-pressed"), "true");
  assert.equal(r1.querySelector("[data-note]").value, HOSTILE);
  assert.ok(r1.querySelector("[data-note-save]"));
  const r2 = root.querySelector('[data-orderwatch-order="8212379857492017"]');
  assert.equal(r2.querySelector('[data-mark="archived"]').getAttribute("aria-pressed"), "true");
  assert.ok(root.querySelector('[data-orderwatch-page-notice][data-state="captcha"]'));
  for (const f of ["all", "action", "transit", "delivered", "archived"]) assert.ok(root.querySelector(`[data-orderwatch-filter="${f}"]`), f);
  assert.ok(root.querySelector("[data-orderwatch-search]"));
  assert.ok(root.querySelector("[data-orderwatch-sync-now]"));
  assert.deepEqual([...root.querySelectorAll("[data-orderwatch-export]")].map((b) => b.getAttribute("data-orderwatch-export")), ["csv", "json"]);
});

test("filters and search pick the rows", () => {
  const rows = [
    row("8214937669763641"),
    row("8212379857492017", { verdict: "normal", status: "delivered" }),
    row("8203955732372614", { verdict: "normal" }, { marks: { received: null, dispute_opened: false, archived: true } }),
  ];
  const ids = (state) => [...renderDashboard(rows, { open: new Set(), search: "", ...state }).root.querySelectorAll("[data-orderwatch-order]")].map((r) => r.getAttribute("data-orderwatch-order"));
  assert.deepEqual(ids({ filter: "all" }), ["8214937669763641", "8212379857492017", "8203955732372614"]);
  assert.deepEqual(ids({ filter: "action" }), ["8214937669763641"]);
  assert.deepEqual(ids({ filter: "delivered" }), ["8212379857492017"]);
  assert.deepEqual(ids({ filter: "transit" }), ["8214937669763641"]);
  assert.deepEqual(ids({ filter: "archived" }), ["8203955732372614"]);
  assert.deepEqual(ids({ filter: "all", search: "82123798" }), ["8212379857492017"]);
});

test("buttons send the buyer's actions", () => {
  const log = [];
  const { root } = renderDashboard([row("8214937669763641")], undefined, log);
  const r = root.querySelector('[data-orderwatch-order="8214937669763641"]');
  r.querySelector('[data-mark="received"]').click();
  r.querySelector('[data-mark="dispute_opened"]').click();
  r.querySelector("[data-note]").value = "new note";
  r.querySelector("[data-note-save]").click();
  r.querySelector('[data-copy="seller"]').click();
  assert.deepEqual(log.slice(0, 4), [["mark", "8214937669763641", "received", true], ["mark", "8214937669763641", "dispute_opened", false], ["note", "8214937669763641", "new note"], ["copy", `Hello ${HOSTILE}`]]);
});

test("a replaced edit is shown with the lost value", () => {
  const r = row("8214937669763641");
  r.conflicts = [{ field: "note", lost_value: `my old note ${HOSTILE}`, device_id: "dev-b", at: "x" }];
  const { root } = renderDashboard([r]);
  const n = root.querySelector("[data-conflict-notice]");
  assert.ok(n.textContent.startsWith(`Your edit was replaced by another browser: my old note ${HOSTILE}`));
  assert.equal(n.querySelectorAll("img").length, 0);
});

test("the page badge is text with the data-* contract", () => {
  const { document } = parseHTML(`<div class="order-item"><div class="order-item-header"><span>x</span></div></div>`);
  const card = document.querySelector(".order-item");
  const el = drawBadge(card, { orderId: "8214937669763641", status: "in_transit", orderStatus: "shipped", verdict: "watch", label: HOSTILE, daysSinceUpdate: 3, protectionDaysLeft: 20, reason: `why ${HOSTILE}`, tracked: true });
  assert.equal(el.getAttribute("data-orderwatch-badge"), "");
  assert.equal(el.getAttribute("data-order-id"), "8214937669763641");
  assert.equal(el.getAttribute("data-status"), "in_transit");
  assert.equal(el.getAttribute("data-verdict"), "watch");
  assert.equal(el.getAttribute("title"), `why ${HOSTILE}`);
  assert.equal(card.querySelectorAll("img").length, 0);
  drawBadge(card, { orderId: "8214937669763641", status: "delivered", orderStatus: "shipped", verdict: "normal", label: "Delivered", daysSinceUpdate: null, protectionDaysLeft: null, reason: "", tracked: true });
  assert.equal(card.querySelectorAll("[data-orderwatch-badge]").length, 1, "redrawn, not duplicated");
  assert.equal(card.querySelector("[data-orderwatch-badge]").getAttribute("data-status"), "delivered");
});

test("links: only https to allowlisted hosts", async () => {
  const dom = await load("ui/dom.ts");
  const cases = [
    ["https://global.cainiao.com/detail.htm?mailNoList=LP1", true],
    ["https://www.aliexpress.com/p/order/detail.html?orderId=1", true],
    ["javascript:alert(1)", false],
    ["http://www.aliexpress.com/", false],
    ["https://aliexpress.com.evil.com/", false],
    ["https://user:pw@www.aliexpress.com/", false],
    ["data:text/html,<script>", false],
  ];
  for (const [url, ok] of cases) assert.equal(dom.safeUrl(url) !== null, ok, url);
});
