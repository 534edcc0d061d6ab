// Fake AliExpress for the end-to-end tests: one HTTPS server that answers by Host header for
// the storefronts' My Orders pages (www.aliexpress.com, localised es./fr./pt./de.aliexpress.com,
// www.aliexpress.us), login.aliexpress.com, the mtop JSON gateways acs.aliexpress.com and
// acs.aliexpress.us (token, signature and paging checked as strictly as the real gateway is
// known to be, see docs/aliexpress-facts.md) and global.cainiao.com (public tracking).
// Browsers reach it under the real host names (Chromium: --host-resolver-rules; Firefox: a PAC
// file pointing those hosts at the small CONNECT proxy below), so content scripts run on their
// real match patterns. Every request is recorded for politeness and privacy assertions.
//
// Usage: const site = await startFakeSite({ latencyMs: 0 }); … await site.close();
// Or from a shell: node test/fakesite/server.mjs [--latency 150] [--port 8443]

import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cainiaoEvents, eventTemplate, fmtDate, generateAccount, groundTruthOrder, mtopEvent, RECEIVER } from "./data.mjs";
import { renderOrdersPage, renderSimplePage } from "./page.mjs";

/** My Orders hosts (storefronts) and the gateway each one's pages call. */
export const STOREFRONT_HOSTS = {
  "www.aliexpress.com": { gateway: "acs.aliexpress.com", cookieDomain: ".aliexpress.com", region: "GB", lang: "en" },
  "es.aliexpress.com": { gateway: "acs.aliexpress.com", cookieDomain: ".aliexpress.com", region: "ES", lang: "es" },
  "fr.aliexpress.com": { gateway: "acs.aliexpress.com", cookieDomain: ".aliexpress.com", region: "FR", lang: "fr" },
  "pt.aliexpress.com": { gateway: "acs.aliexpress.com", cookieDomain: ".aliexpress.com", region: "BR", lang: "pt-BR" },
  "de.aliexpress.com": { gateway: "acs.aliexpress.com", cookieDomain: ".aliexpress.com", region: "DE", lang: "de" },
  "www.aliexpress.us": { gateway: "acs.aliexpress.us", cookieDomain: ".aliexpress.us", region: "US", lang: "en" },
};
const GATEWAYS = { "acs.aliexpress.com": ".aliexpress.com", "acs.aliexpress.us": ".aliexpress.us" };
export const HOSTS = [...Object.keys(STOREFRONT_HOSTS), ...Object.keys(GATEWAYS), "global.cainiao.com", "login.aliexpress.com"];
const APP_KEYS = new Set(["24815441", "12574478"]);
const TOKEN_TTL_MS = 30 * 60 * 1000;
// Item pictures: real PNGs, as AliExpress serves raster images under these names (an SVG would
// be rendered on the page's main thread and skew the page's timing). One per product id, each a
// flat tint with a darker "product" square, so no two cards share a decoded image.
const pictures = new Map();
function pngChunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}
function productPicture(id, size = 220) {
  let png = pictures.get(id);
  if (png) return png;
  let h = 2166136261;
  for (const ch of String(id)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const bg = [200 + (h & 31), 200 + ((h >> 5) & 31), 200 + ((h >> 10) & 31)];
  const fg = bg.map((c) => c - 70);
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const inside = x > size / 4 && x < (size * 3) / 4 && y > size / 4 && y < (size * 3) / 4;
      (inside ? fg : bg).forEach((c, i) => { row[1 + x * 3 + i] = c; });
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 2;
  png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk("IHDR", ihdr), pngChunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), pngChunk("IEND", Buffer.alloc(0))]);
  if (pictures.size < 10000) pictures.set(id, png);
  return png;
}

/** Makes a throwaway self-signed certificate for every fake host (needs openssl). */
export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), "orderwatch-fakesite-"));
  const san = "subjectAltName=" + [...HOSTS, "*.aliexpress.com", "*.aliexpress.us", "localhost"].map((h) => `DNS:${h}`).join(",") + ",IP:127.0.0.1";
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
    "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-subj", "/CN=www.aliexpress.com", "-addext", san],
  { stdio: "ignore" });
  const cert = { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  rmSync(dir, { recursive: true, force: true });
  return cert;
}

const md5 = (s) => createHash("md5").update(s, "utf8").digest("hex");

function parseCookies(header = "") {
  const out = {};
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** Every value of one cookie name (two _m_h5_tk can be sent: a domain and a host-only one). */
function cookieValues(header = "", name) {
  const out = [];
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) out.push(decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

/** The ret codes the fake answers with (the real codes, maxwellmezadre/aliexpress-mcp src/mtop/errors.ts @33243bb1). */
export const RET = {
  ok: "SUCCESS::调用成功",
  tokenEmpty: "FAIL_SYS_TOKEN_EMPTY::令牌为空",
  tokenExpired: "FAIL_SYS_TOKEN_EXOIRED::令牌过期",
  illegalAccess: "FAIL_SYS_ILLEGAL_ACCESS::非法请求",
  illegalRequest: "FAIL_SYS_ILLEGAL_REQUEST::非法请求",
  sessionExpired: "FAIL_SYS_SESSION_EXPIRED::Session过期",
};

/**
 * Starts the fake site. Options: seed, count (orders), now (ms), latencyMs (added to every JSON
 * answer), pageSize (cards per page view).
 */
export async function startFakeSite(opts = {}) {
  const { seed = 20260221, count = 60, now = Date.now(), pageSize = 10 } = opts;
  // listPageSize: orders per mtop list page (10 on the real list); plantPii: the receiver also
  // inside event texts, locations and notes, as carriers write them.
  const listPageSize = opts.listPageSize ?? 10;
  const account = generateAccount({ seed, count, now });
  const linkageSecret = randomBytes(8).toString("hex");
  const byId = new Map(account.orders.map((o) => [o.orderId, o]));
  const state = {
    latencyMs: opts.latencyMs ?? 0,
    loggedIn: true,
    captcha: false,
    tokens: new Map(), // token -> expiry ms
    invalidateAfter: -1, // successful mtop answers until every token is forgotten (-1: never)
  };
  const requests = []; // since the last resetStats()
  const allRequests = []; // the whole run, for the privacy checks
  let inflight = 0;
  let maxInflight = 0;
  const { key, cert } = makeCertificate();

  const issueToken = (domain = ".aliexpress.com") => {
    const token = randomBytes(16).toString("hex");
    const exp = Date.now() + TOKEN_TTL_MS;
    state.tokens.set(token, exp);
    return [
      `_m_h5_tk=${token}_${exp}; Domain=${domain}; Path=/; Secure; SameSite=None`,
      `_m_h5_tk_enc=${md5(token + "enc")}; Domain=${domain}; Path=/; Secure; SameSite=None`,
    ];
  };

  const server = https.createServer({ key, cert }, (req, res) => {
    const started = Date.now();
    const chunks = [];
    req.on("data", (c) => { if (chunks.reduce((n, b) => n + b.length, 0) < 2e6) chunks.push(c); });
    req.on("end", async () => {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      const url = new URL(req.url, `https://${host || "invalid"}`);
      const body = Buffer.concat(chunks).toString("utf8");
      const rec = {
        t: started, host, method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams),
        origin: req.headers.origin ?? null, cookie: req.headers.cookie ?? "", body, status: 0, ret: null, end: 0,
      };
      requests.push(rec);
      allRequests.push(rec);
      inflight++;
      maxInflight = Math.max(maxInflight, inflight);
      try {
        await route(host, url, req, res, body, rec);
      } catch (err) {
        rec.error = String(err?.stack ?? err);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("fakesite error");
      } finally {
        inflight--;
        rec.status = res.statusCode;
        rec.end = Date.now();
      }
    });
  });

  const delay = () => (state.latencyMs > 0 ? new Promise((r) => setTimeout(r, state.latencyMs)) : null);

  async function route(host, url, req, res, body, rec) {
    if (STOREFRONT_HOSTS[host]) return www(url, req, res, host);
    if (host === "login.aliexpress.com") return send(res, 200, "text/html; charset=utf-8", renderSimplePage("Sign in", "<p>Sign in to AliExpress (fake).</p>"));
    if (GATEWAYS[host]) { await delay(); return mtop(url, req, res, body, rec, host); }
    if (host === "global.cainiao.com") { await delay(); return cainiao(url, req, res, rec); }
    return send(res, 421, "text/plain", `fakesite: unknown host ${host}`);
  }

  function send(res, status, type, body, headers = {}) {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
    res.end(body);
  }

  function www(url, req, res, host) {
    const q = url.searchParams;
    const sf = STOREFRONT_HOSTS[host];
    if (url.pathname === "/p/order/index.html") {
      if (!state.loggedIn || q.get("login") === "0") {
        const back = encodeURIComponent(`https://${host}${url.pathname}${url.search}`);
        return send(res, 302, "text/plain", "", { location: `https://login.aliexpress.com/?return_url=${back}` });
      }
      // The ship-to country lives in the aep_usuc_f cookie (nrbrook/AliExpress-Order-Export @da503ea2).
      const region = `aep_usuc_f=${encodeURIComponent(`site=glo&c_tp=USD&region=${sf.region}&b_locale=en_US`)}; Domain=${sf.cookieDomain}; Path=/; Secure; SameSite=None`;
      const html = renderOrdersPage(account.orders, {
        lang: sf.lang, host,
        pageSize: Number(q.get("pageSize")) || pageSize,
        captcha: state.captcha || q.get("captcha") === "1",
        layout: q.get("layout") ?? "current",
        bench: q.get("bench") === "1",
        renderDelayMs: Number(q.get("renderDelay") ?? 80),
      });
      return send(res, 200, "text/html; charset=utf-8", html, { "set-cookie": [...issueToken(sf.cookieDomain), region] });
    }
    if (url.pathname === "/p/order/detail.html" || url.pathname === "/p/tracking/index.html") {
      const id = q.get("orderId") ?? q.get("tradeOrderId") ?? "";
      const o = byId.get(id);
      return send(res, o ? 200 : 404, "text/html; charset=utf-8", renderSimplePage(`Order ${o ? o.orderId : "not found"}`, "<p>Details are loaded by the app.</p>"));
    }
    if (url.pathname.startsWith("/kf/")) return send(res, 200, "image/png", productPicture(url.pathname));
    if (url.pathname.startsWith("/item/") || url.pathname.startsWith("/store/")) return send(res, 200, "text/html; charset=utf-8", renderSimplePage("AliExpress", ""));
    return send(res, 404, "text/plain", "not found");
  }

  function corsHeaders(req, gw) {
    const origin = req.headers.origin ?? "";
    // Only the gateway's own site may read mtop with credentials: acs.aliexpress.com answers
    // the *.aliexpress.com storefronts, acs.aliexpress.us the .us one.
    const oh = origin.replace(/^https:\/\//, "");
    if (STOREFRONT_HOSTS[oh]?.gateway === gw) {
      return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
    }
    return {};
  }

  function mtopReply(req, res, rec, api, ret, data, extraHeaders = {}, q) {
    rec.api = api;
    rec.ret = ret[0];
    if (ret[0] === RET.ok && state.invalidateAfter > 0 && --state.invalidateAfter === 0) {
      // The test's hook: from now on every token the browser holds is unknown to the gateway.
      state.tokens.clear();
      state.invalidateAfter = -1;
    }
    const payload = { api, data: data ?? {}, ret, v: "1.0" };
    const type = q.get("type") ?? q.get("dataType") ?? "originaljson";
    const json = JSON.stringify(payload);
    const headers = { ...corsHeaders(req, rec.host), ...extraHeaders };
    if (type === "originaljsonp" || type === "jsonp") {
      const cb = /^[A-Za-z_$][\w$]{0,40}$/.test(q.get("callback") ?? "") ? q.get("callback") : "mtopjsonp1";
      return send(res, 200, "application/javascript; charset=utf-8", `${cb}(${json})`, headers);
    }
    return send(res, 200, "application/json; charset=utf-8", json, headers);
  }

  function mtop(url, req, res, body, rec, gw) {
    if (req.method === "OPTIONS") {
      const h = corsHeaders(req, gw);
      if (h["access-control-allow-origin"]) {
        h["access-control-allow-methods"] = "GET, POST";
        h["access-control-allow-headers"] = req.headers["access-control-request-headers"] ?? "content-type";
        h["access-control-max-age"] = "600";
      }
      return send(res, 204, "text/plain", "", h);
    }
    const m = url.pathname.match(/^\/h5\/([a-z0-9.]+)\/1\.0\/?$/);
    const q = url.searchParams;
    if (!m) return send(res, 404, "application/json", JSON.stringify({ ret: ["FAIL_SYS_API_NOT_FOUNDED::请求API不存在"] }));
    const api = m[1];
    // POST carries data in the form body.
    let dataJson = q.get("data");
    if (req.method === "POST") {
      const form = new URLSearchParams(body);
      if (form.has("data")) dataJson = form.get("data");
    }
    rec.dataJson = dataJson;
    rec.dataType = q.get("dataType");
    rec.query = Object.fromEntries(q);
    const fresh = { "set-cookie": issueToken(GATEWAYS[gw]) };
    // Every _m_h5_tk sent (a domain cookie and a host-only acs. one can both come): the request
    // passes when it is signed with one that the gateway issued and still honours.
    const tokens = cookieValues(req.headers.cookie, "_m_h5_tk").map((v) => v.split("_")[0]).filter(Boolean);
    if (tokens.length === 0) return mtopReply(req, res, rec, api, [RET.tokenEmpty], {}, fresh, q);
    const t = q.get("t") ?? "";
    const appKey = q.get("appKey") ?? "";
    if (!APP_KEYS.has(appKey) || !/^\d{10,13}$/.test(t) || dataJson == null) {
      return mtopReply(req, res, rec, api, [RET.illegalRequest], {}, {}, q);
    }
    const signedWith = tokens.find((tk) => q.get("sign") === md5(`${tk}&${t}&${appKey}&${dataJson}`));
    if (!signedWith) {
      // A signature that matches no token sent: the real gateway answers FAIL_SYS_ILLEGAL_ACCESS
      // with a fresh token (a token error, maxwellmezadre/aliexpress-mcp errors.ts @33243bb1).
      rec.badSign = true;
      return mtopReply(req, res, rec, api, [RET.illegalAccess], {}, fresh, q);
    }
    const exp = state.tokens.get(signedWith);
    if (exp === undefined) { rec.staleToken = true; return mtopReply(req, res, rec, api, [RET.illegalAccess], {}, fresh, q); }
    if (exp < Date.now()) return mtopReply(req, res, rec, api, [RET.tokenExpired], {}, fresh, q);
    if (!state.loggedIn) return mtopReply(req, res, rec, api, [RET.sessionExpired], {}, {}, q);
    if (state.captcha) {
      return mtopReply(req, res, rec, api, ["FAIL_SYS_USER_VALIDATE", "RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试"],
        { url: "https://www.aliexpress.com/punish?x5secdata=fake" }, {}, q);
    }
    let data;
    try { data = JSON.parse(dataJson); } catch { return mtopReply(req, res, rec, api, ["FAIL_SYS_ILLEGAL_REQUEST::非法请求"], {}, {}, q); }
    if (api === "mtop.aliexpress.trade.buyer.order.list") return mtopReply(req, res, rec, api, [RET.ok], orderList(data, rec), {}, q);
    if (api === "mtop.ae.ld.querydetail") {
      const o = byId.get(String(data?.tradeOrderId ?? ""));
      rec.orderId = data?.tradeOrderId;
      rec.timeZone = data?.timeZone;
      rec.tradeOrderLineId = data?.tradeOrderLineId;
      if (!o) return mtopReply(req, res, rec, api, ["FAIL_BIZ_ORDER_NOT_EXIST::订单不存在"], {}, {}, q);
      return mtopReply(req, res, rec, api, [RET.ok], { module: trackingModule(o) }, {}, q);
    }
    return mtopReply(req, res, rec, api, ["FAIL_SYS_API_NOT_FOUNDED::请求API不存在"], {}, {}, q);
  }

  // ---- order list, as strict as the real gateway is known to be ----
  // Facts (docs/aliexpress-facts.md): next pages are a POST whose `params` is a JSON string with
  // data/linkage/hierarchy/endpoint as JSON strings, the body block's pageIndex raised by the
  // client and the header-action block included (nrbrook/AliExpress-Order-Export @da503ea2,
  // maxwellmezadre/aliexpress-mcp src/ultron/parse.ts @03ac3f53); without linkage the answer is
  // SUCCESS with empty data, and a request the gateway does not take gets page 1 again
  // (maxwellmezadre/aliexpress-mcp docs/INTERNAL-API.md @4bc8266a, NRB's stop rule).
  const linkageSig = (tab, page) => md5(`${linkageSecret}|${tab ?? "all"}|${page}`);

  function orderList(data, rec) {
    rec.shipToCountry = data?.shipToCountry;
    rec.lang = data?._lang;
    if (data?.params === undefined) {
      rec.listKind = "init";
      rec.timeZone = data?.timeZone;
      return listPage(data?.statusTab ?? null, 1, rec);
    }
    rec.listKind = "next";
    const refuse = (why) => { rec.listRefused = why; return listPage(null, 1, rec); };
    if (typeof data.params !== "string") return refuse("params is not a JSON string");
    let p;
    try { p = JSON.parse(data.params); } catch { return refuse("params is not JSON"); }
    if (!p || typeof p !== "object") return refuse("params is not an object");
    if (p.linkage === undefined || p.linkage === null || p.linkage === "") {
      rec.listRefused = "no linkage";
      return { data: {}, endpoint: {}, hierarchy: {} }; // SUCCESS with empty data
    }
    for (const k of ["data", "linkage", "hierarchy", "endpoint"]) if (typeof p[k] !== "string") return refuse(`params.${k} is not a JSON string`);
    let blocks, linkage;
    try { blocks = JSON.parse(p.data); linkage = JSON.parse(p.linkage); JSON.parse(p.hierarchy); JSON.parse(p.endpoint); } catch { return refuse("a params part is not JSON"); }
    const body = Object.values(blocks ?? {}).find((b) => b?.tag === "pc_om_list_body");
    const hdr = Object.values(blocks ?? {}).find((b) => b?.tag === "pc_om_list_header_action");
    if (!body || !hdr) return refuse(`no ${body ? "header-action" : "body"} block`);
    if (p.operator !== Object.keys(blocks).find((k) => blocks[k] === body)) return refuse("operator is not the body block");
    const tab = hdr.fields?.statusTab && hdr.fields.statusTab !== "all" ? hdr.fields.statusTab : null;
    const want = Number(body.fields?.pageIndex);
    const from = Number(linkage?.request?.[0]);
    if (linkage?.signature !== linkageSig(tab, from)) return refuse("linkage is not one this gateway handed out");
    if (want !== from + 1) return refuse(`pageIndex ${body.fields?.pageIndex} after page ${from}`);
    return listPage(tab, want, rec);
  }

  function filterTab(tab) {
    const want = { unpaid: ["Awaiting payment"], processing: ["Awaiting payment", "Awaiting shipment"], shipped: ["Awaiting delivery"], completed: ["Completed", "Closed"] }[tab ?? ""];
    return want ? account.orders.filter((o) => want.includes(o.statusText)) : account.orders;
  }

  function listPage(tab, pageIndex, rec) {
    const all = filterTab(tab);
    const size = listPageSize;
    const slice = all.slice((pageIndex - 1) * size, pageIndex * size);
    rec.pageIndex = pageIndex;
    const orderKeys = slice.map((o) => `pc_om_list_order_${o.orderId}`);
    const entries = slice.map((o) => [`pc_om_list_order_${o.orderId}`, {
      fields: {
        orderId: o.orderId, orderDateText: fmtDate(o.dateMs), orderDateTitle: "Date", statusText: o.statusText, statusTitle: "Status",
        totalPriceText: o.total, totalPriceTitle: "Total", currencyCode: "USD", baseCurrency: "USD", storeName: o.storeName,
        storePageUrl: `//www.aliexpress.com/store/${o.storeId}`, orderDetailUrl: "https://www.aliexpress.com/p/order/detail.html",
        orderLineSize: o.items.length, hiddenOrderId: false, showSelectBox: false,
        orderLines: o.items.map((it, i) => {
          const attrs = it.sku.split(";").filter(Boolean).map((kv, j) => { const [name, text] = kv.split(":"); return { id: 14 + j, name, text, vid: 170 + j }; });
          return {
            orderLineId: `${o.orderId.slice(0, -2)}${String(i + 50).padStart(2, "0")}`, productId: it.productId, skuId: `1200${it.productId.slice(-8)}`,
            itemTitle: it.title, itemImgUrl: `https://www.aliexpress.com/kf/S${it.productId}_220x220.png`, itemPriceText: it.price,
            quantity: it.quantity, itemDetailUrl: `//www.aliexpress.com/item/${it.productId}.html`,
            skuAttrKeys: attrs.map((a) => `${a.id}:${a.vid}`).join(";"), skuAttrs: attrs, itemTags: [],
          };
        }),
      },
      id: o.orderId, position: "body", status: "normal", tag: "pc_om_list_order", type: "pc_om_list_order",
    }]);
    entries.push(
      ["pc_om_list_page_109694", { fields: { i18n: { order_ID: "Ref. Number" } }, id: "109694", status: "normal", tag: "pc_om_list_page", type: "pc_om_list_page" }],
      ["pc_om_list_header_110551", { fields: { pageTitle: "Orders" }, id: "110551", position: "header", status: "normal", tag: "pc_om_list_header", type: "pc_om_list_header" }],
      ["pc_om_list_header_action_110846", { fields: { searchInput: "", searchOption: "order", statusTab: tab ?? "all", timeOption: "all" }, id: "110846", position: "header", status: "normal", tag: "pc_om_list_header_action", type: "pc_om_list_header_action" }],
      ["pc_om_list_body_109702", { fields: { hasMore: pageIndex * size < all.length, hasMoreText: "View orders", pageIndex, pageSize: size }, id: "109702", position: "body", status: "normal", tag: "pc_om_list_body", type: "pc_om_list_body" }],
      ["pc_om_list_footer_recommend_116745", { fields: { recommendScenario: "pcOrderListRecommend" }, id: "116745", position: "footer", status: "normal", tag: "pc_om_list_footer_recommend", type: "pc_om_list_footer_recommend" }],
    );
    // The real gateway's key order is scrambled; the display order is hierarchy.structure.
    const blocks = {};
    for (const [k, v] of [...entries.filter((_, i) => i % 2 === 1).reverse(), ...entries.filter((_, i) => i % 2 === 0)]) blocks[k] = v;
    return {
      data: blocks,
      endpoint: { droplet: true, mode: "pc", osVersion: "9.9.9", protocolVersion: "3.0", standard: true, ultronage: true },
      hierarchy: {
        component: ["pc_om_list_body", "pc_om_list_header_action", "pc_om_list_footer_recommend", "pc_om_list_header", "pc_om_list_page", "pc_om_list_order"],
        root: "pc_om_list_page_109694",
        structure: {
          pc_om_list_page_109694: ["pc_om_list_header_110551", "pc_om_list_body_109702", "pc_om_list_footer_recommend_116745"],
          pc_om_list_header_110551: ["pc_om_list_header_action_110846"],
          pc_om_list_body_109702: orderKeys,
        },
      },
      // Rotating and signed: it names the page it belongs to, so only the next page can follow.
      linkage: { common: {}, input: [], request: [String(pageIndex)], signature: linkageSig(tab, pageIndex) },
      reload: true,
    };
  }

  /** With opts.plantPii, carrier events also name the receiver, as real carriers do. */
  function plant(ev) {
    if (!opts.plantPii || !ev.fulfillStage || Number(ev.fulfillStage) < 1700) return ev;
    return {
      ...ev,
      trackingDetailDesc: `${ev.trackingDetailDesc} (recipient: ${RECEIVER.contactName}, tel. ${RECEIVER.phoneCountry} ${RECEIVER.phoneNumber})`,
      detailedLocation: `${RECEIVER.city}, ${RECEIVER.address}, ${RECEIVER.zipCode}`,
      note: `Call ${RECEIVER.mobileNo} before delivery to ${RECEIVER.address2}`,
    };
  }

  function trackingModule(o) {
    const lines = o.parcels.map((p, i) => ({
      mailNo: p.mailNo,
      originMailNo: p.originMailNo,
      logisticsCarrierName: p.carrierName,
      logisticsCpInfo: { cpName: p.cpName, contactCarrierText: p.cpName ? `Contact ${p.cpName}` : "" },
      blockMailNo: false,
      displayQuantity: p.items.reduce((n, it) => n + it.quantity, 0),
      packageMinCreateTime: p.events.find((e) => e.key === "shipped")?.t ?? o.dateMs,
      etaInfo: { etaTimeText: etaText(o.dateMs), beginEtaTime: o.dateMs + 15 * 86400000, endEtaTime: o.dateMs + 30 * 86400000, etaTimeStamp: o.dateMs + 30 * 86400000, etaSceneCode: "NORMAL" },
      packageItemList: p.items.map((it) => ({ itemId: it.productId, itemTitle: it.title, itemPic: `https://www.aliexpress.com/kf/S${it.productId}_220x220.png`, skuId: "", skuDesc: it.sku, count: it.quantity })),
      detailList: [...p.events].reverse().map((e) => plant(mtopEvent(e))),
      lineIndex: i,
    }));
    return {
      isTrackingV2: true,
      fastDeliveryInfoDTO: { fdTitle: "Delivery guarantee", fdContentList: [`Refund if no delivery before ${etaText(o.dateMs + 45 * 86400000)}`] },
      logisticsReceiverInfo: { ...RECEIVER },
      trackingDetailLineList: lines,
    };
  }

  function cainiao(url, req, res, rec) {
    const headers = { "access-control-allow-origin": "*" };
    if (url.pathname !== "/global/detail.json") return send(res, 404, "application/json", JSON.stringify({ success: false }), headers);
    const nums = (url.searchParams.get("mailNos") ?? "").split(",").map((s) => s.trim()).filter(Boolean).slice(0, 10);
    rec.mailNos = nums;
    const module = nums.map((n) => {
      for (const o of account.orders) {
        for (const p of o.parcels) {
          if (n && (p.mailNo === n || p.originMailNo === n)) return cainiaoModule(n, p);
        }
      }
      return { mailNo: n, status: "NOT_FOUND", statusDesc: "Not found", detailList: [] };
    });
    return send(res, 200, "application/json; charset=utf-8", JSON.stringify({ success: true, module }), headers);
  }

  function cainiaoModule(n, p) {
    const evs = [...cainiaoEvents(p, n)].reverse().map((e) => {
      const t = eventTemplate(e.key);
      return {
        time: e.t, timeStr: new Date(e.t).toISOString().replace("T", " ").slice(0, 19), desc: t.desc, standerdDesc: t.desc,
        descTitle: t.name, timeZone: "GMT+8", actionCode: t.code.replace(/^AE_/, ""),
        group: { nodeCode: `AE_GROUP_${t.stage || "PRE"}`, nodeDesc: t.name },
      };
    });
    const last = evs[0];
    return {
      mailNo: n, originCountry: "CN", destCountry: "GB", destCpInfo: { cpName: p.cpName, phone: "", url: "" },
      status: last ? last.actionCode || "IN_TRANSIT" : "SELLER_PREPARING", statusDesc: last ? last.descTitle : "Awaiting seller dispatch",
      mailNoSource: "AE", latestTrace: last ?? null, detailList: evs, daysNumber: `${Math.max(0, Math.round((Date.now() - (evs.at(-1)?.time ?? Date.now())) / 86400000))}`,
    };
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const port = server.address().port;

  // A CONNECT proxy for Firefox: it tunnels the fake hosts (any port) to the HTTPS server above.
  const connects = [];
  const proxy = http.createServer((req, res) => { res.writeHead(405); res.end(); });
  proxy.on("connect", (req, clientSocket, head) => {
    const [h] = String(req.url).split(":");
    connects.push(h);
    if (!HOSTS.includes(h.toLowerCase())) {
      clientSocket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = net.connect(port, "127.0.0.1", () => {
      clientSocket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head?.length) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on("error", () => clientSocket.destroy());
    clientSocket.on("error", () => upstream.destroy());
  });
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyPort = proxy.address().port;
  const sockets = new Set();
  for (const s of [server, proxy]) s.on("connection", (c) => { sockets.add(c); c.on("close", () => sockets.delete(c)); });

  return {
    port,
    proxyPort,
    account,
    requests,
    allRequests,
    connects,
    get maxInflight() { return maxInflight; },
    resetStats() { requests.length = 0; maxInflight = 0; },
    groundTruth: () => account.orders.map(groundTruthOrder),
    setLatency(ms) { state.latencyMs = ms; },
    setLoggedIn(v) { state.loggedIn = v; },
    setCaptcha(v) { state.captcha = v; },
    /**
     * Control hook for the test (no HTTP route, so no page can reach it): a carrier event (a key
     * of data.mjs's event table) happens on an order's parcel at time t. From then on Cainiao,
     * mtop and groundTruth() all report it, so expectations derived from the truth stay honest.
     */
    addParcelEvent(orderId, key, t, parcelIndex = 0) {
      const o = byId.get(orderId);
      const p = o?.parcels[parcelIndex];
      if (!p || p.noTracking) throw new Error(`fakesite: order ${orderId} has no tracked parcel ${parcelIndex}`);
      try { eventTemplate(key); } catch { throw new Error(`fakesite: unknown event key ${key}`); }
      const last = p.events.at(-1);
      if (last && t <= last.t) throw new Error(`fakesite: event at ${new Date(t).toISOString()} is not after the parcel's last one`);
      p.events.push({ key, t });
      return { number: p.mailNo, events: p.events.length };
    },
    /**
     * After n more successful mtop answers the gateway forgets every token it issued, so the
     * requests that follow take the FAIL_SYS_ILLEGAL_ACCESS path (with a fresh cookie).
     */
    invalidateTokensAfter(n) { state.invalidateAfter = n; },
    /** Makes every issued token stale, so the next mtop call takes the FAIL_SYS_TOKEN_EXOIRED path. */
    expireTokens() { for (const k of state.tokens.keys()) state.tokens.set(k, 0); },
    /** Chromium's --host-resolver-rules value mapping the fake hosts here. */
    resolverRules() {
      return HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(", ") + ", MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost";
    },
    /** Firefox prefs sending the fake hosts through the CONNECT proxy, everything else direct. */
    firefoxPrefs() {
      const list = HOSTS.map((h) => `h==${JSON.stringify(h)}`).join("||");
      const pac = `function FindProxyForURL(u,h){if(${list})return "PROXY 127.0.0.1:${proxyPort}";return "DIRECT";}`;
      return {
        "network.proxy.type": 2,
        "network.proxy.autoconfig_url": "data:text/plain," + encodeURIComponent(pac),
        "network.proxy.allow_hijacking_localhost": false,
      };
    },
    async close() {
      for (const c of sockets) c.destroy();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => proxy.close(r))]);
    },
  };
}

function etaText(ms) {
  const a = new Date(ms + 15 * 86400000);
  const b = new Date(ms + 30 * 86400000);
  const mon = (d) => ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  return `${mon(a)} ${a.getUTCDate()} - ${mon(b) === mon(a) ? "" : mon(b) + " "}${b.getUTCDate()}`;
}


// Standalone: serve until interrupted (handy to look at the page by hand).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (n, d) => { const i = process.argv.indexOf(n); return i > 0 ? process.argv[i + 1] : d; };
  const site = await startFakeSite({ latencyMs: Number(arg("--latency", 0)), port: Number(arg("--port", 0)) });
  console.log(`fake AliExpress on 127.0.0.1:${site.port} (proxy ${site.proxyPort})`);
  console.log(`--host-resolver-rules=${site.resolverRules()}`);
  process.on("SIGINT", async () => { await site.close(); process.exit(0); });
}
