// The dashboard row in the buyer's language: English copies of the advice texts, the pictures
// (stage bar, Buyer Protection bar) and the protection wording, over the real catalogs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { load, root, stubI18n } from "../../scripts/test-lib.mjs";

stubI18n({});
const view = await load("ui/view.ts");
const i18n = await load("shared/i18n.ts");
const catalog = (l) => JSON.parse(readFileSync(join(root, "_locales", l, "messages.json"), "utf8"));
const EN = i18n.makeI18n("en", catalog("en"));
const RU = i18n.makeI18n("ru", catalog("ru"), catalog("en"));

const ADVICE = {
  situation: "no_updates_too_long", title: "Нет новостей", deadline: null, deadline_text: "", steps: ["Шаг"], evidence: ["Снимок"],
  seller_message: "Здравствуйте! Посылка не двигается.", seller_message_en: "Hello! The parcel has not moved.",
  dispute_text: "Посылка не двигается 30 дней.", dispute_text_en: "The parcel has not moved for 30 days.",
};

function row({ order_status = "shipped", days_left = 12, expired = false, stage = "customs", status = "customs", advice = [ADVICE] } = {}) {
  const a = {
    order_id: "8214937669763641", order_status, status, reason: "", stage, verdict: "watch",
    reasons: [{ code: "x", verdict: "watch", text: "why", facts: {} }], summary: "s", last_update: null, days_since_update: 3, days_since_shipment: 9,
    method: {}, protection: { deadline: "2026-04-01T00:00:00Z", source: "page", basis: "", days_left, warning: 0, expired },
    parcels: [], advice, confidence: 1, lang: "ru", now: "",
  };
  const record = { order: { order_id: a.order_id, store: "Store" }, marks: { received: null, dispute_opened: false, archived: false }, note: "", conflicts: [] };
  return { record, assessment: a, badge: { orderId: a.order_id, status, orderStatus: order_status, verdict: "watch", label: "x", daysSinceUpdate: 3, protectionDaysLeft: null, reason: "why", tracked: true }, conflicts: [] };
}

function draw(r, lang) {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const copied = [];
  const actions = { t: (k, s) => lang.t(k, s), i18n: lang, setMark() {}, saveNote() {}, setSellerContact: async () => "", dismissConflict() {}, copy: async (x) => void copied.push(x), exportData() {}, syncNow() {}, addNumber: async () => "" };
  const el = view.renderRow(document, r, actions, true);
  document.body.append(el);
  return { el, copied };
}

test("advice in another language: one click copies the seller message or dispute text in English", async () => {
  const { el, copied } = draw(row(), RU);
  assert.equal(el.querySelector('[data-copy="seller_en"] [lang="en"]').textContent, "EN");
  assert.equal(el.querySelector('[data-copy="seller_en"]').closest("[role=group]").getAttribute("aria-label"), "Сообщение продавцу");
  for (const k of ["seller", "seller_en", "dispute", "dispute_en"]) el.querySelector(`[data-copy="${k}"]`).click();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(copied, [ADVICE.seller_message, ADVICE.seller_message_en, ADVICE.dispute_text, ADVICE.dispute_text_en]);
});

test("advice in English: no second, identical English button", () => {
  const { el } = draw(row(), EN);
  assert.equal(el.querySelectorAll('[data-copy$="_en"]').length, 0);
  assert.equal(el.querySelectorAll('[data-copy="seller"], [data-copy="dispute"]').length, 2);
});

test("the row shows its stage on the seven-step bar and the protection bar with words", () => {
  const { el } = draw(row({ days_left: 5 }), RU);
  const bar = el.querySelector("[data-stage-bar]");
  assert.equal(bar.getAttribute("data-stage-bar"), "customs");
  assert.equal(el.querySelectorAll(".stagebar .step").length, 7);
  assert.equal(el.querySelectorAll(".stagebar .step.done").length, 4);
  assert.equal(bar.textContent.trim(), "Таможня");
  const prot = el.querySelector("[data-protection-bar]");
  assert.equal(prot.getAttribute("data-protection-bar"), "amber");
  assert.match(prot.textContent, /осталось 5 дней/);
  assert.ok(el.querySelector("summary [data-stage-bar]"), "the pictures are in the summary, visible on a closed row");
});

test("protection ended: said as days ago, never a negative number; none on completed orders", () => {
  const ended = draw(row({ days_left: -4, expired: true }), EN).el;
  assert.match(ended.querySelector("[data-protection-bar]").textContent, /Protection ended 4 days ago/);
  assert.match(ended.querySelector("[data-protection]").textContent, /ended 4 days ago/);
  assert.doesNotMatch(ended.textContent, /-\s?4/);
  const done = draw(row({ order_status: "completed", days_left: -27, expired: true, stage: "delivered", status: "delivered" }), EN).el;
  assert.equal(done.querySelector("[data-protection-bar]"), null);
  assert.doesNotMatch(done.textContent, /-27|27 days/);
  const returning = draw(row({ stage: "returning", status: "returning" }), EN).el;
  assert.equal(returning.querySelector("[data-stage-bar]").getAttribute("data-stage-mode"), "returning");
});

test("the page badge: the worker's words and direction, the verdict as a shape and in words", async () => {
  const { drawBadge } = await load("content/badge.ts");
  const { document } = parseHTML(`<div class="order-item"><div class="order-item-header"></div></div>`);
  const card = document.querySelector(".order-item");
  const el = drawBadge(card, { orderId: "8214937669763641", status: "in_transit", orderStatus: "shipped", verdict: "act", label: "בדרך", daysSinceUpdate: 3, protectionDaysLeft: null, protectionEndedDaysAgo: 4, reason: "", tracked: true, text: "בדרך · ההגנה הסתיימה לפני 4 ימים", lang: "he", dir: "rtl", verdictText: "נדרשת פעולה" });
  assert.equal(el.getAttribute("dir"), "rtl");
  assert.equal(el.getAttribute("lang"), "he");
  assert.equal(el.querySelector(".orderwatch-icon").textContent, "!");
  assert.equal(el.querySelector(".orderwatch-icon").getAttribute("aria-hidden"), "true");
  assert.equal(el.querySelector(".orderwatch-sr").textContent, "נדרשת פעולה: ");
  assert.ok(el.textContent.endsWith("בדרך · ההגנה הסתיימה לפני 4 ימים"));
  const calm = drawBadge(card, { orderId: "8214937669763641", status: "delivered", orderStatus: "shipped", verdict: "normal", label: "x", daysSinceUpdate: null, protectionDaysLeft: null, reason: "", tracked: true });
  assert.notEqual(calm.querySelector(".orderwatch-icon").textContent, "!", "another verdict, another shape");
});

test("label and value follow the language's punctuation: French puts a space before the colon", () => {
  const FR = i18n.makeI18n("fr", catalog("fr"), catalog("en"));
  const { el } = draw(row({ days_left: 5 }), FR);
  const line = el.querySelector("[data-protection]").textContent;
  assert.match(line, /^\S.*\u00a0: /u, `French label line: ${line}`);
  const { el: ru } = draw(row({ days_left: 5 }), RU);
  assert.doesNotMatch(ru.querySelector("[data-protection]").textContent, /\s:/, "Russian has no space before the colon");
});
