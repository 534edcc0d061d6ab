// How the content script splits a page's question to the worker. Pure: tested in Node.
import { MAX_ORDERS_PER_MESSAGE } from "../shared/messages.js";

/**
 * The first cards of a batch, those on screen when the page opens (a card is ~150 px high), are
 * asked for in a question of their own, ahead of the rest: the worker answers it in a fraction of
 * the time the whole page takes. Only batches of more than twice as many are split.
 */
export const VISIBLE_FIRST = 10;

/**
 * splitVisible: the cards to ask for, as questions in the order to send them — the first
 * VISIBLE_FIRST in the page's order (those on screen as the page opens: no layout is forced to
 * find out) ahead of the rest, when the batch is large enough for it to matter; no question
 * holds more than max orders (parseMessage refuses more).
 */
export function splitVisible<T>(ask: readonly T[], max = MAX_ORDERS_PER_MESSAGE): T[][] {
  const head = ask.length > 2 * VISIBLE_FIRST ? VISIBLE_FIRST : Math.min(ask.length, max);
  const out = [ask.slice(0, head)];
  // The rest in questions the worker accepts (a page drawn with a longer list than 500 cards).
  for (let i = head; i < ask.length; i += max) out.push(ask.slice(i, i + max));
  return out;
}
