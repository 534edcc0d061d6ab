// Reading the My Orders page on saved fixture pages (test/fixtures/pages, written from
// shared/DESIGN.md §7).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { load, fixture } from "../../scripts/test-lib.mjs";
import { ORDERS, MORE_ORDERS } from "../fixtures/aliexpress.mjs";

const read = await load("content/read.ts");
const ORDERS_URL = "https://www.aliexpress.com/p/order/index.html";
const NOW = new Date("2026-03-08T12:00:00Z");

async function page(name) {
  const { document } = parseHTML(await fixture(`pages/${name}`));
  return document;
}

const isoDate = (s) => {
  const d = new Date(`${s} 12:00 UTC`);
  return d.toISOString().slice(0, 10);
};

test("every card of the all-statuses page is read with its facts", async () => {
  const doc = await page("orders-all-statuses.html");
  const r = read.readPage(doc, ORDERS_URL, NOW);
  assert.equal(r.state, "ok");
  assert.equal(r.unreadable, 0);
  assert.deepEqual(r.cards.map((c) => c.order.order_id), ORDERS.map((o) => o.id));
  for (const want of ORDERS) {
    const got = r.cards.find((c) => c.order.order_id === want.id).order;
    assert.equal(got.status_text, want.status, `status of ${want.id}`);
    assert.equal(got.order_date, isoDate(want.date), `date of ${want.id}`);
    assert.equal(got.store, want.store, `store of ${want.id}`);
    assert.equal(got.total, want.total, `total of ${want.id}`);
    assert.deepEqual(got.items.map((i) => i.product_id), want.items.map((i) => i.productId), `items of ${want.id}`);
    if (want.protection) {
      assert.equal(got.protection.text, want.protection);
      assert.equal(got.protection.days_left, Number(/(\d+) days/.exec(want.protection)[1]));
      assert.equal(got.protection.read_at, NOW.toISOString());
    } else {
      assert.equal(got.protection, undefined, `no protection line on ${want.id}`);
    }
  }
});

test("a single-item card gives title, SKU, unit price and quantity", async () => {
  const r = read.readPage(await page("orders-all-statuses.html"), ORDERS_URL, NOW);
  const got = r.cards[0].order.items;
  const want = ORDERS[0].items[0];
  assert.deepEqual(got, [{ title: want.title, sku: want.sku, quantity: want.qty, price: want.price, product_id: want.productId }]);
});

test("a multi-item card gives one item per product image link", async () => {
  const r = read.readPage(await page("orders-all-statuses.html"), ORDERS_URL, NOW);
  const multi = r.cards.find((c) => c.order.order_id === ORDERS[1].id).order;
  assert.deepEqual(multi.items, ORDERS[1].items.map((i) => ({ product_id: i.productId })));
});

test("the buyer's name, address and phone in the page header are never read", async () => {
  const r = read.readPage(await page("orders-all-statuses.html"), ORDERS_URL, NOW);
  const json = JSON.stringify(r.cards.map((c) => c.order));
  for (const needle of ["Jane", "Example Road", "7700", "Leeds"]) assert.ok(!json.includes(needle), `${needle} leaked`);
});

test("the detail link's orderId wins over the header text", async () => {
  const doc = await page("orders-all-statuses.html");
  const card = read.findCards(doc)[0];
  card.querySelector(".order-item-header-right-info div:nth-child(2)").textContent = "Order ID: 1111111111111111";
  assert.equal(read.readOrderId(card), ORDERS[0].id);
  // Without any link the header text is the fallback.
  for (const a of card.querySelectorAll("a[href*='orderId='], a[href*='tradeOrderId=']")) a.remove();
  assert.equal(read.readOrderId(card), "1111111111111111");
});

test("cards added later (lazy loading, View orders) are found", async () => {
  const doc = await page("orders-all-statuses.html");
  const container = doc.querySelector("div.comet-checkbox-group");
  const before = read.findCards(doc).length;
  container.insertAdjacentHTML("beforeend", await fixture("pages/orders-more-cards.html"));
  const after = read.readPage(doc, ORDERS_URL, NOW);
  assert.equal(before, ORDERS.length);
  assert.deepEqual(after.cards.map((c) => c.order.order_id), [...ORDERS, ...MORE_ORDERS].map((o) => o.id));
  // A subtree handed in by a MutationObserver is searched the same way.
  const { document: frag } = parseHTML(`<div>${await fixture("pages/orders-more-cards.html")}</div>`);
  assert.equal(read.findCards(frag).length, MORE_ORDERS.length);
});

test("pages that are not an order list say what they are", async (t) => {
  const cases = [
    { name: "logged out (sign-in form)", file: "logged-out.html", url: ORDERS_URL, want: "logged_out" },
    { name: "logged out (redirected to login)", file: "logged-out.html", url: "https://login.aliexpress.com/?return_url=x", want: "logged_out" },
    { name: "captcha", file: "captcha.html", url: ORDERS_URL, want: "captcha" },
    { name: "unknown layout", file: "unknown-layout.html", url: ORDERS_URL, want: "unknown_layout" },
    { name: "no orders yet", file: "orders-empty.html", url: ORDERS_URL, want: "empty" },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const r = read.readPage(await page(c.file), c.url, NOW);
      assert.equal(r.state, c.want);
      assert.equal(r.cards.length, 0);
    });
  }
});

test("a list holding unknown elements is a redesign, not an empty account", async () => {
  const doc = await page("orders-empty.html");
  doc.querySelector("div.comet-checkbox-group").insertAdjacentHTML("beforeend", `<div class="ord-card-v9"><span class="ord-card-v9-state">Awaiting delivery</span></div>`);
  assert.equal(read.readPage(doc, ORDERS_URL, NOW).state, "unknown_layout");
});

test("cards whose id cannot be read make the layout unrecognised, not silently empty", async () => {
  const doc = await page("orders-all-statuses.html");
  for (const card of read.findCards(doc)) {
    for (const a of card.querySelectorAll("a")) a.removeAttribute("href");
    card.querySelector(".order-item-header-right-info").textContent = "Bestelldatum";
  }
  const r = read.readPage(doc, ORDERS_URL, NOW);
  assert.equal(r.state, "unknown_layout");
  assert.equal(r.unreadable, ORDERS.length);
});

test("hostile texts are read as plain text and bounded", async () => {
  const doc = await page("orders-hostile.html");
  const [card] = read.readPage(doc, ORDERS_URL, NOW).cards;
  const o = card.order;
  assert.ok(o.status_text.includes("<img src=x onerror=alert(1)>"), "markup stays literal text");
  assert.ok(o.store.includes("\u202E"), "bidi override kept as a character, not interpreted");
  assert.ok(o.items[0].title.length <= 2000, `title clipped, got ${o.items[0].title.length}`);
  assert.equal(o.items[0].sku, "javascript:alert(4)");
});

test("parseOrderDate reads the page's date formats", () => {
  const cases = [
    ["Order date: Feb 21, 2026", "2026-02-21"],
    ["Order date: Mar 3, 2014", "2014-03-03"],
    ["Order date: September 9, 2025", "2025-09-09"],
    ["2026-01-05", "2026-01-05"],
    ["Order date: yesterday", ""],
    ["Xyz 40, 2026", ""],
  ];
  for (const [input, want] of cases) assert.equal(read.parseOrderDate(input), want, input);
});

test("findCards keeps the outermost of cards a fallback selector finds nested", () => {
  // The third selector ([class*='order-card']) matches a card and parts inside it.
  const { document } = parseHTML(`<!doctype html><html><body>
    <div class="x-order-card" id="a"><div class="x-order-card-head" id="a1"><span class="order-card-x" id="a2"></span></div></div>
    <div class="x-order-card" id="b"></div>
    <section><div class="order-card-y" id="c"><p><i class="order-card-z" id="c1"></i></p></div></section>
  </body></html>`);
  assert.deepEqual(read.findCards(document).map((c) => c.id), ["a", "b", "c"]);
});
