// The runtime i18n module, the badge's Buyer Protection wording and the row's pictures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load, root } from "../../scripts/test-lib.mjs";

const i18n = await load("shared/i18n.ts");
const badge = await load("shared/badge.ts");
const pics = await load("ui/pictures.ts");
const catalog = (l) => JSON.parse(readFileSync(join(root, "_locales", l, "messages.json"), "utf8"));
const EN = i18n.makeI18n("en", catalog("en"));
const RU = i18n.makeI18n("ru", catalog("ru"), catalog("en"));

test("format: positional and named placeholders as chrome.i18n fills them, $$ a dollar, no refilling", () => {
  assert.equal(i18n.format({ message: "$1 of $2" }, ["3", "5"]), "3 of 5");
  assert.equal(i18n.format({ message: "Hi $NAME$!", placeholders: { name: { content: "$1" } } }, ["Ana"]), "Hi Ana!");
  assert.equal(i18n.format({ message: "US$$ $1" }, ["4"]), "US$ 4");
  assert.equal(i18n.format({ message: "$1" }, ["$2"]), "$2", "a substitution is not filled again");
  assert.deepEqual(i18n.placeholdersOf({ message: "$A$ and $2", placeholders: { a: { content: "$1" } } }), ["$1", "$2"]);
});

test("language: the buyer's choice, else the browser's (any Portuguese → pt_BR, iw → he), else English", () => {
  assert.equal(i18n.resolveLang("he", ["de-DE"]), "he");
  assert.equal(i18n.resolveLang("auto", ["de-DE"]), "de");
  assert.equal(i18n.resolveLang(undefined, ["pt-PT"]), "pt_BR");
  assert.equal(i18n.resolveLang("xx", ["iw"]), "he");
  assert.equal(i18n.resolveLang("auto", ["ja", "ko-KR"]), "ko", "the first language the UI speaks");
  assert.equal(i18n.resolveLang("auto", ["ja"]), "en");
  assert.equal(i18n.bcp47("pt_BR"), "pt-BR");
  assert.equal(i18n.dirOf("he"), "rtl");
  assert.equal(i18n.dirOf("ru"), "ltr");
});

test("days and relative times follow each language's plural rules (Intl)", () => {
  assert.deepEqual([1, 3, 5].map((n) => EN.days(n)), ["1 day", "3 days", "5 days"]);
  assert.deepEqual([1, 3, 5, 21].map((n) => RU.days(n)), ["1 день", "3 дня", "5 дней", "21 день"]);
  assert.equal(EN.ago(4), "4 days ago");
  assert.equal(RU.ago(4), "4 дня назад");
  assert.equal(EN.plural(1), "one");
  assert.equal(RU.plural(5), "many");
  assert.equal(RU.t("no_such_key_anywhere"), "no_such_key_anywhere");
  assert.equal(RU.t("protection_days", RU.days(12)), "осталось 12 дней");
});

const A = (over = {}) => ({
  order_id: "8214937669763641", order_status: "shipped", status: "in_transit", reason: "", stage: "international", verdict: "normal",
  reasons: [{ code: "ok", verdict: "normal", text: "Moving", facts: {} }], summary: "", last_update: null, days_since_update: 2, days_since_shipment: 5,
  method: {}, protection: { deadline: null, source: "page", basis: "", days_left: 20, warning: 0, expired: false }, parcels: [], advice: [], confidence: 1, lang: "en", now: "",
  ...over,
});
const REC = { order: { order_id: "8214937669763641", parcels: [{ numbers: [{ number: "LP1" }], events: [{ text: "x" }] }] }, marks: { received: null, dispute_opened: false, archived: false }, note: "" };
const line = (a, i = EN) => badge.badgeFor(REC, a, (c) => i.t(`status_${c}`), i).text;

test("badge: the protection countdown while it runs", () => {
  assert.equal(line(A()), "In transit · 2 days since update · protection: 20 days left");
});

test("badge: no protection countdown on unpaid, cancelled or completed orders", () => {
  for (const order_status of ["awaiting_payment", "closed", "completed"]) {
    for (const days_left of [59, 3, -27]) {
      const text = line(A({ order_status, protection: { deadline: null, source: "page", basis: "", days_left, warning: 0, expired: days_left < 0 } }));
      assert.ok(!/protection/i.test(text), `${order_status} ${days_left}: "${text}"`);
      assert.ok(!/-\d/.test(text), `${order_status}: a negative number in "${text}"`);
    }
  }
});

test("badge: once protection has ended it says how long ago, never a negative number", () => {
  const ended = (days_left, expired = true, i = EN) => line(A({ protection: { deadline: null, source: "page", basis: "", days_left, warning: 0, expired } }), i);
  assert.equal(ended(-4), "In transit · 2 days since update · Protection ended 4 days ago");
  assert.equal(ended(-1), "In transit · 2 days since update · Protection ended yesterday");
  assert.equal(ended(-4, false), "In transit · 2 days since update · Protection ended 4 days ago", "a negative count alone means ended");
  assert.match(ended(-4, true, RU), /Защита закончилась 4 дня назад$/);
  const b = badge.badgeFor(REC, A({ protection: { deadline: null, source: "page", basis: "", days_left: -4, warning: 0, expired: true } }), String, EN);
  assert.equal(b.protectionDaysLeft, null);
  assert.equal(b.protectionEndedDaysAgo, 4);
});

test("stage bar: each stage on the seven-step route; returns and problems drawn apart", () => {
  const at = (over) => pics.stagePicture(A(over));
  assert.deepEqual(at({ stage: "not_shipped", order_status: "processing" }), { at: 0, mode: "normal" });
  assert.deepEqual(at({ stage: "origin" }), { at: 1, mode: "normal" });
  assert.deepEqual(at({ stage: "international" }), { at: 2, mode: "normal" });
  assert.deepEqual(at({ stage: "destination" }), { at: 3, mode: "normal" });
  assert.deepEqual(at({ stage: "customs", status: "customs" }), { at: 4, mode: "normal" });
  assert.deepEqual(at({ stage: "customs", status: "customs_held" }), { at: 4, mode: "problem" });
  assert.deepEqual(at({ stage: "last_mile", status: "out_for_delivery" }), { at: 5, mode: "normal" });
  assert.deepEqual(at({ stage: "delivered", status: "delivered" }), { at: 6, mode: "normal" });
  assert.deepEqual(at({ stage: "unknown", status: "unknown", order_status: "completed" }), { at: 6, mode: "normal" });
  assert.equal(at({ stage: "returning", status: "returning" }).mode, "returning");
  assert.deepEqual(at({ stage: "exception", status: "exception", parcels: [{ legs: [{ name: "origin", state: "done" }, { name: "transit", state: "current" }, { name: "destination", state: "pending" }] }] }), { at: 2, mode: "problem" });
  assert.equal(at({ order_status: "closed" }).mode, "closed");
});

test("protection bar: amber at 7 days or fewer, red at 3 or fewer and once ended, none where it does not apply", () => {
  const p = (days_left, order_status = "shipped", expired = false) => pics.protectionPicture(A({ order_status, protection: { deadline: null, source: "page", basis: "", days_left, warning: 0, expired } }));
  assert.equal(p(8).level, "ok");
  assert.equal(p(7).level, "amber");
  assert.equal(p(4).level, "amber");
  assert.equal(p(3).level, "red");
  assert.equal(p(0).level, "red");
  assert.deepEqual(p(-2, "shipped", true), { kind: "ended", days: 2, fill: 0, level: "red" });
  assert.equal(p(30).fill, 0.5);
  assert.equal(p(120).fill, 1);
  assert.equal(p(20, "completed").kind, "none");
  assert.equal(p(null).kind, "none");
});
