// The content script's language: the messages the worker left in storage.local (uiText) in the
// buyer's chosen language, else chrome.i18n (the browser's). Badges come with their words from
// the worker; this serves the My Orders bar, its notices and the provisional badges.
import { ext } from "../shared/browser.js";
import { CONTENT_TEXT_KEY, fromGetMessage, isLang, makeI18n, type Catalog, type I18n } from "../shared/i18n.js";

/**
 * The browser's formatter, built once: building one makes five Intl formatters, a few ms each on a
 * busy machine, and the bar and every provisional badge ask for it before storage has answered.
 */
let browser: I18n | null = null;
const browserI18n = (): I18n => (browser ??= fromGetMessage((k, s) => ext.i18n.getMessage(k, s), ext.i18n.getUILanguage()));
let current: I18n | null = null;
const listeners: ((i: I18n) => void)[] = [];

function adopt(v: unknown): void {
  const x = v as { lang?: unknown; catalog?: Catalog } | undefined;
  current = x && isLang(x.lang) && x.catalog && typeof x.catalog === "object" ? makeI18n(x.lang, x.catalog) : browserI18n();
  for (const l of listeners) l(current);
}

let started = false;
function start(): void {
  if (started) return;
  started = true;
  void ext.storage?.local?.get(CONTENT_TEXT_KEY).then((got) => adopt((got as Record<string, unknown>)[CONTENT_TEXT_KEY]), () => undefined);
  ext.storage?.onChanged?.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === "local" && CONTENT_TEXT_KEY in changes) adopt(changes[CONTENT_TEXT_KEY].newValue);
  });
}

/** contentI18n: the formatter to use now (the browser's until the stored language is read). */
export function contentI18n(): I18n {
  start();
  return current ?? browserI18n();
}

/** onContentLang calls back when the language the content script speaks changes. */
export function onContentLang(cb: (i: I18n) => void): void {
  start();
  listeners.push(cb);
}
