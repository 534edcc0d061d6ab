// The core's advice texts: core.wasm embeds English alone, and texts/<lang>.json (the shared
// advice texts, copied into the extension by the build) are given to it with loadTexts before
// the first question in their language. Kept apart from core.ts so it runs without chrome.*.
import type { OrderWatchAPI } from "../../../wasm/js/orderwatch.js";

/** The two functions of the core this needs. */
export type TextsCore = Pick<OrderWatchAPI, "needTexts" | "loadTexts">;

/** Loads under way or done, per core and language code: concurrent questions read a file once. */
const loads = new WeakMap<TextsCore, Map<string, Promise<void>>>();

/**
 * ensureTexts resolves once the core has the advice texts a question in `tag` is answered in
 * ("pt-BR" → pt.json), reading them with `read` when it lacks them. The core answers a language
 * it lacks in English: every question with a language waits for this first. A failed read
 * rejects (the question fails rather than being answered in the wrong language) and is tried
 * again by the next question.
 */
export async function ensureTexts(api: TextsCore, tag: string, read: (code: string) => Promise<string>): Promise<void> {
  const code = api.needTexts(tag);
  if (!code) return;
  let byCode = loads.get(api);
  if (!byCode) loads.set(api, (byCode = new Map()));
  let p = byCode.get(code);
  if (!p) {
    const m = byCode;
    p = read(code).then((text) => api.loadTexts(code, text));
    p.catch(() => m.delete(code));
    m.set(code, p);
  }
  await p;
}

/** Reads texts/<code>.json from the extension's own files (url: runtime.getURL of it). */
export async function readShipped(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`OrderWatch: advice texts ${url}: HTTP ${res.status}`);
  return res.text();
}
