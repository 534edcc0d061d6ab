// How a page's question is split (src/content/ask.ts) and what the worker takes of it
// (shared/messages.ts): the cards on screen first, the rest in a second question; the buyer's
// language choice as the content script read it rides along.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const ask = await load("content/ask.ts");
const m = await load("shared/messages.ts");

test("a page of 60 cards asks for the first ten on its own, first, then the other fifty; nothing lost or repeated", () => {
  const cards = Array.from({ length: 60 }, (_, i) => `c${i}`);
  const parts = ask.splitVisible(cards);
  assert.equal(parts.length, 2);
  assert.deepEqual(parts[0], cards.slice(0, ask.VISIBLE_FIRST), "the first in the page's order");
  assert.deepEqual(parts.flat(), cards, "every card once, in order");
});

test("a small batch stays one question", () => {
  for (const n of [0, 1, ask.VISIBLE_FIRST, 2 * ask.VISIBLE_FIRST]) {
    const cards = Array.from({ length: n }, (_, i) => i);
    const parts = ask.splitVisible(cards);
    assert.equal(parts.length, 1, `${n} cards`);
    assert.deepEqual(parts[0], cards);
    assert.notEqual(parts[0], cards, "a copy, not the caller's list");
  }
  assert.equal(ask.splitVisible(Array.from({ length: 2 * ask.VISIBLE_FIRST + 1 }, (_, i) => i)).length, 2);
});

test("the language choice a page read passes through parseMessage: a choice, none stored (null), or not read", () => {
  const orders = [{ order_id: "8214937669763641", status_text: "Awaiting delivery" }];
  const parse = (extra) => m.parseMessage({ type: m.MSG.ordersFound, orders, page: "ok", ...extra }, "content");
  assert.equal(parse({ uiLang: "de" }).uiLang, "de");
  assert.equal(parse({ uiLang: null }).uiLang, null);
  assert.equal("uiLang" in parse({}), false, "not read: the worker reads it itself");
  assert.equal(parse({ uiLang: 42 }).uiLang, null, "not a string: as if none were stored");
  assert.ok(parse({ uiLang: "x".repeat(1000) }).uiLang.length <= 16, "clipped");
  assert.equal(m.parseMessage({ type: m.MSG.knownBadges, uiLang: "he" }, "content").uiLang, "he");
  assert.deepEqual(m.parseMessage({ type: m.MSG.knownBadges }, "content"), { type: m.MSG.knownBadges });
});

test("no question holds more orders than the worker accepts", () => {
  const cards = Array.from({ length: 1234 }, (_, i) => i);
  const parts = ask.splitVisible(cards);
  assert.deepEqual(parts.map((p) => p.length), [ask.VISIBLE_FIRST, m.MAX_ORDERS_PER_MESSAGE, m.MAX_ORDERS_PER_MESSAGE, 1234 - ask.VISIBLE_FIRST - 2 * m.MAX_ORDERS_PER_MESSAGE]);
  assert.deepEqual(parts.flat(), cards);
  assert.deepEqual(ask.splitVisible([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]], "a small batch split only by the limit");
});
