// The fake My Orders page (docs/aliexpress.md §1): a static shell whose script renders the order
// cards after a short delay, like the real client-rendered page, then appends more on
// "View orders" and re-renders on the status tabs. Card data is embedded as JSON; every text
// goes into the DOM with textContent, so hostile titles stay text here too.

import { fmtDate } from "./data.mjs";

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

export function renderSimplePage(title, bodyHtml) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${bodyHtml}</body></html>`;
}

/** Card data the page script needs, without anything the list page would not show. */
function cardData(o) {
  return {
    id: o.orderId, date: fmtDate(o.dateMs), status: o.statusText, store: o.storeName, storeId: o.storeId,
    total: o.total, protection: o.protection?.text ?? "",
    items: o.items.map((it) => ({ title: it.title, sku: it.sku, price: it.price, qty: it.quantity, pid: it.productId })),
  };
}

export function renderOrdersPage(orders, { pageSize = 10, captcha = false, layout = "current", bench = false, renderDelayMs = 80 } = {}) {
  if (captcha) {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My Orders</title></head><body>
<div class="baxia-dialog"><div id="baxia-dialog-content"><div id="nc_1_wrapper" class="nc-container">
<p>We have detected unusual traffic from your network. Please slide to verify.</p><span class="nc_iconfont btn_slide">&gt;&gt;</span></div></div></div>
</body></html>`;
  }
  // JSON inside <script>: escape "<" so no text can close the script element.
  const json = JSON.stringify(orders.map(cardData)).replace(/</g, "\\u003c").replace(/\u2028|\u2029/g, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
  const cls = layout === "unknown" ? { item: "ord-card-v9", status: "ord-card-v9-state", info: "ord-card-v9-meta" } : { item: "order-item", status: "order-item-header-status-text", info: "order-item-header-right-info" };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>My Orders</title>
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
  <div class="order-more" hidden><button type="button" class="comet-btn comet-btn-large"><span>View orders</span></button></div></div></div>
</div></div>
<div id="J_xiaomi_dialog"></div><div class="comet-back-top"></div>
<script id="__ow_orders" type="application/json">${json}</script>
<script>
(() => {
  const ORDERS = JSON.parse(document.getElementById("__ow_orders").textContent);
  const PAGE = ${Number(pageSize) | 0};
  const CLS = ${JSON.stringify(cls)};
  const BENCH = ${bench ? "true" : "false"};
  const TABS = [["View all", null], ["To pay", ["Awaiting payment"]], ["To ship", ["Awaiting shipment"]],
    ["Shipped", ["Awaiting delivery"]], ["Processed", ["Completed", "Closed"]]];
  const list = document.querySelector(".comet-checkbox-group");
  const more = document.querySelector(".order-more");
  let tab = 0, shown = 0;
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
  // Prices are drawn one character per span, as AliExpress does to deter scrapers.
  const split = (s) => { const w = el("span"); for (const ch of s) w.append(el("span", "es--char--1Z3wUdt", ch)); return w; };
  const img = (pid) => { const d = el("div", "order-item-content-img"); d.style.backgroundImage = 'url("https://www.aliexpress.com/kf/S' + pid + '_220x220.png")'; return d; };
  const itemLink = (pid) => { const a = el("a"); a.href = "https://www.aliexpress.com/item/" + pid + ".html"; return a; };
  function card(o) {
    const c = el("div", CLS.item);
    const h = el("div", "order-item-header");
    const st = el("div", "order-item-header-status"); st.append(el("span", CLS.status, o.status)); h.append(st);
    const right = el("div", "order-item-header-right");
    const info = el("div", CLS.info);
    info.append(el("div", null, "Order date: " + o.date));
    const idDiv = el("div", null, "Order ID: " + o.id); idDiv.append(el("span", "order-item-header-right-info-copy", "Copy")); info.append(idDiv);
    right.append(info);
    const det = el("a", null, "Order details"); det.href = "https://www.aliexpress.com/p/order/detail.html?orderId=" + o.id; right.append(det);
    h.append(right); c.append(h);
    const store = el("div", "order-item-store"); const sn = el("span", "order-item-store-name");
    const sa = el("a"); sa.href = "https://www.aliexpress.com/store/" + o.storeId; sa.append(el("span", null, o.store)); sn.append(sa); store.append(sn); c.append(store);
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
    const pr = el("div", "order-item-content-opt-price"); const tot = el("span", "order-item-content-opt-price-total"); tot.append("Total:"); tot.append(split(o.total)); pr.append(tot); opt.append(pr);
    if (o.protection) opt.append(el("div", "order-item-content-opt-protection", o.protection));
    const btns = el("div", "order-item-btns");
    const labels = o.status === "Awaiting payment" ? ["Pay now", "Cancel order"] : o.status === "Completed" ? ["Write a review", "Add to cart"] : o.status === "Closed" ? ["Delete order"] : ["Track order", "Confirm received"];
    for (const l of labels) btns.append(el("button", "comet-btn", l));
    opt.append(btns); content.append(opt); c.append(content);
    return c;
  }
  const filtered = () => TABS[tab][1] ? ORDERS.filter((o) => TABS[tab][1].includes(o.status)) : ORDERS;
  function showMore() {
    const src = filtered();
    const frag = document.createDocumentFragment();
    for (const o of src.slice(shown, shown + PAGE)) frag.append(card(o));
    shown = Math.min(src.length, shown + PAGE);
    if (BENCH) performance.mark("ow-cards-inserted");
    list.append(frag);
    more.hidden = shown >= src.length;
  }
  function renderTabs() {
    const nav = document.querySelector(".comet-tabs-nav");
    nav.textContent = "";
    TABS.forEach(([label], i) => {
      const t = el("div", "comet-tabs-nav-item" + (i === tab ? " comet-tabs-nav-item-active" : ""), label);
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
