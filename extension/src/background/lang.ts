// The worker's UI language: the buyer's choice (storage.local LANG_KEY) or the browser's, with
// its messages loaded from the extension's own _locales (chrome.i18n cannot switch language).
// Badge words, notifications and the core's advice language all follow it.
import { ext } from "../shared/browser.js";
import { LANG_KEY, fromGetMessage, loadI18n, resolveLang, type I18n, type Lang } from "../shared/i18n.js";

/** Until the chosen language is loaded: the browser's own chrome.i18n. */
let current: I18n = fromGetMessage((k, s) => ext.i18n.getMessage(k, s), ext.i18n.getUILanguage());
let loaded = false;
/** The language wanted now: read from storage once, then kept up to date by onChanged. */
let wanted: Promise<Lang> | null = null;

const choose = (v: unknown): Lang => resolveLang(v, [ext.i18n.getUILanguage()]);

ext.storage?.onChanged?.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
  if (area === "local" && LANG_KEY in changes) wanted = Promise.resolve(choose(changes[LANG_KEY].newValue));
});

/**
 * ensureLang returns the formatter of the language wanted now, loading it first when needed.
 * Callers use the value it returns for one whole answer, so that the core's texts and the
 * badge words of that answer are in one language even if the buyer switches meanwhile.
 */
export async function ensureLang(): Promise<I18n> {
  wanted ??= ext.storage.local.get(LANG_KEY).then((got) => choose((got as Record<string, unknown>)[LANG_KEY]), () => choose(undefined));
  const lang = await wanted;
  if (loaded && current.lang === lang) return current;
  const next = await loadI18n(ext.runtime.getURL(""), lang);
  // A slower load of a language no longer wanted must not replace the newer one.
  if (lang === (await wanted)) {
    current = next;
    loaded = true;
  }
  return next;
}

/** The worker's formatter as loaded so far (call ensureLang first where it matters). */
export const i18n = (): I18n => current;

/** The language tag the core writes its texts in ("pt-BR", "he"). */
export const coreLang = (): string => current.tag;

export const statusLabel = (code: string): string => current.t(`status_${code}`);
