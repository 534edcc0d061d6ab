// The content script's Tracker against the e2e fake gateway (test/fakesite/server.mjs) over real
// HTTPS in Node: the fake is as strict as the real gateway is known to be (paging by JSON-string
// params and rotating linkage, FAIL_SYS_ILLEGAL_ACCESS for a stale token), so the client must do
// everything right to list every order; and the fake refuses lenient clients (checked here too).
import { test } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import { load } from "../../scripts/test-lib.mjs";
import { startFakeSite } from "../fakesite/server.mjs";
import { PII_NEEDLES } from "../fakesite/data.mjs";

const mtop = await load("shared/mtop.ts");
const { Tracker } = await load("content/tracker.ts");
const { Limiter } = await load("shared/politeness.ts");

/** A tiny browser: cookie jar per domain suffix, Origin of the page, requests to the fake's port. */
function browser(site, pageHost) {
  const jar = new Map(); // name@domain -> value
  const cookieFor = (host) => [...jar.entries()].filter(([k]) => host.endsWith(k.split("@")[1].replace(/^\./, ""))).map(([k, v]) => `${k.split("@")[0]}=${v}`).join("; ");
  const take = (host, setCookie = []) => {
    for (const c of [].concat(setCookie)) {
      const [nv, ...attrs] = c.split(";");
      const i = nv.indexOf("=");
      const dom = (attrs.find((a) => /^\s*domain=/i.test(a)) ?? `domain=${host}`).split("=")[1].trim();
      jar.set(`${nv.slice(0, i).trim()}@${dom}`, nv.slice(i + 1).trim());
    }
  };
  const request = (url, init = {}) => new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = https.request({ host: "127.0.0.1", port: site.port, servername: u.hostname, rejectUnauthorized: false, method: init.method ?? "GET", path: u.pathname + u.search,
      headers: { host: u.hostname, origin: `https://${pageHost}`, cookie: cookieFor(u.hostname), ...(init.headers ?? {}) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        take(u.hostname, res.headers["set-cookie"]);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ ok: res.statusCode < 400, status: res.statusCode, headers: res.headers, json: async () => JSON.parse(text), text: async () => text });
      });
    });
    req.on("error", reject);
    if (init.body) req.write(init.body);
    req.end();
  });
  return { request, fetch: request, cookie: () => cookieFor(pageHost) };
}

const fast = () => ({ now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))) });

test("Track all on www.aliexpress.us: every page of the list through acs.aliexpress.us, a mid-run token loss recovered", async () => {
  const site = await startFakeSite({ count: 34, seed: 77, plantPii: true });
  try {
    const b = browser(site, "www.aliexpress.us");
    await b.request("https://www.aliexpress.us/p/order/index.html");
    assert.match(b.cookie(), /_m_h5_tk=/);
    const tr = new Tracker({ fetch: b.fetch, cookie: b.cookie, clock: fast(), limiter: new Limiter(2, 1000, fast()), gateway: "https://acs.aliexpress.us", timeZone: () => "GMT-5" });
    const orders = await tr.listAllOrders();
    assert.deepEqual(orders.map((o) => o.order_id), site.account.orders.map((o) => o.orderId), "every order, in the list's order");
    const list = site.requests.filter((r) => r.api === "mtop.aliexpress.trade.buyer.order.list");
    assert.deepEqual(list.map((r) => r.pageIndex), [1, 2, 3, 4]);
    assert.ok(list.every((r) => r.host === "acs.aliexpress.us" && !r.listRefused && r.shipToCountry === "US" && r.lang === "en_US"));
    assert.equal(list[0].timeZone, "GMT-5");
    site.invalidateTokensAfter(5);
    const out = [];
    const fatal = await tr.trackOrders(orders.map((o) => o.order_id), async (id, r) => void out.push([id, r instanceof Error ? r.code : "ok", JSON.stringify(r)]));
    assert.equal(fatal, null);
    const byCode = {};
    for (const [, c] of out) byCode[c] = (byCode[c] ?? 0) + 1;
    const shipped = site.account.orders.filter((o) => o.parcels.some((p) => !p.noTracking)).length;
    assert.equal(byCode.ok, shipped, JSON.stringify(byCode));
    assert.equal((byCode.no_tracking ?? 0), orders.length - shipped);
    const qd = site.requests.filter((r) => r.api === "mtop.ae.ld.querydetail");
    const illegal = qd.filter((r) => r.ret?.startsWith("FAIL_SYS_ILLEGAL_ACCESS"));
    assert.ok(illegal.length >= 1 && illegal.length <= 2, `${illegal.length} ILLEGAL_ACCESS answers (at most the 2 in flight)`);
    assert.ok(qd.filter((r) => r.ret?.startsWith("SUCCESS")).every((r) => r.timeZone === "GMT-5" && r.tradeOrderLineId === ""));
    const all = out.map((x) => x[2]).join("\n");
    for (const n of PII_NEEDLES) assert.ok(!all.includes(n), `${n} left the tracker`);
  } finally {
    await site.close();
  }
});

test("the fake gateway refuses lenient clients as the real one does", async () => {
  const site = await startFakeSite({ count: 25, seed: 5 });
  try {
    const b = browser(site, "www.aliexpress.com");
    await b.request("https://www.aliexpress.com/p/order/index.html");
    const call = async (data, post = true, token = mtop.tokenFromCookie(b.cookie())) => {
      const req = mtop.buildRequest(mtop.API_ORDER_LIST, data, token, Date.now(), { post });
      const res = await b.request(req.url, { method: req.method, body: req.body, headers: req.body ? { "content-type": "application/x-www-form-urlencoded" } : {} });
      return res.json();
    };
    const first = await call(mtop.orderListInit({ shipToCountry: "GB", timeZone: "GMT+0" }), false);
    const p1 = mtop.parseOrderList(mtop.checkAnswer(first), { shipToCountry: "GB" });
    const good = JSON.parse(p1.next);
    const params = JSON.parse(good.params);
    // The right request: page 2.
    assert.equal(mtop.parseOrderList(mtop.checkAnswer(await call(p1.next))).pageIndex, 2);
    // Object-valued parts: page 1 again.
    const objs = { ...params, data: JSON.parse(params.data), linkage: JSON.parse(params.linkage) };
    assert.equal(mtop.parseOrderList(mtop.checkAnswer(await call(JSON.stringify({ ...good, params: JSON.stringify(objs) })))).pageIndex, 1);
    // The same pageIndex sent again (not raised): page 1 again.
    const blocks = JSON.parse(params.data);
    for (const b2 of Object.values(blocks)) if (b2.tag === "pc_om_list_body") b2.fields.pageIndex = 1;
    assert.equal(mtop.parseOrderList(mtop.checkAnswer(await call(JSON.stringify({ ...good, params: JSON.stringify({ ...params, data: JSON.stringify(blocks) }) })))).pageIndex, 1);
    // No linkage: SUCCESS with empty data.
    const noLink = await call(JSON.stringify({ ...good, params: JSON.stringify({ ...params, linkage: undefined }) }));
    assert.equal(mtop.retCode(noLink), "SUCCESS");
    assert.deepEqual(noLink.data.data, {});
    // A signature made with another token: FAIL_SYS_ILLEGAL_ACCESS and a fresh cookie.
    const before = b.cookie();
    assert.equal(mtop.retCode(await call(p1.next, true, "0123456789abcdef")), "FAIL_SYS_ILLEGAL_ACCESS");
    assert.notEqual(b.cookie(), before);
    // Cross-storefront: acs.aliexpress.us does not answer a www.aliexpress.com page's CORS.
    const res = await b.request(mtop.buildRequest(mtop.API_QUERY_DETAIL, mtop.queryDetailData(site.account.orders[0].orderId), mtop.tokenFromCookie(b.cookie()), Date.now(), { gateway: "https://acs.aliexpress.us" }).url);
    assert.equal(res.headers["access-control-allow-origin"], undefined, "the .us gateway must not let a .com page read it");
    const own = await b.request(mtop.buildRequest(mtop.API_QUERY_DETAIL, mtop.queryDetailData(site.account.orders[0].orderId), mtop.tokenFromCookie(b.cookie()), Date.now()).url);
    assert.equal(own.headers["access-control-allow-origin"], "https://www.aliexpress.com");
  } finally {
    await site.close();
  }
});

test("the fake answers in the real captures' shapes (so the e2e exercises the real ones)", async () => {
  const site = await startFakeSite({ count: 25, seed: 9 });
  try {
    const b = browser(site, "www.aliexpress.com");
    await b.request("https://www.aliexpress.com/p/order/index.html");
    const get = async (api, data) => (await b.request(mtop.buildRequest(api, data, mtop.tokenFromCookie(b.cookie()), Date.now()).url)).json();
    const list = (await get(mtop.API_ORDER_LIST, mtop.orderListInit({ shipToCountry: "GB", timeZone: "GMT+0" }))).data;
    const keys = Object.keys(list.data).filter((k) => k.startsWith("pc_om_list_order_"));
    assert.notDeepEqual(keys, list.hierarchy.structure.pc_om_list_body_109702, "block keys come scrambled, display order only in hierarchy");
    assert.equal(typeof list.hierarchy.root, "string");
    const line = list.data[keys[0]].fields.orderLines[0];
    assert.ok(line.skuAttrs.every((a) => typeof a === "object" && "id" in a && "name" in a && "text" in a && "vid" in a));
    const shipped = site.account.orders.find((o) => o.parcels.some((p) => !p.noTracking && p.events.some((e) => e.key === "wAccept" || e.key === "wAcceptZh")));
    const qd = (await get(mtop.API_QUERY_DETAIL, mtop.queryDetailData(shipped.orderId))).data.module;
    for (const f of ["contactName", "phoneCountry", "phoneNumber", "address", "address2", "city", "province", "zipCode"]) assert.ok(f in qd.logisticsReceiverInfo, `receiver field ${f}`);
    const evs = qd.trackingDetailLineList[0].detailList;
    const orderNodes = evs.filter((e) => /^AE_ORDER_/.test(e.trackingSecondCode ?? ""));
    assert.ok(orderNodes.length >= 2);
    assert.ok(orderNodes.every((e) => !("trackingPrimaryCode" in e) && !("fulfillStage" in e)), "order nodes: only the second code");
    assert.ok(evs.filter((e) => !orderNodes.includes(e)).every((e) => typeof e.fulfillStage === "string"), "fulfillStage is a string");
  } finally {
    await site.close();
  }
});
