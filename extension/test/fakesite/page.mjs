// The fake My Orders page (shared/DESIGN.md §7): a static shell whose script renders the order
// cards after a short delay, like the real client-rendered page, then appends more on
// "View orders" and re-renders on the status tabs. Card data is embedded as JSON; every text
// goes into the DOM with textContent, so hostile titles stay text here too.

import { readFileSync, readdirSync } from "node:fs";

// The card wordings of every language, from the extension's own data files
// (src/shared/cards/*.json; their README says which strings rest on public evidence).
const CARDS_DIR = new URL("../../src/shared/cards/", import.meta.url);
export const CARD_LANGUAGES = Object.fromEntries(
  readdirSync(CARDS_DIR).filter((f) => f.endsWith(".json")).map((f) => {
    const d = JSON.parse(readFileSync(new URL(f, CARDS_DIR), "utf8"));
    return [d.lang, d];
  }),
);
const STATUSES = ["awaiting_payment", "processing", "shipped", "completed", "closed", "in_dispute"];

/** The card data for a BCP 47 tag ("pt-BR" → pt); English when the language has none. */
export function cardLanguage(tag = "en") {
  return CARD_LANGUAGES[String(tag).toLowerCase().split(/[-_]/)[0]] ?? CARD_LANGUAGES.en;
}

/** Which order status an English status text of the fake account stands for; null for anything else. */
function statusKey(englishText) {
  const en = CARD_LANGUAGES.en.statuses;
  return STATUSES.find((k) => en[k].some((t) => t.toLowerCase() === String(englishText).trim().toLowerCase())) ?? null;
}

/** The status text a card shows in lang for the fake account's English one (kept as is when unknown). */
export function localStatusText(englishText, lang = "en") {
  const L = cardLanguage(lang);
  const k = statusKey(englishText);
  return k ? L.statuses[k][0] + (L.render.statusSuffix ?? "") : englishText;
}

/** An order date (ms) as lang's cards write it: "Feb 21, 2026", "21 feb 2026", "2026年2月21日" … */
export function localDate(ms, lang = "en") {
  const L = cardLanguage(lang);
  const d = new Date(ms);
  const m = d.getUTCMonth() + 1;
  return L.render.date.replace("{y}", String(d.getUTCFullYear())).replace("{m}", String(m)).replace("{d}", String(d.getUTCDate())).replace("{mon}", L.render.monthNames[m - 1]);
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

export function renderSimplePage(title, bodyHtml) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${bodyHtml}</body></html>`;
}

/** Card data the page script needs, without anything the list page would not show. */
function cardData(o, lang) {
  return {
    id: o.orderId, date: localDate(o.dateMs, lang), status: localStatusText(o.statusText, lang), key: statusKey(o.statusText), store: o.storeName, storeId: o.storeId,
    total: o.total, protection: o.protection?.text ?? "",
    items: o.items.map((it) => ({ title: it.title, sku: it.sku, price: it.price, qty: it.quantity, pid: it.productId })),
  };
}

/**
 * renderOrdersPage: My Orders in a language (lang: a BCP 47 tag, e.g. "es" or "pt-BR"; English by
 * default) with that language's header labels, date format, total label, status texts, tabs and
 * buttons from the card data files. host is the storefront's host for the page's links.
 */
export function renderOrdersPage(orders, { pageSize = 10, captcha = false, layout = "current", bench = false, renderDelayMs = 80, lang = "en", host = "www.aliexpress.com" } = {}) {
  const L = cardLanguage(lang);
  const origin = `https://${/^[a-z0-9.-]+$/i.test(host) ? host : "www.aliexpress.com"}`;
  const texts = {
    dateLabel: L.render.dateLabel, idLabel: L.render.idLabel, totalLabel: L.render.totalLabel, copy: L.render.copy,
    details: L.render.details, buttons: L.render.buttons,
    // The real tabs and what they hold (MCP captures, extension/docs/aliexpress-facts.md): the shipped tab is "Processed".
    tabs: [["all", null], ["unpaid", ["awaiting_payment"]], ["processing", ["processing"]], ["shipped", ["shipped"]], ["completed", ["completed", "closed"]]].map(([k, keys]) => [L.tabs[k], k, keys]),
  };
  const htmlLang = esc(lang || "en");
  if (captcha) {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My Orders</title></head><body>
<div class="baxia-dialog"><div id="baxia-dialog-content"><div id="nc_1_wrapper" class="nc-container">
<p>We have detected unusual traffic from your network. Please slide to verify.</p><span class="nc_iconfont btn_slide">&gt;&gt;</span></div></div></div>
</body></html>`;
  }
  // JSON inside <script>: escape "<" so no text can close the script element.
  const json = JSON.stringify(orders.map((o) => cardData(o, lang))).replace(/</g, "\\u003c").replace(/\u2028|\u2029/g, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
  const cls = layout === "unknown" ? { item: "ord-card-v9", status: "ord-card-v9-state", info: "ord-card-v9-meta" } : { item: "order-item", status: "order-item-header-status-text", info: "order-item-header-right-info" };
  return `<!doctype html>
<html lang="${htmlLang}"${["he", "ar"].includes(L.lang) ? ' dir="rtl"' : ""}><head><meta charset="utf-8"><title>My Orders</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;background:#f5f5f5;margin:0}
.comet-tabs-nav{display:flex;gap:24px;background:#fff;padding:12px 24px;border-bottom:1px solid #eee}
.comet-tabs-nav-item{cursor:pointer;padding:4px 0}.comet-tabs-nav-item-active{border-bottom:2px solid #191919;font-weight:bold}
.order-main{max-width:1000px;margin:16px auto}
.${cls.item}{background:#fff;margin:12px 0;padding:16px 20px;border-radius:8px}
.order-item-header{display:flex;justify-content:space-between;font-size:14px;color:#666}
.${cls.status}{font-weight:bold;color:#191919;font-size:16px}
.order-item-header-right{display:flex;gap:16px}.${cls.info}>div{margin:2px 0}
.order-item-store-name a{color:#191919;text-decoration:none;font-weight:bold}
.order-item-content{display:flex;justify-content:space-between;margin-top:12px}
.order-item-content-body{display:flex;gap:12px}
.order-item-content-img{width:80px;height:80px;background-size:cover;background-color:#ddd;border-radius:6px}
.order-item-content-img-list{display:flex;gap:8px}
.order-item-content-info-name{max-width:420px}.order-item-content-info-sku{color:#999;font-size:13px}
.order-item-content-opt{text-align:right}.order-item-content-opt-price-total{font-weight:bold}
.order-item-btns button{display:block;margin:6px 0 0 auto;border:1px solid #ccc;border-radius:16px;background:#fff;padding:4px 14px}
.order-item-content-opt-protection{color:#2a7a2a;font-size:13px;margin-top:6px}
.order-more{text-align:center;margin:20px}.comet-btn{border-radius:18px;border:1px solid #191919;background:#fff;padding:8px 24px}
</style></head>
<body>
<div id="root"><div class="order-wrap">
  <div class="comet-tabs"><div class="comet-tabs-nav"></div></div>
  <div class="order-main"><div class="order-content"><div class="comet-checkbox-group order-list"></div>
  <div class="order-more" hidden><button type="button" class="comet-btn comet-btn-large"><span>${esc(L.render.more)}</span></button></div></div></div>
</div></div>
<div id="J_xiaomi_dialog"></div><div class="comet-back-top"></div>
<script id="__ow_orders" type="application/json">${json}</script>
<script>
(() => {
  const ORDERS = JSON.parse(document.getElementById("__ow_orders").textContent);
  const PAGE = ${Number(pageSize) | 0};
  const CLS = ${JSON.stringify(cls)};
  const T = ${JSON.stringify(texts).replace(/</g, "\\u003c")};
  const ORIGIN = ${JSON.stringify(origin)};
  const BENCH = ${bench ? "true" : "false"};
  const TABS = T.tabs;
  const list = document.querySelector(".comet-checkbox-group");
  const more = document.querySelector(".order-more");
  let tab = 0, shown = 0;
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
  // Prices are drawn one character per span, as AliExpress does to deter scrapers.
  const split = (s) => { const w = el("span"); for (const ch of s) w.append(el("span", "es--char--1Z3wUdt", ch)); return w; };
  const img = (pid) => { const d = el("div", "order-item-content-img"); d.style.backgroundImage = 'url("' + ORIGIN + '/kf/S' + pid + '_220x220.png")'; return d; };
  const itemLink = (pid) => { const a = el("a"); a.href = ORIGIN + "/item/" + pid + ".html"; return a; };
  function card(o) {
    const c = el("div", CLS.item);
    const h = el("div", "order-item-header");
    const st = el("div", "order-item-header-status"); st.append(el("span", CLS.status, o.status)); h.append(st);
    const right = el("div", "order-item-header-right");
    const info = el("div", CLS.info);
    info.append(el("div", null, T.dateLabel + " " + o.date));
    const idDiv = el("div", null, T.idLabel + " " + o.id); idDiv.append(el("span", "order-item-header-right-info-copy", T.copy)); info.append(idDiv);
    right.append(info);
    const det = el("a", null, T.details); det.href = ORIGIN + "/p/order/detail.html?orderId=" + o.id; right.append(det);
    h.append(right); c.append(h);
    const store = el("div", "order-item-store"); const sn = el("span", "order-item-store-name");
    const sa = el("a"); sa.href = ORIGIN + "/store/" + o.storeId; sa.append(el("span", null, o.store)); sn.append(sa); store.append(sn); c.append(store);
    const content = el("div", "order-item-content");
    const body = el("div", "order-item-content-body");
    if (o.items.length === 1) {
      const it = o.items[0];
      const a = itemLink(it.pid); a.append(img(it.pid)); body.append(a);
      const inf = el("div", "order-item-content-info");
      const name = el("div", "order-item-content-info-name"); const na = itemLink(it.pid); const ns = el("span", null, it.title); ns.title = it.title; na.append(ns); name.append(na); inf.append(name);
      inf.append(el("div", "order-item-content-info-sku", it.sku.replace(/;/g, ", ")));
      const num = el("div", "order-item-content-info-number"); num.append(split(it.price)); num.append(el("span", "order-item-content-info-number-quantity", "x" + it.qty)); inf.append(num);
      body.append(inf);
    } else {
      const lst = el("div", "order-item-content-img-list");
      for (const it of o.items) { const a = itemLink(it.pid); a.append(img(it.pid)); lst.append(a); }
      body.append(lst);
    }
    content.append(body);
    const opt = el("div", "order-item-content-opt");
    const pr = el("div", "order-item-content-opt-price"); const tot = el("span", "order-item-content-opt-price-total"); tot.append(T.totalLabel); tot.append(split(o.total)); pr.append(tot); opt.append(pr);
    if (o.protection) opt.append(el("div", "order-item-content-opt-protection", o.protection));
    const btns = el("div", "order-item-btns");
    const labels = T.buttons[o.key || "shipped"];
    for (const l of labels) btns.append(el("button", "comet-btn", l));
    opt.append(btns); content.append(opt); c.append(content);
    return c;
  }
  const filtered = () => TABS[tab][2] ? ORDERS.filter((o) => TABS[tab][2].includes(o.key)) : ORDERS;
  function showMore() {
    const src = filtered();
    const frag = document.createDocumentFragment();
    for (const o of src.slice(shown, shown + PAGE)) frag.append(card(o));
    shown = Math.min(src.length, shown + PAGE);
    if (BENCH) performance.mark("ow-cards-inserted");
    list.append(frag);
    // When the buyer first sees them: a frame callback runs before that frame's style, layout
    // and paint, and a task it posts runs after them.
    if (BENCH) requestAnimationFrame(() => setTimeout(() => performance.mark("ow-cards-painted"), 0));
    more.hidden = shown >= src.length;
  }
  function renderTabs() {
    const nav = document.querySelector(".comet-tabs-nav");
    nav.textContent = "";
    TABS.forEach(([label, key], i) => {
      const t = el("div", "comet-tabs-nav-item" + (i === tab ? " comet-tabs-nav-item-active" : ""), label);
      t.setAttribute("data-tab", key);
      t.addEventListener("click", () => { tab = i; shown = 0; list.textContent = ""; renderTabs(); setTimeout(showMore, 40); });
      nav.append(t);
    });
  }
  more.querySelector("button").addEventListener("click", () => setTimeout(showMore, 60));
  if (BENCH) {
    // Bench instrumentation: when was each badge first drawn (page clock)?
    window.__owBadgeTimes = {};
    try { new PerformanceObserver(() => {}).observe({ type: "longtask", buffered: true }); } catch {}
    new MutationObserver(() => {
      const now = performance.now();
      for (const b of document.querySelectorAll("[data-orderwatch-badge]")) {
        const id = b.getAttribute("data-order-id") || "?";
        if (!(id in window.__owBadgeTimes)) window.__owBadgeTimes[id] = now;
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-orderwatch-badge", "data-order-id"] });
  }
  renderTabs();
  setTimeout(showMore, ${Number(renderDelayMs) | 0});
})();
</script>
</body></html>`;
}
