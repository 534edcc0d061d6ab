// The mtop gateway: signing, answer classification, order list paging, the tracking JSON →
// order JSON mapping (with the buyer's PII dropped) and the Tracker's retries and limits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { load, fixture } from "../../scripts/test-lib.mjs";
import { ORDERS, MORE_ORDERS, orderListPage, querydetail, QUERYDETAIL_TWO_PACKAGES } from "../fixtures/aliexpress.mjs";

const mtop = await load("shared/mtop.ts");
const { Tracker } = await load("content/tracker.ts");
const { Limiter } = await load("shared/politeness.ts");

const md5 = (s) => createHash("md5").update(s, "utf8").digest("hex");
const PII = ["Jane", "Buyer", "Example Road", "7700", "LS1", "West Yorkshire"];

test("the token is the part of _m_h5_tk before the underscore", () => {
  assert.equal(mtop.tokenFromCookie("a=1; _m_h5_tk=4f2c9e_1772000000000; _m_h5_tk_enc=zz"), "4f2c9e");
  assert.equal(mtop.tokenFromCookie("_m_h5_tk_enc=zz"), "");
  assert.equal(mtop.tokenFromCookie(""), "");
});

test("a GET request is signed as md5(token&t&appKey&data) with every documented parameter", () => {
  const data = mtop.queryDetailData("8214937669763641");
  const req = mtop.buildRequest("mtop.ae.ld.querydetail", data, "tok123", 1772000000000);
  const u = new URL(req.url);
  assert.equal(req.method, "GET");
  assert.equal(u.origin + u.pathname, "https://acs.aliexpress.com/h5/mtop.ae.ld.querydetail/1.0/");
  const q = Object.fromEntries(u.searchParams);
  assert.deepEqual(q, {
    jsv: "2.5.1", appKey: "12574478", t: "1772000000000", sign: md5(`tok123&1772000000000&12574478&${data}`),
    api: "mtop.ae.ld.querydetail", v: "1.0", type: "originaljson", dataType: "originaljson", data,
  });
  assert.equal(JSON.parse(data).tradeOrderId, "8214937669763641");
});

test("a POST request (next list page) carries data in the form body, signed the same way", () => {
  const data = JSON.stringify({ params: "{}", _lang: "en_US" });
  const req = mtop.buildRequest(mtop.API_ORDER_LIST, data, "tok", 5, true);
  const u = new URL(req.url);
  assert.equal(req.method, "POST");
  assert.equal(u.pathname, "/h5/mtop.aliexpress.trade.buyer.order.list/1.0/");
  assert.equal(u.searchParams.get("data"), null);
  assert.equal(u.searchParams.get("post"), "1");
  assert.equal(u.searchParams.get("sign"), md5(`tok&5&12574478&${data}`));
  assert.equal(new URLSearchParams(req.body).get("data"), data);
});

test("gateway answers map to clear per-order errors", async (t) => {
  const cases = [
    ["mtop/token-expired.json", "token_expired"],
    ["mtop/captcha.json", "captcha"],
    ["mtop/session-expired.json", "not_logged_in"],
    [{ ret: ["FAIL_SYS_TOKEN_EMPTY::令牌为空"] }, "token_expired"],
    [{ ret: ["FAIL_SYS_ILLEGAL_ACCESS::非法请求"] }, "not_logged_in"],
    [{ ret: ["FAIL_SYS_FLOWLIMIT::哎哟喂"] }, "rate_limited"],
    [{ ret: ["SOMETHING_NEW::?"] }, "layout_changed"],
    [{ nothing: true }, "layout_changed"],
    ["not an object", "layout_changed"],
    [null, "layout_changed"],
  ];
  for (const [input, code] of cases) {
    await t.test(typeof input === "string" && input.endsWith(".json") ? input : JSON.stringify(input), async () => {
      const json = typeof input === "string" && input.endsWith(".json") ? await fixture(input) : input;
      assert.throws(() => mtop.checkAnswer(json), (err) => err.code === code);
    });
  }
  assert.equal(typeof mtop.checkAnswer(QUERYDETAIL_TWO_PACKAGES).module, "object");
});

test("the order list is read page by page, and the next-page request names the body block", async () => {
  const p1 = mtop.parseOrderList(mtop.checkAnswer(await fixture("mtop/order-list-page1.json")));
  assert.deepEqual(p1.orders.map((o) => o.order_id), ORDERS.map((o) => o.id));
  assert.equal(p1.hasMore, true);
  const next = JSON.parse(p1.next);
  const params = JSON.parse(next.params);
  assert.equal(params.operator, "pc_om_list_body_1");
  assert.equal(params.data.pc_om_list_body_1.fields.pageIndex, 1);
  assert.ok(params.hierarchy && params.linkage && params.endpoint);
  const first = p1.orders[0];
  assert.equal(first.status_text, "Awaiting delivery");
  assert.equal(first.store, ORDERS[0].store);
  assert.deepEqual(first.items[0], { title: ORDERS[0].items[0].title, quantity: 3, price: "US $2.39", product_id: ORDERS[0].items[0].productId, sku: "Color: Black" });
  const p2 = mtop.parseOrderList(mtop.checkAnswer(await fixture("mtop/order-list-page2.json")));
  assert.deepEqual(p2.orders.map((o) => o.order_id), MORE_ORDERS.map((o) => o.id));
  assert.equal(p2.hasMore, false);
  assert.equal(p2.next, "");
  assert.throws(() => mtop.parseOrderList({ data: { x_1: { tag: "other" } } }), (e) => e.code === "layout_changed");
});

test("querydetail with two packages becomes two parcels with numbers, roles and events", async () => {
  const r = mtop.mapQueryDetail(mtop.checkAnswer(await fixture("mtop/querydetail-two-packages.json")));
  assert.equal(r.parcels.length, 2);
  assert.equal(r.shipping_method, "AliExpress standard shipping");
  assert.deepEqual(r.parcels[0].numbers, [
    { number: "LP00123456789012", role: "origin", carrier: "Cainiao" },
    { number: "RB123456785GB", role: "last_mile", carrier: "Royal Mail" },
  ]);
  assert.deepEqual(r.parcels[1].numbers, [{ number: "LP00987654321098", role: "origin", carrier: "Cainiao" }]);
  const e = r.parcels[0].events;
  assert.equal(e.length, 5, "the order's own 'shipped' node is not a parcel event");
  assert.ok(!e.some((x) => x.code === "AE_ORDER_SHIPPED"));
  assert.equal(e[1].text, "Out for delivery");
  assert.equal(e[1].code, "AE_GTMS_DELIVERING");
  assert.equal(typeof e[1].time, "number");
  assert.equal(e[1].location, "Leeds");
  assert.equal(e[4].text, "Accepted by carrier");
  assert.equal(r.parcels[1].events[0].text, "Awaiting flight");
});

test("nothing about the receiver survives the mapping", async () => {
  const r = mtop.mapQueryDetail(mtop.checkAnswer(await fixture("mtop/querydetail-two-packages.json")));
  const json = JSON.stringify(r);
  for (const needle of PII) assert.ok(!json.includes(needle), `${needle} leaked: ${json.slice(0, 200)}`);
  assert.ok(json.includes("[recipient]"), "the name inside an event text is replaced, the event kept");
});

test("a package with only the order's own nodes and no number is no tracking yet", () => {
  const only = querydetail([{ mailNo: "", originMailNo: "", logisticsCarrierName: "AliExpress Standard Shipping", detailList: [
    { time: 1772000000000, trackingName: "Order placed", trackingDetailDesc: "Order placed", trackingPrimaryCode: "AE_ORDER_PLACED", fulfillStage: 0 },
    { time: 1772000100000, trackingName: "Paid", trackingDetailDesc: "Payment confirmed", trackingPrimaryCode: "AE_ORDER_PAID", fulfillStage: 0 },
  ] }]);
  assert.throws(() => mtop.mapQueryDetail(mtop.checkAnswer(only)), (e) => e.code === "no_tracking");
});

test("no packages yet and a changed answer are told apart", async () => {
  const none = await fixture("mtop/querydetail-no-tracking.json");
  const changed = await fixture("mtop/layout-changed.json");
  assert.throws(() => mtop.mapQueryDetail(mtop.checkAnswer(none)), (e) => e.code === "no_tracking");
  assert.throws(() => mtop.mapQueryDetail(mtop.checkAnswer(changed)), (e) => e.code === "layout_changed");
  assert.throws(() => mtop.mapQueryDetail({ module: { trackingDetailLineList: "x" } }), (e) => e.code === "layout_changed");
});

test("hostile tracking texts stay literal and 1 MB strings are bounded", async () => {
  const json = await fixture("mtop/querydetail-hostile.json");
  json.data.module.trackingDetailLineList[0].detailList[0].detailedLocation = "x".repeat(1 << 20);
  json.data.module.trackingDetailLineList[0].detailList[0].trackingDetailDesc += "y".repeat(1 << 20);
  const r = mtop.mapQueryDetail(mtop.checkAnswer(json));
  const ev = r.parcels[0].events[0];
  assert.ok(ev.text.startsWith("<img src=x onerror=alert(7)>\u202Eevil"));
  assert.ok(ev.text.length <= 2000);
  assert.ok(ev.location.length <= 200);
});

// ---- the Tracker, against a scripted gateway ----

function fakeGateway(script) {
  const calls = [];
  let cookie = "_m_h5_tk=tok1_1772000000000";
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = async (url, init) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const u = new URL(url);
    const data = init.method === "POST" ? new URLSearchParams(init.body).get("data") : u.searchParams.get("data");
    const token = mtop.tokenFromCookie(cookie);
    calls.push({ api: u.searchParams.get("api"), method: init.method, credentials: init.credentials, signOk: u.searchParams.get("sign") === md5(`${token}&${u.searchParams.get("t")}&12574478&${data}`), data });
    await new Promise((r) => setTimeout(r, 3));
    inFlight--;
    const out = script({ api: u.searchParams.get("api"), data: JSON.parse(data), n: calls.length, setCookie: (c) => (cookie = c) });
    if (out instanceof Error) throw out;
    return { ok: out.status ? out.status < 400 : true, status: out.status ?? 200, json: async () => out.body ?? out };
  };
  return { fetch, calls, cookie: () => cookie, stats: () => ({ maxInFlight }) };
}

const fastClock = () => {
  let now = 1772000000000;
  return { now: () => now, sleep: async (ms) => { now += ms; } };
};

function tracker(gw) {
  const clock = fastClock();
  return new Tracker({ fetch: gw.fetch, cookie: gw.cookie, clock, limiter: new Limiter(2, 4, clock) });
}

test("an expired token is refreshed from the new cookie and the call retried once", async () => {
  let expired = true;
  const gw = fakeGateway(({ setCookie }) => {
    if (expired) {
      expired = false;
      setCookie("_m_h5_tk=tok2_1772000999999");
      return { api: "x", ret: ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"], data: {} };
    }
    return QUERYDETAIL_TWO_PACKAGES;
  });
  const r = await tracker(gw).trackOrder("8214937669763641");
  assert.equal(r.parcels.length, 2);
  assert.equal(gw.calls.length, 2);
  assert.ok(gw.calls.every((c) => c.signOk && c.credentials === "include"));
});

test("a token that stays expired is reported, not retried forever", async () => {
  const gw = fakeGateway(() => ({ ret: ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"], data: {} }));
  await assert.rejects(tracker(gw).trackOrder("8214937669763641"), (e) => e.code === "token_expired");
  assert.equal(gw.calls.length, 2);
});

test("listAllOrders follows hasMore with POSTs until the last page", async () => {
  const pages = [orderListPage(ORDERS.slice(0, 4), { pageIndex: 1, hasMore: true }), orderListPage(ORDERS.slice(4), { pageIndex: 2, hasMore: true }), orderListPage(MORE_ORDERS, { pageIndex: 3, hasMore: false })];
  const gw = fakeGateway(({ data }) => {
    if (!data.params) return pages[0];
    const p = JSON.parse(data.params);
    return pages[p.data[p.operator].fields.pageIndex];
  });
  const orders = await tracker(gw).listAllOrders();
  assert.deepEqual(orders.map((o) => o.order_id), [...ORDERS, ...MORE_ORDERS].map((o) => o.id));
  assert.deepEqual(gw.calls.map((c) => c.method), ["GET", "POST", "POST"]);
});

test("a list that keeps saying hasMore without new orders stops", async () => {
  const gw = fakeGateway(() => orderListPage(ORDERS.slice(0, 2), { hasMore: true }));
  const orders = await tracker(gw).listAllOrders();
  assert.equal(orders.length, 2);
  assert.equal(gw.calls.length, 2);
});

test("trackOrders reports each order, stops at a captcha, and keeps at most 2 requests in flight", async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `82149376697636${String(10 + i)}`);
  let captchaAnswered = false;
  let startedAfterCaptcha = 0;
  const gw = fakeGateway(({ data }) => {
    if (data.tradeOrderId === ids[7]) {
      captchaAnswered = true;
      return { ret: ["FAIL_SYS_USER_VALIDATE::x"], data: {} };
    }
    return data.tradeOrderId === ids[2] ? querydetail([]) : QUERYDETAIL_TWO_PACKAGES;
  });
  const answer = gw.fetch;
  gw.fetch = (url, init) => {
    if (captchaAnswered) startedAfterCaptcha++; // counted when a request starts
    return answer(url, init);
  };
  const results = new Map();
  const tr = tracker(gw);
  const fatal = await tr.trackOrders(ids, async (id, r) => void results.set(id, r.code ?? "ok"));
  assert.equal(fatal.code, "captcha");
  assert.equal(results.get(ids[2]), "no_tracking");
  assert.equal(results.get(ids[7]), "captcha");
  assert.equal(results.get(ids[0]), "ok");
  assert.ok(results.size < ids.length, "the run stopped after the captcha");
  assert.equal(startedAfterCaptcha, 0, "no request may start after the captcha answer");
  assert.ok(gw.stats().maxInFlight <= 2, `max in flight ${gw.stats().maxInFlight}`);
});

test("network errors and 5xx are retried with back-off, then reported as network errors", async () => {
  let n = 0;
  const gw = fakeGateway(() => (++n <= 2 ? { status: 503, body: {} } : QUERYDETAIL_TWO_PACKAGES));
  const r = await tracker(gw).trackOrder("8214937669763641");
  assert.equal(r.parcels.length, 2);
  assert.equal(gw.calls.length, 3);
  const down = fakeGateway(() => new TypeError("Failed to fetch"));
  await assert.rejects(tracker(down).trackOrder("8214937669763641"), (e) => e.code === "network");
  assert.equal(down.calls.length, 3);
});

test("cancel stops the run", async () => {
  const gw = fakeGateway(() => QUERYDETAIL_TWO_PACKAGES);
  const tr = tracker(gw);
  const ids = Array.from({ length: 20 }, (_, i) => `82149376697636${String(10 + i)}`);
  let seen = 0;
  await tr.trackOrders(ids, async () => {
    if (++seen === 3) tr.cancel();
  });
  assert.ok(gw.calls.length < ids.length, `${gw.calls.length} calls after cancel`);
});
