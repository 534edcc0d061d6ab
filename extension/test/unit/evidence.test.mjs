// The evidence pack in the extension's pure code: AliExpress's own estimate and promise read from the
// tracking answer, the messages that carry them and the evidence-pack request, and the
// buyer's delivered trips for the arrival window.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const mtop = await load("shared/mtop.ts");
const messages = await load("shared/messages.ts");
const ev = await load("shared/evidence.ts");

/** A querydetail answer in the shape of the real capture (MCP-CAP, extension/docs/aliexpress-facts.md). */
const answer = (extra = {}) => ({
  module: {
    trackingDetailLineList: [{
      mailNo: "LP00123456789012",
      logisticsCarrierName: "AliExpress Standard Shipping",
      etaInfo: { beginEtaTime: 1785196800000, endEtaTime: 1785801600000, etaTimeText: "Aug. 4", etaSceneCode: "NORMAL" },
      detailList: [{ time: 1783000000000, trackingDetailDesc: "Package collected by carrier.", trackingPrimaryCode: "AE_PICK_UP_SUCCESS" }],
    }],
    fastDeliveryInfoDTO: { fdContentList: ["Apply for R$5.00 coupon code if delayed by Aug 3, 2026", { text: "Refund if no delivery before Sep 3, 2026" }, "Refund if package lost", 42] },
    logisticsReceiverInfo: { contactName: "Jane Buyer" },
    ...extra,
  },
});

test("promiseDate reads the English date at the end of a promise", () => {
  assert.equal(mtop.promiseDate("Refund if no delivery before Sep 3, 2026"), "2026-09-03");
  assert.equal(mtop.promiseDate("Apply for coupon if delayed by Aug. 13 2026"), "2026-08-13");
  assert.equal(mtop.promiseDate("Refund if no delivery before Feb 30, 2026"), "");
  assert.equal(mtop.promiseDate("Refund if package lost"), "");
});

test("mapQueryDetail reads etaInfo and the fastDeliveryInfoDTO promises", () => {
  const r = mtop.mapQueryDetail(answer());
  assert.deepEqual(r.parcels[0].eta, { earliest: 1785196800000, latest: 1785801600000, text: "Aug. 4" });
  assert.deepEqual(r.promise, {
    texts: ["Apply for R$5.00 coupon code if delayed by Aug 3, 2026", "Refund if no delivery before Sep 3, 2026", "Refund if package lost"],
    refund_by: "2026-09-03",
    coupon_by: "2026-08-03",
  });
  // Once the line states the real delivery, it is no estimate.
  const done = answer();
  done.module.trackingDetailLineList[0].etaInfo.etaSceneCode = "REAL_DELIVERY";
  assert.equal(mtop.mapQueryDetail(done).parcels[0].eta, undefined);
  // No promise block, no promise.
  assert.equal(mtop.mapQueryDetail(answer({ fastDeliveryInfoDTO: null })).promise, undefined);
});

test("the tracking message keeps the estimate and the promise, bounded", () => {
  const r = mtop.mapQueryDetail(answer());
  const m = messages.parseMessage({ type: messages.MSG.trackingResult, orderId: "8214937669763641", parcels: r.parcels, promise: { ...r.promise, texts: [...Array(30)].map((_, i) => `t${i}`), other: "x" } }, "content");
  assert.deepEqual(m.parcels[0].eta, r.parcels[0].eta);
  assert.equal(m.promise.refund_by, "2026-09-03");
  assert.equal(m.promise.texts.length, 10);
  assert.equal(m.promise.other, undefined);
});

test("the evidence-pack request accepts PNG/JPEG data URIs only, from extension pages", () => {
  const ok = { type: messages.MSG.evidencePack, orderId: "8214937669763641", screenshots: [{ data_uri: "data:image/png;base64,iVBORw0KGgo=", title: "t", extra: 1 }] };
  const m = messages.parseMessage(ok, "extension");
  assert.deepEqual(m.screenshots, [{ data_uri: "data:image/png;base64,iVBORw0KGgo=", title: "t" }]);
  assert.deepEqual(messages.parseMessage({ type: messages.MSG.evidencePack, orderId: "8214937669763641" }, "extension").screenshots, []);
  assert.throws(() => messages.parseMessage(ok, "content"), /not allowed/);
  for (const bad of ["data:image/svg+xml;base64,PHN2Zz4=", "https://example.com/a.png", "data:text/html;base64,PHNjcmlwdD4="]) {
    assert.throws(() => messages.parseMessage({ ...ok, screenshots: [{ data_uri: bad }] }, "extension"), /PNG or JPEG/);
  }
  assert.throws(() => messages.parseMessage({ ...ok, screenshots: Array(9).fill(ok.screenshots[0]) }, "extension"), /at most 8/);
});

test("tripsOf: delivered parcels with the method and the destination, in days", () => {
  const a = {
    method: { id: "aliexpress_standard" },
    parcels: [
      { status: "delivered", timeline: [{ at: "2026-03-01T00:00:00Z", status: "accepted" }, { at: "2026-03-19T12:00:00Z", status: "delivered" }] },
      { status: "in_transit", timeline: [{ at: "2026-03-01T00:00:00Z", status: "accepted" }] },
    ],
  };
  assert.deepEqual(ev.tripsOf(a, "de"), [{ method: "aliexpress_standard", country: "DE", days: 18.5 }]);
  // My Orders does not say the country: such trips count for the buyer's orders of unknown country.
  assert.deepEqual(ev.tripsOf(a, ""), [{ method: "aliexpress_standard", country: "", days: 18.5 }]);
  assert.deepEqual(ev.tripsOf({ ...a, method: { id: "unknown" } }, "DE"), []);
  assert.equal(ev.evidenceFileName("manual-ab/../c"), "orderwatch-evidence-manual-ab____c.html");
});

test("a dashboard row shows the arrival window beside AliExpress's word, and the Evidence pack button", async () => {
  const { parseHTML } = await import("linkedom");
  const { stubI18n } = await import("../../scripts/test-lib.mjs");
  stubI18n({});
  const view = await load("ui/view.ts");
  const { document } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const a = {
    order_id: "8214937669763641", order_status: "shipped", status: "in_transit", reason: "", stage: "international", verdict: "watch",
    reasons: [], summary: "s", last_update: null, days_since_update: 1, days_since_shipment: 20,
    method: { id: "aliexpress_standard", name: "AliExpress Standard Shipping", min_days: 15, max_days: 30, tracking: "good", known: true },
    protection: { deadline: null, source: "", basis: "", days_left: null, warning: 0, expired: false },
    eta: { earliest: "2026-03-20T00:00:00Z", latest: "2026-03-28T00:00:00Z", basis: "stage", samples: 0, passed: false,
      aliexpress: { earliest: null, latest: "2026-03-25T00:00:00Z", text: "Mar. 25", refund_by: "2026-04-02T00:00:00Z", refund_days_left: 13, refund_passed: false, texts: [] } },
    parcels: [], advice: [], confidence: 1, lang: "en", now: "2026-03-20T12:00:00Z",
  };
  const rec = { order: { order_id: a.order_id }, marks: { received: null, dispute_opened: false, archived: false }, note: "", conflicts: [], version: 1, dismissed: [], firstSeen: "x" };
  const calls = [];
  const acts = {
    t: (k) => k, setMark() {}, saveNote() {}, dismissConflict() {}, copy: async () => {}, exportData() {}, syncNow() {}, addNumber: async () => "",
    setSellerContact: async () => "", evidencePack: async (id, capture) => (calls.push([id, capture]), "saved"),
  };
  const el = view.renderRow(document, { record: rec, assessment: a, badge: { orderId: a.order_id, status: "in_transit", orderStatus: "shipped", verdict: "watch", label: "x", daysSinceUpdate: 1, protectionDaysLeft: null, reason: "", tracked: true }, conflicts: [] }, acts, true);
  const eta = el.querySelector("[data-eta]");
  assert.equal(eta.getAttribute("data-eta"), "stage");
  assert.equal(eta.getAttribute("data-eta-refund-by"), "2026-04-02");
  assert.match(eta.textContent, /AliExpress/);
  assert.match(eta.textContent, /\(based on the stage reached\)/, "the window names its basis");
  el.querySelector("[data-evidence-capture]").checked = true;
  el.querySelector("[data-evidence-pack]").click();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(calls, [[a.order_id, true]]);
  assert.equal(el.querySelector("[data-evidence-result]").textContent, "saved");
});

test("My Orders asks the worker for a pack by order id only", () => {
  const m = messages.parseMessage({ type: messages.MSG.evidencePackPage, orderId: "8214937669763641", screenshots: [{ data_uri: "x" }] }, "content");
  assert.deepEqual(m, { type: messages.MSG.evidencePackPage, orderId: "8214937669763641" });
  assert.throws(() => messages.parseMessage({ type: messages.MSG.evidencePackPage, orderId: "12" }, "content"), /orderId/);
});

test("historyOf: the delivered trips of every order with its country; historyMatters: 3 of the same method and country for an order on its way", () => {
  const delivered = (days) => ({
    method: { id: "aliexpress_standard", known: true }, eta: null,
    parcels: [{ status: "delivered", timeline: [{ at: "2026-03-01T00:00:00Z", status: "accepted" }, { at: new Date(Date.parse("2026-03-01T00:00:00Z") + days * 86_400_000).toISOString(), status: "delivered" }] }],
  });
  const assessed = new Map([["a", delivered(20)], ["b", delivered(14)], ["c", delivered(30)], ["d", delivered(25)], ["e", { method: { id: "aliexpress_standard", known: true }, eta: {}, parcels: [] }]]);
  const h = ev.historyOf([{ id: "a" }, { id: "b", country: "de" }, { id: "c" }, { id: "d" }, { id: "e" }, { id: "missing" }], assessed);
  assert.deepEqual(h, [
    { method: "aliexpress_standard", country: "", days: 20 }, { method: "aliexpress_standard", country: "", days: 25 },
    { method: "aliexpress_standard", country: "", days: 30 }, { method: "aliexpress_standard", country: "DE", days: 14 },
  ]);
  // The key does not depend on the order the records came in.
  const again = ev.historyOf([{ id: "d" }, { id: "c" }, { id: "b", country: "DE" }, { id: "a" }], assessed);
  assert.equal(ev.historyKey(again), ev.historyKey(h));
  const onWay = { method: { id: "aliexpress_standard", known: true }, eta: { basis: "stage" } };
  assert.equal(ev.historyMatters(onWay, "", h), true);
  assert.equal(ev.historyMatters(onWay, "DE", h), false, "one trip to DE");
  assert.equal(ev.historyMatters({ ...onWay, eta: null }, "", h), false, "delivered: no window");
  assert.equal(ev.historyMatters({ ...onWay, method: { id: "aliexpress_saver", known: true } }, "", h), false, "another method");
  assert.equal(ev.historyMatters({ ...onWay, days_since_shipment: 19 }, "", h), true, "3 trips of at least 19 days");
  assert.equal(ev.historyMatters({ ...onWay, days_since_shipment: 26 }, "", h), false, "only 1 trip as long as 26 days");
});

test("the core's assessBatch takes the buyer's history: the window of an order on its way says basis history", async () => {
  const { loadCore } = await import("../../../wasm/js/harness.mjs");
  const core = await loadCore();
  const now = "2026-04-01T12:00:00Z";
  const order = (id, delivery) => ({
    order_id: id, order_date: "2026-03-01", status_text: delivery ? "Completed" : "Awaiting delivery", shipping_method: "AliExpress Standard Shipping",
    parcels: [{ numbers: [{ number: `LP00${id.slice(-10)}CN` }], events: [
      { time: "2026-03-02T08:00:00Z", text: "Package collected by carrier" },
      { time: "2026-03-04T08:00:00Z", text: "Departed from country of origin" },
      ...(delivery ? [{ time: delivery, text: "Delivered" }] : []),
    ] }],
  });
  const orders = [order("8200000000000001", "2026-04-03T10:00:00Z"), order("8200000000000002", "2026-04-06T10:00:00Z"), order("8200000000000003", "2026-04-10T10:00:00Z"), order("8200000000000009")];
  const first = core.assessBatch(orders, "2026-04-20T00:00:00Z");
  const history = ev.historyOf(orders.map((o) => ({ id: o.order_id })), new Map(first.map((a) => [a.order_id, a])));
  assert.equal(history.length, 3, JSON.stringify(history));
  const without = core.assessBatch([orders[3]], now)[0];
  const withH = core.assessBatch([orders[3]], now, { history })[0];
  assert.notEqual(without.eta.basis, "history");
  assert.equal(withH.eta.basis, "history");
  assert.equal(withH.eta.samples, 3);
  assert.equal(ev.historyMatters(without, "", history), true);
  // As assess with the same history would give it, and refused when malformed.
  assert.throws(() => core.assessBatch([orders[3]], now, { history, extra: 1 }), /options/);
  assert.throws(() => core.assessBatch([orders[3]], now, [history]), /options must be an object/);
});
