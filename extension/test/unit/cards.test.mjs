// Cards in every language AliExpress serves: dates, totals and statuses read from the
// card data files (src/shared/cards/*.json), a card in an unknown wording keeps its badge with a
// "read only in part" note, the page's language, the storefronts and aliexpress.ru.
//
// The cards below are written out literally here, as each language's site would show them; they
// do not come from the data files, so a wrong or missing data entry fails these tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { load, loadTogether, stubI18n } from "../../scripts/test-lib.mjs";
import { renderOrdersPage, localDate, localStatusText } from "../fakesite/page.mjs";

stubI18n({ card_partial: "read only in part: $1", card_partial_status: "status", card_partial_date: "order date", card_partial_total: "total" });
const { read, partial, cards, storefront, messages } = await loadTogether({
  read: "content/read.ts", partial: "content/partial.ts", cards: "shared/cards/index.ts", storefront: "shared/storefront.ts", messages: "shared/messages.ts",
});
const NOW = new Date("2026-12-06T12:00:00Z");
const ID = "8214937669763641";

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
/** One order card with the real structure (shared/DESIGN.md §7); the total's characters split into spans as the site does. */
function card({ status, date, id = `Order ID: ${ID}`, total, lang = "en", link = true }) {
  const split = (s) => [...s].map((ch) => `<span class="es--char--1Z3wUdt">${esc(ch)}</span>`).join("");
  const label = /^([^\d]*?)(\s*)([\d\p{Sc}€$£¥₩].*)$/u.exec(total ?? "");
  const totalHtml = total === undefined ? "" : label ? `${esc(label[1])}${label[2]}${split(label[3])}` : esc(total);
  const { document } = parseHTML(`<!doctype html><html lang="${lang}"><body><div class="comet-checkbox-group"><div class="order-item">
  <div class="order-item-header"><div class="order-item-header-status"><span class="order-item-header-status-text">${esc(status)}</span></div>
  <div class="order-item-header-right"><div class="order-item-header-right-info"><div>${esc(date)}</div><div>${esc(id)}<span class="order-item-header-right-info-copy">Copy</span></div></div>
  ${link ? `<a href="https://www.aliexpress.com/p/order/detail.html?orderId=${ID}">…</a>` : ""}</div></div>
  <div class="order-item-store"><span class="order-item-store-name"><a href="https://www.aliexpress.com/store/1"><span>Store</span></a></span></div>
  <div class="order-item-content"><div class="order-item-content-opt"><div class="order-item-content-opt-price"><span class="order-item-content-opt-price-total">${totalHtml}</span></div></div></div>
  </div></div></body></html>`);
  return { document, el: document.querySelector("div.order-item") };
}

// [language, status text, date line, id line, total as shown, want: status, ISO date, total]
const CASES = [
  ["en", "Awaiting delivery", "Order date: Feb 21, 2026", "Order ID: 8214937669763641", "Total: US $12.34", "shipped", "2026-02-21", "US $12.34"],
  ["en", "Expired", "Date: Mar 3, 2026", "Ref. Number 8214937669763641", "Total: US $1,382.11", "closed", "2026-03-03", "US $1,382.11"],
  ["ru", "Ожидает получения", "Дата заказа: 5 дек. 2026 г.", "Номер заказа: 8214937669763641", "Итого: 1 234,56 руб.", "shipped", "2026-12-05", "1 234,56 руб."],
  ["ru", "Завершено", "Дата заказа: 12 марта 2026 г.", "Номер заказа: 8214937669763641", "Итого: 99,00 ₽", "completed", "2026-03-12", "99,00 ₽"],
  ["pt-BR", "Concluído ", "Data do pedido: 24 nov, 2023", "Nº do pedido: 8214937669763641", "Total: R$132,74", "completed", "2023-11-24", "R$132,74"],
  ["pt-BR", "Aguardando pagamento ", "Data do pedido: 5 de dez. de 2026", "Nº do pedido: 8214937669763641", "Total: R$ 87,82", "awaiting_payment", "2026-12-05", "R$ 87,82"],
  ["es", "Pendiente de recibir", "Fecha del pedido: 5 dic 2026", "N.º de pedido: 8214937669763641", "Total: 12,34 €", "shipped", "2026-12-05", "12,34 €"],
  ["es", "Caducado", "Fecha del pedido: 30 sept 2026", "N.º de pedido: 8214937669763641", "Total: US $3,93", "closed", "2026-09-30", "US $3,93"],
  ["fr", "En attente de livraison", "Date de la commande : 5 févr. 2026", "N° de commande : 8214937669763641", "Total : 12,34 €", "shipped", "2026-02-05", "12,34 €"],
  ["fr", "Terminée", "Date de la commande : 1 mai 2026", "N° de commande : 8214937669763641", "Total : 5,00 €", "completed", "2026-05-01", "5,00 €"],
  ["pl", "Oczekuje na wysyłkę", "Data zamówienia: 5 gru 2026", "Nr zamówienia: 8214937669763641", "Razem: 129,46zł", "processing", "2026-12-05", "129,46zł"],
  ["pl", "Zakończone", "Data zamówienia: 14 lutego 2026", "Nr zamówienia: 8214937669763641", "Razem: 1 129,46 zł", "completed", "2026-02-14", "1 129,46 zł"],
  ["ko", "배송 중", "주문 날짜: 2026. 12. 5.", "주문 번호: 8214937669763641", "합계: ₩12,345", "shipped", "2026-12-05", "₩12,345"],
  ["ko", "완료됨", "주문 날짜: 2026년 3월 9일", "주문 번호: 8214937669763641", "합계 ₩9,900", "completed", "2026-03-09", "₩9,900"],
  ["nl", "Wacht op levering", "Besteldatum: 5 dec 2026", "Bestelnummer: 8214937669763641", "Totaal: € 12,34", "shipped", "2026-12-05", "€ 12,34"],
  ["nl", "Voltooid", "Besteldatum: 3 mrt 2026", "Bestelnummer: 8214937669763641", "Totaal: € 1.234,56", "completed", "2026-03-03", "€ 1.234,56"],
  ["uk", "Очікує доставки", "Дата замовлення: 5 груд. 2026 р.", "Номер замовлення: 8214937669763641", "Разом: 499,00 грн", "shipped", "2026-12-05", "499,00 грн"],
  ["uk", "Завершено", "Дата замовлення: 7 листопада 2026 р.", "Номер замовлення: 8214937669763641", "Разом: 10,50 $", "completed", "2026-11-07", "10,50 $"],
  ["he", "ממתין למסירה", "תאריך הזמנה: 5 בדצמ׳ 2026", "מספר הזמנה: 8214937669763641", "סה״כ: ‏12.34 ₪", "shipped", "2026-12-05", "‏12.34 ₪"],
  ["he", "הושלם", "תאריך הזמנה: 20 במרץ 2026", "מספר הזמנה: 8214937669763641", "סה\"כ: US $4.20", "completed", "2026-03-20", "US $4.20"],
  ["de", "Warten auf Lieferung", "Bestelldatum: 12. Mär 2024", "Bestellnummer: 8214937669763641", "Gesamt: 12,34 €", "shipped", "2024-03-12", "12,34 €"],
  ["de", "Abgeschlossen", "Bestelldatum: 3. Mai 2026", "Bestellnummer: 8214937669763641", "Insgesamt: 1.234,56 €", "completed", "2026-05-03", "1.234,56 €"],
  ["it", "In attesa di consegna", "Data dell'ordine: 5 dic 2026", "ID ordine: 8214937669763641", "Totale: 12,34 €", "shipped", "2026-12-05", "12,34 €"],
  ["it", "Completato", "Data dell'ordine: 18 mag 2026", "ID ordine: 8214937669763641", "Totale: 7,99 €", "completed", "2026-05-18", "7,99 €"],
  ["tr", "Teslimat bekleniyor", "Sipariş tarihi: 5 Ara 2026", "Sipariş numarası: 8214937669763641", "Toplam: 1.234,56 TL", "shipped", "2026-12-05", "1.234,56 TL"],
  ["tr", "Tamamlandı", "Sipariş tarihi: 9 Şub 2026", "Sipariş numarası: 8214937669763641", "Toplam: ₺99,90", "completed", "2026-02-09", "₺99,90"],
  ["ja", "配達待ち", "注文日: 2026年12月5日", "注文番号: 8214937669763641", "合計: ￥1,234", "shipped", "2026-12-05", "￥1,234"],
  ["ja", "支払い待ち", "注文日：2026年1月31日", "注文番号：8214937669763641", "合計：US $5.00", "awaiting_payment", "2026-01-31", "US $5.00"],
];

test("cards in each of the 14 languages read into the right date, total and status", () => {
  const langs = new Set();
  for (const [lang, status, date, id, total, wantStatus, wantDate, wantTotal] of CASES) {
    langs.add(lang.split("-")[0]);
    const { el } = card({ status, date, id, total, lang, link: false });
    const { order, partial } = read.readCardFull(el, NOW, lang);
    const what = `${lang} ${JSON.stringify(status)}`;
    assert.equal(order.order_id, ID, `${what}: id from the localised header`);
    assert.equal(order.order_date, wantDate, `${what}: date ${date}`);
    assert.equal(order.total, wantTotal, `${what}: total ${total}`);
    assert.equal(order.status_text, status.trim(), `${what}: status text sent as shown`);
    assert.equal(cards.statusOf(order.status_text, cards.cardLanguage(lang)), wantStatus, `${what}: status`);
    assert.deepEqual(partial, [], `${what}: fully read`);
  }
  assert.equal(langs.size, 14);
  assert.deepEqual([...langs].sort(), Object.keys(cards.CARD_LANGUAGES).sort());
});

test("a card in an unknown wording keeps its order and badge, with a note that it was read only in part", () => {
  const doc = card({ status: "Paket unterwegs zum Mond", date: "Bestelldatum: 12. Brumaire 2024", id: "Bestellnummer: 8214937669763641", total: "Gesamt: —", lang: "de" });
  const r = read.readPage(doc.document, "https://de.aliexpress.com/p/order/index.html", NOW);
  assert.equal(r.state, "ok");
  assert.equal(r.cards.length, 1, "the card is still an order: it gets a badge");
  const [c] = r.cards;
  assert.equal(c.order.order_id, ID);
  assert.equal(c.order.status_text, "Paket unterwegs zum Mond", "the unknown status is sent as shown");
  assert.equal(c.order.order_date, undefined, "no guessed date");
  assert.deepEqual([...c.partial].sort(), ["date", "status", "total"]);
  // The note is drawn in the card, once, and goes when the card reads fully.
  partial.markPartial(c.element, c.partial);
  partial.markPartial(c.element, c.partial);
  const notes = c.element.querySelectorAll(`[${partial.PARTIAL_ATTR}]`);
  assert.equal(notes.length, 1);
  assert.equal(notes[0].textContent, "read only in part: order date, status, total");
  partial.markPartial(c.element, []);
  assert.equal(c.element.querySelector(`[${partial.PARTIAL_ATTR}]`), null);
  // Known wordings of the same page are fully read.
  const ok = card({ status: "Abgeschlossen", date: "Bestelldatum: 12. Mär 2024", id: "Bestellnummer: 8214937669763641", total: "Gesamt: 12,34 €", lang: "de" });
  assert.deepEqual(read.readPage(ok.document, "https://de.aliexpress.com/p/order/index.html", NOW).cards[0].partial, []);
});

test("a header without any date line is not a partly read date", () => {
  const { el } = card({ status: "Completed", date: "", id: "Ref. Number 8214937669763641", total: "Total: US $1.00" });
  const { order, partial } = read.readCardFull(el, NOW, "en");
  assert.equal(order.order_id, ID);
  assert.equal(order.order_date, undefined);
  assert.deepEqual(partial, []);
});

test("the order record carries no field the core's strict decoder would refuse", () => {
  const { el } = card({ status: "Unknown wording", date: "Order date: someday", total: "Total: ?" });
  const { order } = read.readCardFull(el, NOW, "en");
  const allowed = new Set(["order_id", "order_date", "store", "status_text", "shipping_method", "total", "items", "protection", "parcels", "buyer"]);
  for (const k of Object.keys(order)) assert.ok(allowed.has(k), `unexpected field ${k}`);
});

test("parseOrderDate: month names with and without dots, every date order, never a guess", async () => {
  const { parseOrderDate } = await load("shared/dates.ts");
  const cases = [
    ["5 dic 2026", "es", "2026-12-05"], ["5 dic. 2026", "it", "2026-12-05"], ["12. Mär 2024", "de", "2024-03-12"],
    ["12. März 2024", "de", "2024-03-12"], ["5 févr. 2026", "fr", "2026-02-05"], ["5 fevr 2026", "fr", "2026-02-05"],
    ["1 mai 2026", "fr", "2026-05-01"], ["1. Mai 2026", "de", "2026-05-01"], ["5 de dez. de 2026", "pt-BR", "2026-12-05"],
    ["24 nov, 2023", "pt", "2023-11-24"], ["2026. 12. 5.", "ko", "2026-12-05"], ["2026年12月5日", "ja", "2026-12-05"],
    ["Sep 9, 2025", "en", "2025-09-09"], ["September 9, 2025", "en", "2025-09-09"], ["5 grudnia 2026", "pl", "2026-12-05"],
    ["5 Aralık 2026", "tr", "2026-12-05"], ["5 груд. 2026 р.", "uk", "2026-12-05"], ["5 дек. 2026 г.", "ru", "2026-12-05"],
    ["5 בדצמבר 2026", "he", "2026-12-05"], ["3 mrt 2026", "nl", "2026-03-03"],
    // Numbers only: the page's language tells day and month apart; without it there is no certainty.
    ["05.12.2026", "de", "2026-12-05"], ["12/05/2026", "en", "2026-12-05"], ["05.12.2026", undefined, ""],
    // Without a language every language's months are tried when they agree.
    ["12. Mär 2024", undefined, "2024-03-12"], ["5 dic 2026", undefined, "2026-12-05"],
    // Not dates, or impossible ones.
    ["31 feb 2026", "es", ""], ["Order date: yesterday", "en", ""], ["Xyz 40, 2026", "en", ""], ["5 dic 26", "es", ""],
  ];
  for (const [s, lang, want] of cases) assert.equal(parseOrderDate(s, lang), want, `${s} (${lang})`);
});

test("every data file is complete and its own date format reads back for all twelve months", async () => {
  const { parseOrderDate, monthInLanguage } = await load("shared/dates.ts");
  for (const l of Object.values(cards.CARD_LANGUAGES)) {
    assert.equal(l.months.length, 12, `${l.lang} months`);
    assert.equal(l.render.monthNames.length, 12, `${l.lang} monthNames`);
    for (const k of cards.CARD_STATUSES) assert.ok(l.statuses[k].length > 0, `${l.lang} ${k}`);
    for (const k of ["date", "id", "total"]) assert.ok(l.labels[k].length > 0, `${l.lang} label ${k}`);
    for (const k of ["all", "unpaid", "processing", "shipped", "completed", "recycle"]) assert.ok(l.tabs[k], `${l.lang} tab ${k}`);
    assert.ok(typeof l.verified === "string" && l.evidence && typeof l.evidence === "object", `${l.lang} says what rests on evidence`);
    for (let m = 1; m <= 12; m++) {
      // The language's own table knows its month names (no other language's table helping).
      if (!["ko", "ja"].includes(l.lang)) assert.equal(monthInLanguage(l.render.monthNames[m - 1], l.lang), m, `${l.lang}: ${l.render.monthNames[m - 1]}`);
      for (const d of [1, 28]) {
        const shown = `${l.render.dateLabel} ${cards.formatDate(l, 2026, m, d)}`;
        assert.equal(parseOrderDate(shown, l.lang), `2026-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`, `${l.lang}: ${shown}`);
      }
    }
    // A status text of one language never stands for two statuses.
    const seen = new Map();
    for (const k of cards.CARD_STATUSES) for (const s of l.statuses[k]) {
      const f = cards.fold(s);
      assert.ok(!seen.has(f) || seen.get(f) === k, `${l.lang}: ${s} is ${seen.get(f)} and ${k}`);
      seen.set(f, k);
    }
  }
});

test("the page's language: <html lang> first, else the storefront's", () => {
  const { document: withLang } = parseHTML(`<html lang="de"><body></body></html>`);
  const { document: bare } = parseHTML(`<html><body></body></html>`);
  assert.equal(read.pageLang(withLang, "https://es.aliexpress.com/p/order/index.html"), "de");
  assert.equal(read.pageLang(bare, "https://es.aliexpress.com/p/order/index.html"), "es");
  assert.equal(read.pageLang(bare, "https://pt.aliexpress.com/p/order/index.html"), "pt-BR");
  assert.equal(read.pageLang(bare, "https://www.aliexpress.us/p/order/index.html"), "en");
  assert.equal(read.pageLang(bare, "https://www.aliexpress.com/p/order/index.html"), "en");
});

test("storefront hosts: localised, .us and .ru pages are AliExpress; look-alikes are not", () => {
  const yes = [
    ["https://es.aliexpress.com/p/order/index.html", "global"], ["https://www.aliexpress.us/p/order/index.html", "us"],
    ["https://ko.aliexpress.com/p/order/index.html", "global"], ["https://aliexpress.com/p/order/index.html", "global"],
    ["https://aliexpress.ru/order-list", "ru"],
  ];
  for (const [u, kind] of yes) assert.equal(storefront.storefrontOf(u)?.kind, kind, u);
  const no = [
    "https://evil-aliexpress.com/p/order/index.html", "https://aliexpress.com.evil.net/p/order/index.html",
    "https://www.aliexpress.com.evil.net/p/order/", "http://es.aliexpress.com/p/order/index.html",
    "https://acs.aliexpress.com/h5/x/1.0/", "https://login.aliexpress.com/", "https://aliexpress.us.evil.net/",
    "https://xn--aliexpress-xyz.com/", "not a url",
  ];
  for (const u of no) assert.equal(storefront.storefrontOf(u), null, u);
});

test("sender checks: a content script on es.aliexpress.com or www.aliexpress.us is accepted, look-alikes refused", () => {
  const RID = "ext-id";
  const base = "chrome-extension://ext-id/";
  const from = (url) => ({ id: RID, url, tab: { id: 7, url }, frameId: 0 });
  for (const u of ["https://es.aliexpress.com/p/order/index.html", "https://www.aliexpress.us/p/order/index.html", "https://de.aliexpress.com/p/order/index.html?tab=x", "https://aliexpress.ru/order-list"]) {
    assert.equal(messages.classifySender(from(u), RID, base), "content", u);
  }
  for (const u of ["https://evil-aliexpress.com/p/order/index.html", "https://aliexpress.com.evil.net/p/order/index.html", "http://es.aliexpress.com/p/order/index.html", "https://www.aliexpress.us.evil.net/p/order/"]) {
    assert.equal(messages.classifySender(from(u), RID, base), "rejected", u);
  }
  assert.equal(messages.classifySender({ ...from("https://es.aliexpress.com/p/order/index.html"), id: "other" }, RID, base), "rejected", "another extension");
  assert.equal(messages.classifySender({ id: RID, url: "https://es.aliexpress.com/p/order/index.html" }, RID, base), "rejected", "not from a tab");
});

test("aliexpress.ru: the page says the storefront is not supported yet, and the worker takes that state", () => {
  // Even a page holding order-like cards is not read there.
  const { document } = card({ status: "Завершено", date: "Дата заказа: 5 дек. 2026 г.", id: "Номер заказа: 8214937669763641", total: "Итого: 99,00 ₽", lang: "ru" });
  for (const u of ["https://aliexpress.ru/order-list", "https://www.aliexpress.ru/order-list?filterName=active", "https://aliexpress.ru/order-list/5353801443557566"]) {
    const r = read.readPage(document, u, NOW);
    assert.equal(r.state, "unsupported_storefront", u);
    assert.equal(r.cards.length, 0);
  }
  assert.equal(read.readPage(document, "https://ru.aliexpress.com/p/order/index.html", NOW).state, "ok", "Russian cards on an aliexpress.com storefront are read");
  assert.ok(messages.PAGE_STATES.includes("unsupported_storefront"));
  const msg = messages.parseMessage({ type: messages.MSG.pageState, page: "unsupported_storefront" }, "content");
  assert.equal(msg.page, "unsupported_storefront");
  assert.ok(!storefront.REFRESHABLE_ORDER_PAGE_MATCHES.some((p) => p.includes(".ru")), "no refresh runs through aliexpress.ru");
});

test("the fake site renders cards in each language from the data files, and the reader reads them back", () => {
  const orders = [
    { orderId: "8214937669763641", dateMs: Date.UTC(2026, 11, 5), statusText: "Awaiting delivery", storeName: "Store A", storeId: "11", total: "US $12.34", items: [{ title: "Lamp", sku: "Red", price: "US $12.34", quantity: 1, productId: "1005000000000001" }] },
    { orderId: "8212379857492017", dateMs: Date.UTC(2026, 2, 1), statusText: "Completed", storeName: "Store B", storeId: "12", total: "US $5.00", items: [{ title: "Cable", sku: "1m", price: "US $5.00", quantity: 1, productId: "1005000000000002" }] },
    { orderId: "8203955732372614", dateMs: Date.UTC(2026, 4, 31), statusText: "Awaiting payment", storeName: "Store C", storeId: "13", total: "US $9.99", items: [{ title: "Case", sku: "Blue", price: "US $9.99", quantity: 1, productId: "1005000000000003" }] },
  ];
  for (const lang of [...Object.keys(cards.CARD_LANGUAGES), "pt-BR"]) {
    const html = renderOrdersPage(orders, { lang, host: "es.aliexpress.com", renderDelayMs: 0 });
    const { document, window } = parseHTML(html);
    // Run the page's own script (it renders the cards after a timer, as the real SPA does).
    const timers = [];
    const script = [...document.querySelectorAll("script")].find((s) => !s.type).textContent;
    new Function("document", "window", "setTimeout", "performance", script)(document, window, (f) => timers.push(f), { mark() {} });
    timers.forEach((f) => f());
    assert.equal(document.documentElement.getAttribute("lang"), lang);
    const r = read.readPage(document, "https://es.aliexpress.com/p/order/index.html", NOW);
    assert.equal(r.state, "ok", lang);
    assert.deepEqual(r.cards.map((c) => c.order.order_id), orders.map((o) => o.orderId), lang);
    for (const [i, o] of orders.entries()) {
      const got = r.cards[i];
      assert.equal(got.order.order_date, new Date(o.dateMs).toISOString().slice(0, 10), `${lang}: ${localDate(o.dateMs, lang)}`);
      assert.equal(got.order.status_text, localStatusText(o.statusText, lang).trim(), lang);
      assert.equal(cards.statusOf(got.order.status_text, cards.cardLanguage(lang)), cards.statusOf(o.statusText, cards.cardLanguage("en")), `${lang}: ${got.order.status_text}`);
      assert.equal(got.order.total, o.total, lang);
      assert.deepEqual(got.partial, [], lang);
    }
    // The tabs are the language's, the shipped one marked as such.
    const shippedTab = document.querySelector("div.comet-tabs-nav-item[data-tab='shipped']");
    assert.equal(shippedTab?.textContent, cards.cardLanguage(lang).tabs.shipped, lang);
  }
  assert.equal(cards.CARD_LANGUAGES.en.tabs.shipped, "Processed", "the real English name of the shipped tab");
});

test("cross-check with CLDR (Intl): every month name and date Intl writes in a language is read back in that language", async (t) => {
  // Intl only checks the data files here; the reader itself never asks the browser's locale.
  const { parseOrderDate, monthInLanguage } = await load("shared/dates.ts");
  if (new Intl.DateTimeFormat("de", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 2, 1))) === "M03") {
    t.skip("this Node has no full ICU");
    return;
  }
  for (const l of Object.values(cards.CARD_LANGUAGES)) {
    const tag = l.lang === "pt" ? "pt-BR" : l.lang;
    for (const month of ["short", "long"]) {
      for (let m = 1; m <= 12; m++) {
        const d = new Date(Date.UTC(2026, m - 1, 15));
        const f = new Intl.DateTimeFormat(tag, { day: "numeric", month, year: "numeric", timeZone: "UTC" });
        const shown = f.format(d);
        assert.equal(parseOrderDate(shown, l.lang), `2026-${String(m).padStart(2, "0")}-15`, `${l.lang}: ${shown}`);
        if (["ko", "ja"].includes(l.lang)) continue; // numeric months
        const inDate = f.formatToParts(d).find((p) => p.type === "month").value;
        const alone = new Intl.DateTimeFormat(tag, { month, timeZone: "UTC" }).format(d);
        assert.equal(monthInLanguage(inDate, l.lang), m, `${l.lang}: ${inDate}`);
        assert.equal(monthInLanguage(alone, l.lang), m, `${l.lang}: ${alone}`);
      }
    }
  }
});
