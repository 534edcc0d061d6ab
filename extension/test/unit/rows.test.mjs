// The dashboard's list as summaries (ui/rows.ts): what the worker packs is what the view reads
// back; filters and search over summaries answer as over complete rows; the rows drawn first
// come complete; the others are drawn from their summary, asked for, and filled in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { load, stubI18n } from "../../scripts/test-lib.mjs";

stubI18n({});
const rows = await load("ui/rows.ts");
const view = await load("ui/view.ts");
const badge = await load("shared/badge.ts");

const STAGES = ["not_shipped", "origin", "international", "destination", "customs", "last_mile", "delivered", "returning", "exception", "unknown"];
const STATUSES = ["in_transit", "delivered", "unknown", "returning", "customs_held", "exception"];
const ORDER_STATUSES = ["shipped", "completed", "closed", "awaiting_payment", "processing"];

/** A varied complete row; events: how many tracking events its parcel carries. */
function row(i, events = 0) {
  const id = String(8000000000000000 + i);
  const daysLeft = [30, 3, 0, -4, null][i % 5];
  const a = {
    order_id: id, order_status: ORDER_STATUSES[i % ORDER_STATUSES.length], status: STATUSES[i % STATUSES.length], reason: "", stage: STAGES[i % STAGES.length],
    verdict: ["act", "watch", "normal"][i % 3], reasons: [{ code: "x", verdict: "watch", text: `reason ${i}`, facts: {} }], summary: "", last_update: null,
    days_since_update: i % 4 === 0 ? null : i % 9, days_since_shipment: 3,
    method: { id: "unknown", name: "", min_days: 0, max_days: 0, tracking: "", known: false },
    protection: { deadline: null, source: "", basis: "", days_left: daysLeft, warning: 0, expired: i % 11 === 0 },
    parcels: [{ numbers: [{ number: `RB${i}CN` }], legs: [{ name: "transit", state: i % 2 ? "done" : "pending" }], timeline: [] }],
    advice: [], confidence: 1, lang: "en", now: "2026-03-08T12:00:00Z", eta: null,
  };
  const order = {
    order_id: id, store: i % 13 === 0 ? undefined : `Store ${i}`, status_text: i % 2 ? "Awaiting delivery" : "Completed",
    items: i % 6 === 0 ? [] : [{ title: i % 5 === 0 ? "" : `Item ${i} blue cable` }, { title: `Spare part ${i}` }],
    parcels: [{ numbers: [{ number: `RB${i}CN`, role: "origin" }], events: Array.from({ length: events }, (_, k) => ({ time: "2026-03-01T00:00:00Z", text: `Event ${k} at the sorting centre of a long city name` })) }],
  };
  if (order.store === undefined) delete order.store;
  const record = {
    order, marks: { received: [null, true, false][i % 3], dispute_opened: false, archived: i % 8 === 0 }, note: i % 4 === 1 ? `note about gift ${i}` : "",
    conflicts: [], version: 1, dismissed: [], firstSeen: "x", ...(i % 17 === 0 ? { manual: true } : {}),
  };
  const b = { orderId: id, status: a.status, orderStatus: a.order_status, verdict: a.verdict, label: `label ${a.status}`, daysSinceUpdate: a.days_since_update, protectionDaysLeft: null, reason: "", tracked: true };
  return { record, assessment: a, badge: b, conflicts: [] };
}

test("a summary packs and unpacks to itself (marks, protection left/ended/none, stage modes, manual orders)", () => {
  const kinds = new Set();
  for (let i = 0; i < 200; i++) {
    const s = rows.summarize(row(i));
    kinds.add(`${s.protection.kind}/${s.stage.mode}/${s.received}`);
    const back = rows.unpackRow(JSON.parse(JSON.stringify(rows.packRow(s))));
    assert.deepEqual(back, s, `row ${i}`);
  }
  assert.ok(kinds.size >= 12, `only ${kinds.size} kinds of summary were tried`);
});

test("filters and search over summaries answer as over complete rows", () => {
  const all = Array.from({ length: 300 }, (_, i) => row(i));
  const queries = ["", "  ", "store 1", "STORE 12", "blue", "spare part 7", "rb1", "gift", "completed", "awaiting", "8000000000000042", "nothing like it", "—"];
  let hits = 0;
  for (const f of ["all", "action", "transit", "delivered", "archived"]) {
    for (const q of queries) {
      for (const r of all) {
        const want = badge.matchesFilter(r.record, r.assessment, f) && badge.matchesSearch(r.record, q);
        const s = rows.unpackRow(rows.packRow(rows.summarize(r)));
        assert.equal(rows.summaryMatches(s, f, q), want, `${f} "${q}" row ${r.record.order.order_id}`);
        if (want && q.trim()) hits++;
      }
    }
  }
  assert.ok(hits > 100, `the queries matched only ${hits} times`);
});

test("a summary does not grow with the order's tracking events: that is what the bodies carry", () => {
  const bare = JSON.stringify(rows.packRow(rows.summarize(row(7, 0)))).length;
  const tracked = JSON.stringify(rows.packRow(rows.summarize(row(7, 60)))).length;
  assert.equal(tracked, bare);
  assert.ok(JSON.stringify(row(7, 60)).length > 20 * bare, "the complete row should be far larger");
});

test("the bodies that come with the list: every row of a short list (in list order, archived last), none of a windowed one", () => {
  const short = Array.from({ length: rows.LIST_WHOLE }, (_, i) => rows.summarize(row(i)));
  const first = rows.firstDrawn(short);
  assert.deepEqual(first.map((s) => s.id), rows.listOrder(short).map((s) => s.id));
  assert.ok(first.findIndex((s) => s.archived) > first.findLastIndex((s) => !s.archived), "archived orders come last in the list");
  const long = Array.from({ length: rows.LIST_WHOLE + 1 }, (_, i) => rows.summarize(row(i)));
  assert.deepEqual(rows.firstDrawn(long), []);
});

const actions = (asked) => ({
  t: (k, s) => (s ? `${k}:${s}` : k), setMark() {}, saveNote() {}, dismissConflict() {}, copy: async () => {}, exportData() {}, syncNow() {},
  addNumber: async () => "", setSellerContact: async () => "", needDetails: (ids) => asked.push(...ids),
});
const account = { signedIn: false, email: "", serverUrl: "", lastSyncAt: "", lastSyncError: "", pending: 0 };

test("a windowed list of summaries: closed rows drawn from their summary; a row opened asks for its body once, which fills it in place", () => {
  const full = Array.from({ length: 2000 }, (_, i) => row(i));
  const byId = new Map(full.map((r) => [r.record.order.order_id, r]));
  const sums = full.map((r) => rows.unpackRow(rows.packRow(rows.summarize(r))));
  const { document, Event } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const root = document.getElementById("app");
  const asked = [];
  const a = actions(asked);
  const state = { filter: "all", search: "", open: new Set() };
  const data = { rows: sums, details: new Map(), pageNotice: null, account };
  globalThis.IntersectionObserver = class { observe() {} disconnect() {} };
  try {
    view.render(document, root, data, state, a, "dashboard");
    const drawn = [...root.querySelectorAll("[data-orderwatch-order]")];
    assert.equal(drawn.length, rows.LIST_WINDOW);
    assert.ok(drawn.every((el) => el.hasAttribute(view.PENDING_ATTR) && !el.querySelector("[data-mark]")), "closed rows of a windowed list carry no body");
    assert.equal(root.querySelector("[data-orderwatch-more]").getAttribute("data-orderwatch-more"), String(2000 - rows.LIST_WINDOW));
    assert.deepEqual(asked, [], "closed rows ask for nothing");

    // The buyer opens a closed row: it asks for its body (a toggle that closes asks nothing).
    const top = drawn[0];
    const topId = top.getAttribute("data-orderwatch-order");
    top.dispatchEvent(new Event("toggle"));
    assert.deepEqual(asked, []);
    top.setAttribute("open", "");
    top.dispatchEvent(new Event("toggle"));
    assert.deepEqual(asked, [topId]);
    const topSummary = top.querySelector("summary");
    view.fillRows(document, root, [byId.get(topId)], a);
    assert.equal(root.querySelector(`[data-orderwatch-order="${topId}"]`), top);
    assert.equal(top.querySelector("summary"), topSummary, "the summary line stays (and keeps the focus)");
    assert.ok(!top.hasAttribute(view.PENDING_ATTR) && top.querySelector("[data-mark]"));
    asked.length = 0;

    // A search over every order finds a row far down the list: a short list, drawn whole, so
    // its body is asked for at once.
    state.search = "Spare part 1999";
    view.render(document, root, data, state, a, "dashboard");
    const found = [...root.querySelectorAll("[data-orderwatch-order]")];
    assert.deepEqual(found.map((el) => el.getAttribute("data-orderwatch-order")), ["8000000000001999"]);
    assert.match(found[0].querySelector("summary").textContent, /Store 1999 — Item 1999 blue cable/);
    assert.equal(found[0].getAttribute("data-verdict"), byId.get("8000000000001999").badge.verdict);
    assert.deepEqual(asked, ["8000000000001999"]);
    found[0].setAttribute("open", "");

    // Its body comes: the same row element and summary line, now with the body.
    const summary = found[0].querySelector("summary");
    view.fillRows(document, root, [byId.get("8000000000001999")], a);
    const filled = root.querySelector('[data-orderwatch-order="8000000000001999"]');
    assert.equal(filled, found[0]);
    assert.equal(filled.querySelector("summary"), summary);
    assert.ok(!filled.hasAttribute(view.PENDING_ATTR) && filled.hasAttribute("open") && filled.querySelector('[data-mark="archived"]') && filled.querySelector("[data-note]"));
    assert.equal(filled.querySelectorAll("summary").length, 1);
    // The head of a filled row is the one its summary drew.
    const head = (r) => { const d = document.createElement("div"); d.append(view.renderPending(document, rows.summarize(r), a, false)); return d.querySelector("summary").innerHTML; };
    assert.equal(summary.innerHTML, head(byId.get("8000000000001999")));

    // Redrawn with the row open and its body held: drawn whole at once, nothing asked.
    state.open.add("8000000000001999");
    data.details.set("8000000000001999", byId.get("8000000000001999"));
    asked.length = 0;
    view.render(document, root, data, state, a, "dashboard");
    const again = root.querySelector('[data-orderwatch-order="8000000000001999"]');
    assert.ok(!again.hasAttribute(view.PENDING_ATTR) && again.querySelector("[data-note]"));
    assert.deepEqual(asked, []);
  } finally {
    delete globalThis.IntersectionObserver;
  }
});

test("a short list of summaries is drawn whole: rows whose bodies are missing are asked for in one call", () => {
  const full = Array.from({ length: 40 }, (_, i) => row(i));
  const sums = full.map((r) => rows.summarize(r));
  const details = new Map(full.slice(0, 10).map((r) => [r.record.order.order_id, r]));
  const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const root = document.getElementById("app");
  const asked = [];
  view.render(document, root, { rows: sums, details, pageNotice: null, account }, { filter: "all", search: "", open: new Set() }, actions(asked), "dashboard");
  const els = [...root.querySelectorAll("[data-orderwatch-order]")];
  assert.equal(els.length, 40);
  assert.equal(els.filter((el) => !el.hasAttribute(view.PENDING_ATTR)).length, 10);
  assert.deepEqual(new Set(asked), new Set(full.slice(10).map((r) => r.record.order.order_id)));
  assert.equal(asked.length, 30);
});
