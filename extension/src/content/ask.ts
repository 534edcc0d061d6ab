// How the content script splits a page's question to the worker. Pure: tested in Node.

/**
 * The first cards of a batch, those on screen when the page opens (a card is ~150 px high), are
 * asked for in a question of their own, ahead of the rest: the worker answers it in a fraction of
 * the time the whole page takes. Only batches of more than twice as many are split.
 */
export const VISIBLE_FIRST = 10;

/**
 * splitVisible: the cards to ask for, as questions in the order to send them — the first
 * VISIBLE_FIRST in the page's order (those on screen as the page opens: no layout is forced to
 * find out) ahead of the rest, when the batch is large enough for it to matter.
 */
export function splitVisible<T>(ask: readonly T[]): T[][] {
  return ask.length > 2 * VISIBLE_FIRST ? [ask.slice(0, VISIBLE_FIRST), ask.slice(VISIBLE_FIRST)] : [ask.slice()];
}
