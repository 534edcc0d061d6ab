// The mtop gateway: signing, answer classification, order list paging, the tracking JSON →
// order JSON mapping (with the buyer's PII dropped) and the Tracker's retries and limits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { load, fixture } from "../../scripts/test-lib.mjs";
import { ORDERS, MORE_ORDERS, orderListPage, querydetail, QUERYDETAIL_TWO_PACKAGES } from "../fixtures/aliexpress.mjs";
import * as RS from "../fixtures/mtop/real-shape.mjs";

const mtop = await load("shared/mtop.ts");
const { Tracker, MAX_TOKEN_RETRIES } = await load("content/tracker.ts");
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
    api: "mtop.ae.ld.querydetail", v: "1.0", type: "originaljson", dataType: "json", timeout: "15000", needLogin: "true", ecode: "1", data,
  });
  assert.equal(JSON.parse(data).tradeOrderId, "8214937669763641");
  // The page's querydetail request: an empty order line id and the buyer's own time zone.
  assert.equal(JSON.parse(data).tradeOrderLineId, "");
  assert.equal(JSON.parse(mtop.queryDetailData("8214937669763641", "GMT+2")).timeZone, "GMT+2");
  assert.equal(JSON.parse(data)._lang, "en_US");
});

test("a POST request (next list page) carries data in the form body, signed the same way", () => {
  const data = JSON.stringify({ params: "{}", _lang: "en_US" });
  const req = mtop.buildRequest(mtop.API_ORDER_LIST, data, "tok", 5, true);
  const u = new URL(req.url);
  assert.equal(req.method, "POST");
  assert.equal(u.pathname, "/h5/mtop.aliexpress.trade.buyer.order.list/1.0/");
  assert.equal(u.searchParams.get("data"), null);
  assert.equal(u.searchParams.get("post"), "1");
  assert.equal(u.searchParams.get("isSec"), "1");
  assert.equal(u.searchParams.get("sign"), md5(`tok&5&12574478&${data}`));
  assert.equal(new URLSearchParams(req.body).get("data"), data);
});

test("gateway answers map to clear per-order errors", async (t) => {
  const cases = [
    ["mtop/token-expired.json", "token_expired"],
    ["mtop/captcha.json", "captcha"],
    ["mtop/session-expired.json", "not_logged_in"],
    [{ ret: ["FAIL_SYS_TOKEN_EMPTY::令牌为空"] }, "token_expired"],
    ["mtop/illegal-access.json", "token_expired"],
    ["mtop/sid-invalid.json", "not_logged_in"],
    [{ ret: ["FAIL_SYS_TOKEN_EXPIRED::x"] }, "token_expired"],
    [{ ret: ["FAIL_SYS_ILLEGAL_ACCESS::非法请求"] }, "token_expired"],
    [{ ret: ["FAIL_SYS_SID_INVALID::x"] }, "not_logged_in"],
    [{ ret: ["NEED_LOGIN::x"] }, "not_logged_in"],
    [{ ret: ["FAIL_SYS_SESSION_EXPIRED::Session过期"] }, "not_logged_in"],
    [{ ret: ["FAIL_SYS_USER_VALIDATE", "RGV587_ERROR::SM"] }, "captcha"],
    [{ ret: ["FAIL_SYS_TRAFFIC_LIMIT::x"] }, "rate_limited"],
    [{ ret: ["FAIL_SYS_FLOWLIMIT::哎哟喂"] }, "rate_limited"],
    [{ ret: ["FAIL_SYS_ACCESS_DENIED::x"] }, "layout_changed"],
    [{ ret: ["UNKNOWN_FAIL_CODE::x"] }, "layout_changed"],
    [{ ret: ["FAIL_SYS_ILLEGAL_REQUEST::非法请求"] }, "layout_changed"],
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

test("the real list shape: orders in hierarchy order, skuAttrs objects read, the next page built as the page does", async () => {
  const raw = await fixture("mtop/real-list-page1.json");
  // The fixture's data keys are scrambled, as on the real gateway: key order must not be used.
  const keyOrder = Object.keys(raw.data.data).filter((k) => k.startsWith("pc_om_list_order_")).map((k) => k.slice(17));
  const want = RS.LIST_ORDERS_P1.map((o) => o.id);
  assert.notDeepEqual(keyOrder, want, "fixture keys must not already be in display order");
  const p1 = mtop.parseOrderList(mtop.checkAnswer(raw), { shipToCountry: "GB" });
  assert.deepEqual(p1.orders.map((o) => o.order_id), want);
  assert.equal(p1.hasMore, true);
  assert.equal(p1.pageIndex, 1);
  const first = p1.orders[0];
  assert.equal(first.status_text, "Awaiting delivery");
  assert.equal(first.store, "Harbour Kite Store");
  assert.deepEqual(first.items[0], { title: "Folding kite reel with line guide", quantity: 2, price: "US $6.20", product_id: "1005007000001201", sku: "Color: Sky blue, Size: 30 m" });
  assert.equal(p1.orders[2].items[1].sku, undefined, "no SKU attributes, no sku");
  // The next-page request: params is a JSON string whose parts are JSON strings too.
  const outer = JSON.parse(p1.next);
  assert.equal(outer.shipToCountry, "GB");
  assert.equal(outer._lang, "en_US");
  assert.equal(typeof outer.params, "string");
  const params = JSON.parse(outer.params);
  for (const k of ["data", "linkage", "hierarchy", "endpoint"]) assert.equal(typeof params[k], "string", `params.${k} must be a JSON string`);
  assert.equal(params.operator, "pc_om_list_body_109702");
  const blocks = JSON.parse(params.data);
  assert.deepEqual(Object.keys(blocks).sort(), ["pc_om_list_body_109702", "pc_om_list_header_action_110846"]);
  assert.equal(blocks.pc_om_list_body_109702.fields.pageIndex, 2, "the client raises pageIndex");
  assert.equal(blocks.pc_om_list_header_action_110846.fields.statusTab, "all");
  assert.deepEqual(JSON.parse(params.linkage), raw.data.linkage, "linkage passed on unchanged");
  assert.deepEqual(JSON.parse(params.hierarchy), raw.data.hierarchy);
  assert.deepEqual(JSON.parse(params.endpoint), raw.data.endpoint);
  const p2 = mtop.parseOrderList(mtop.checkAnswer(await fixture("mtop/real-list-page2.json")));
  assert.deepEqual(p2.orders.map((o) => o.order_id), RS.LIST_ORDERS_P2.map((o) => o.id));
  assert.equal(p2.hasMore, false);
  assert.equal(p2.next, "");
  assert.throws(() => mtop.parseOrderList({ data: { x_1: { tag: "other" } } }), (e) => e.code === "layout_changed");
});

test("the first list request carries the ship-to country, the time zone and _lang", () => {
  const d = JSON.parse(mtop.orderListInit({ shipToCountry: "US", timeZone: "GMT-5" }));
  assert.deepEqual(d, { statusTab: null, renderType: "init", clientPlatform: "pc", shipToCountry: "US", _lang: "en_US", timeZone: "GMT-5" });
  assert.equal(mtop.timeZoneOf(120), "GMT+2");
  assert.equal(mtop.timeZoneOf(-180), "GMT-3");
  assert.equal(mtop.timeZoneOf(330), "GMT+5:30");
  assert.equal(mtop.timeZoneOf(0), "GMT+0");
});

test("a list page without linkage cannot be paged, and an empty page is an error, not the end", () => {
  const page = RS.listPage(RS.LIST_ORDERS_P1, { hasMore: true });
  delete page.data.linkage;
  assert.throws(() => mtop.parseOrderList(mtop.checkAnswer(page)), (e) => e.code === "layout_changed" && /linkage/.test(e.message));
  assert.throws(() => mtop.parseOrderList({ data: {}, linkage: {} }), (e) => e.code === "layout_changed");
});

test("the display order follows hierarchy.structure depth-first; blocks it does not name come last", () => {
  const data = { data: { c: {}, b: {}, a: {}, z: {} }, hierarchy: { root: "r", structure: { r: ["a", "x"], x: ["b", "c"] } } };
  assert.deepEqual(mtop.displayOrder(data), ["a", "b", "c", "z"]);
});

test("skuAttrs: objects {id,name,text,vid}, plain strings, and junk", () => {
  assert.equal(mtop.skuText([{ id: 14, name: "Color", text: "Red", vid: 1 }, { id: 5, name: "", text: "XL", vid: 2 }]), "Color: Red, XL");
  assert.equal(mtop.skuText(["Color:Red"]), "Color:Red");
  assert.equal(mtop.skuText([{ id: 1 }, null, 3]), "");
  assert.equal(mtop.skuText("x"), "");
});

test("tokens: two _m_h5_tk cookies visible, the newer wins", () => {
  assert.equal(mtop.tokenFromCookie("_m_h5_tk=old_1000; x=1; _m_h5_tk=new_2000"), "new");
  assert.equal(mtop.tokenFromCookie("_m_h5_tk=new_2000; _m_h5_tk=old_1000"), "new");
});

test("the real querydetail shape: order nodes dropped, code falls back to the second code, stage a string", async () => {
  const r = mtop.mapQueryDetail(mtop.checkAnswer(await fixture("mtop/real-querydetail-delivered.json")));
  assert.equal(r.parcels.length, 1);
  const ev = r.parcels[0].events;
  assert.equal(ev.length, 7, "the two AE_ORDER_* nodes are not parcel events");
  assert.ok(!ev.some((e) => /^AE_ORDER_/.test(e.code ?? "")));
  assert.equal(ev[1].code, "AE_GTMS_DELIVERING", "primary code first");
  assert.equal(ev[4].code, "AE_LH_DEPART_SUCCESS", "no primary code: the second code");
  assert.equal(ev[4].text, "Package leaving origin country/region.");
  assert.equal(ev[2].location, "Swindon");
  assert.deepEqual(r.parcels[0].numbers, [
    { number: "LP00555000012345", role: "origin", carrier: "Cainiao" },
    { number: "H01ZZA0000012345", role: "last_mile", carrier: "Evri" },
  ]);
});

test("an unshipped order (only AE_ORDER_* nodes, no number) is not shipped: no parcel", async () => {
  const unshipped = await fixture("mtop/real-querydetail-unshipped.json");
  assert.throws(() => mtop.mapQueryDetail(mtop.checkAnswer(unshipped)), (e) => e.code === "no_tracking" && /not shipped/.test(e.message));
  // The same nodes on a line that has a number: a parcel with its number and no events.
  const withNumber = RS.querydetail([RS.line({ mailNo: "LP00555000099999", originMailNo: "LP00555000099999", detailList: RS.QD_UNSHIPPED.data.module.trackingDetailLineList[0].detailList })]);
  const r = mtop.mapQueryDetail(mtop.checkAnswer(withNumber));
  assert.equal(r.parcels.length, 1);
  assert.deepEqual(r.parcels[0].events, []);
});

test("the receiver planted in real field names and inside event texts, locations and notes never comes out", async () => {
  const scrub = new mtop.Scrubber();
  const r = mtop.mapQueryDetail(mtop.checkAnswer(await fixture("mtop/real-querydetail-delivered.json")), scrub);
  const json = JSON.stringify(r);
  for (const n of RS.RECEIVER_NEEDLES) assert.ok(!json.toLowerCase().includes(n.toLowerCase()), `${n} leaked: ${json}`);
  assert.ok(json.includes("Package delivered. Signed for by [recipient]"), "the event is kept, the name replaced");
  assert.ok(/courier will call \[recipient\]/.test(json), `phone written another way is scrubbed: ${json}`);
  // The scrubber now knows this receiver: other texts leaving later are scrubbed too.
  assert.equal(scrub.text("for perpetua at 07700-900-582"), "for [recipient] at 0[recipient]");
  assert.equal(scrub.text("ring (0044) 7700 900 582"), "ring (0044) [recipient]");
  const deep = scrub.deep({ a: ["Quarrendon Vale depot"], b: { c: "ZZ1 4XQ" }, n: 3 });
  assert.deepEqual(deep, { a: ["[recipient] depot"], b: { c: "[recipient]" }, n: 3 });
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
  assert.equal(e[1].location, undefined, "the receiver's own city is not kept as a location");
  assert.equal(e[2].location, "London");
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
  let cookie = "_m_h5_tk=tok1_1772000000000; aep_usuc_f=site=glo&c_tp=GBP&region=GB&b_locale=en_US";
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = async (url, init) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const u = new URL(url);
    const data = init.method === "POST" ? new URLSearchParams(init.body).get("data") : u.searchParams.get("data");
    const token = mtop.tokenFromCookie(cookie);
    calls.push({ origin: u.origin, api: u.searchParams.get("api"), method: init.method, credentials: init.credentials, signOk: u.searchParams.get("sign") === md5(`${token}&${u.searchParams.get("t")}&12574478&${data}`), data: JSON.parse(data) });
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
  return new Tracker({ fetch: gw.fetch, cookie: gw.cookie, clock, limiter: new Limiter(2, 4, clock), timeZone: () => "GMT+2" });
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
  assert.equal(gw.calls.length, 1 + MAX_TOKEN_RETRIES, "bounded: one try and MAX_TOKEN_RETRIES re-signed tries");
  assert.equal(MAX_TOKEN_RETRIES, 2);
});

/** A strict list gateway: pages by the client-raised pageIndex in params.data (a JSON string) and the linkage it handed out. */
function listGateway(total, size) {
  const orders = Array.from({ length: total }, (_, i) => ({ ...RS.LIST_ORDERS_P1[i % 3], id: `82155500000${String(10000 + i)}` }));
  const served = [];
  const answer = ({ data }) => {
    let page = 1;
    if (data.params !== undefined) {
      const p = JSON.parse(data.params);
      assert.equal(typeof p.data, "string", "params.data must be a JSON string");
      const blocks = JSON.parse(p.data);
      const body = Object.values(blocks).find((b) => b.tag === "pc_om_list_body");
      assert.ok(Object.values(blocks).some((b) => b.tag === "pc_om_list_header_action"), "the header-action block is sent");
      const linkage = JSON.parse(p.linkage);
      assert.equal(body.fields.pageIndex, linkage.signature.page + 1, "pageIndex raised by one from the page the linkage belongs to");
      page = body.fields.pageIndex;
    }
    served.push(page);
    return RS.listPage(orders.slice((page - 1) * size, page * size), { pageIndex: page, pageSize: size, hasMore: page * size < total, linkage: { common: {}, signature: { page } } });
  };
  return { orders, served, answer };
}

test("listAllOrders walks every page of a long account with POSTs built from the previous answer", async () => {
  const lg = listGateway(347, 10);
  const gw = fakeGateway(lg.answer);
  const orders = await tracker(gw).listAllOrders();
  assert.equal(orders.length, 347);
  assert.deepEqual(orders.map((o) => o.order_id), lg.orders.map((o) => o.id));
  assert.deepEqual(lg.served, Array.from({ length: 35 }, (_, i) => i + 1));
  assert.deepEqual(gw.calls.map((c) => c.method), ["GET", ...Array(34).fill("POST")]);
  assert.ok(gw.calls.every((c) => c.signOk));
  const init = gw.calls[0].data;
  assert.equal(init.timeZone, "GMT+2");
  assert.equal(init.shipToCountry, "GB");
  assert.equal(gw.calls[1].data.shipToCountry, "GB");
  assert.equal(gw.calls[1].data._lang, "en_US");
});

test("a gateway that answers page 1 again stops the walk with an error, not a short list", async () => {
  const gw = fakeGateway(() => RS.listPage(RS.LIST_ORDERS_P1, { pageIndex: 1, hasMore: true }));
  const tr = tracker(gw);
  await assert.rejects(tr.listAllOrders(), (e) => e.code === "layout_changed" && /again/.test(e.message));
  assert.equal(gw.calls.length, 2);
  assert.deepEqual(tr.listedSoFar.map((o) => o.order_id), RS.LIST_ORDERS_P1.map((o) => o.id), "the pages read before the refusal are kept for the fallback");
});

test("requests go to the page's storefront gateway", async () => {
  const gw = fakeGateway(() => QUERYDETAIL_TWO_PACKAGES);
  const clock = fastClock();
  const tr = new Tracker({ fetch: gw.fetch, cookie: gw.cookie, clock, limiter: new Limiter(2, 4, clock), gateway: "https://acs.aliexpress.us", timeZone: () => "GMT-5" });
  await tr.trackOrder("8214937669763641");
  assert.equal(gw.calls[0].origin, "https://acs.aliexpress.us");
  assert.equal(gw.calls[0].data.timeZone, "GMT-5");
});

test("every request is signed when its limiter slot comes, with the token of that moment", async () => {
  // Four requests queue behind a limiter of 1; the token changes while they wait.
  let token = "tokA";
  const seen = [];
  const fetch = async (url, init) => {
    const u = new URL(url);
    const data = u.searchParams.get("data");
    seen.push({ sign: u.searchParams.get("sign"), want: md5(`${token}&${u.searchParams.get("t")}&12574478&${data}`), token });
    await new Promise((r) => setTimeout(r, 2));
    if (seen.length === 1) token = "tokB"; // the gateway rotated the token after the first answer
    return { ok: true, status: 200, json: async () => QUERYDETAIL_TWO_PACKAGES };
  };
  const clock = fastClock();
  const tr = new Tracker({ fetch, cookie: () => `_m_h5_tk=${token}_1772000999999`, clock, limiter: new Limiter(1, 100, clock) });
  const ids = ["8214937669763641", "8214937669763642", "8214937669763643", "8214937669763644"];
  await tr.trackOrders(ids, async () => {});
  assert.equal(seen.length, 4);
  assert.deepEqual(seen.map((x) => x.token), ["tokA", "tokB", "tokB", "tokB"]);
  assert.ok(seen.every((x) => x.sign === x.want), "a queued request was signed with a token older than the one it was sent with");
});

test("FAIL_SYS_ILLEGAL_ACCESS mid-run is a token error: re-signed with the new cookie, not 'signed out'", async () => {
  let n = 0;
  const gw = fakeGateway(({ setCookie }) => {
    if (++n === 3) {
      setCookie("_m_h5_tk=tok9_1772000999999");
      return RS.RET("FAIL_SYS_ILLEGAL_ACCESS", "非法请求");
    }
    return QUERYDETAIL_TWO_PACKAGES;
  });
  const results = new Map();
  const ids = Array.from({ length: 6 }, (_, i) => `82149376697636${String(10 + i)}`);
  const fatal = await tracker(gw).trackOrders(ids, async (id, r) => void results.set(id, r.code ?? "ok"));
  assert.equal(fatal, null);
  assert.deepEqual([...results.values()], Array(6).fill("ok"));
  assert.equal(gw.calls.length, 7);
  assert.ok(gw.calls.every((c) => c.signOk));
});

test("FAIL_SYS_SID_INVALID stops the run as signed out", async () => {
  const gw = fakeGateway(({ n }) => (n === 2 ? RS.RET("FAIL_SYS_SID_INVALID") : QUERYDETAIL_TWO_PACKAGES));
  const ids = Array.from({ length: 8 }, (_, i) => `82149376697636${String(10 + i)}`);
  const fatal = await tracker(gw).trackOrders(ids, async () => {});
  assert.equal(fatal.code, "not_logged_in");
  assert.ok(gw.calls.length < ids.length);
});

test("a flow limit is retried with back-off, then reported as rate_limited", async () => {
  let n = 0;
  const gw = fakeGateway(() => (++n === 1 ? RS.RET("FAIL_SYS_TRAFFIC_LIMIT") : QUERYDETAIL_TWO_PACKAGES));
  assert.equal((await tracker(gw).trackOrder("8214937669763641")).parcels.length, 2);
  assert.equal(gw.calls.length, 2);
  const always = fakeGateway(() => RS.RET("FAIL_SYS_TRAFFIC_LIMIT"));
  await assert.rejects(tracker(always).trackOrder("8214937669763641"), (e) => e.code === "rate_limited");
  assert.equal(always.calls.length, 3);
});

test("messages leaving the tracker are scrubbed with every receiver seen in the run", async () => {
  const delivered = await fixture("mtop/real-querydetail-delivered.json");
  // A second order whose carrier text names the first order's receiver, with no receiver block of its own.
  const other = RS.querydetail([RS.line({ mailNo: "LP00555000077777", originMailNo: "LP00555000077777", detailList: [RS.event(1790000000000, 1700, "In transit", "Parcel for Perpetua Ashgrove-Nimm at 17 Larkspur Wynd", "AE_GTMS_ACCEPT")] })], {});
  const gw = fakeGateway(({ data }) => (data.tradeOrderId === "8214937669763641" ? delivered : other));
  const out = [];
  const tr = new Tracker({ fetch: gw.fetch, cookie: gw.cookie, clock: fastClock(), limiter: new Limiter(1, 100, fastClock()) });
  await tr.trackOrders(["8214937669763641", "8214937669763642"], async (id, r) => void out.push(JSON.stringify(r)));
  const all = out.join("\n");
  for (const n of RS.RECEIVER_NEEDLES) assert.ok(!all.includes(n), `${n} left the tracker: ${all.slice(0, 300)}`);
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
