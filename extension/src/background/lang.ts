// The worker's UI language: the buyer's choice (storage.local LANG_KEY) or the browser's, with
// its messages loaded from the extension's own _locales (chrome.i18n cannot switch language).
// Badge words, notifications and the core's advice language all follow it.
import { ext } from "../shared/browser.js";
import { LANG_KEY, fromGetMessage, loadI18n, resolveLang, type I18n } from "../shared/i18n.js";

/** Until the chosen language is loaded: the browser's own chrome.i18n. */
let current: I18n = fromGetMessage((k, s) => ext.i18n.getMessage(k, s), ext.i18n.getUILanguage());
let loading: Promise<I18n> | null = null;

/** ensureLang loads the language to use (once, and again after the buyer changes it). */
export function ensureLang(): Promise<I18n> {
  loading ??= (async () => {
    const got = await ext.storage.local.get(LANG_KEY).catch(() => ({}) as Record<string, unknown>);
    const lang = resolveLang((got as Record<string, unknown>)[LANG_KEY], [ext.i18n.getUILanguage()]);
    current = await loadI18n(ext.runtime.getURL(""), lang);
    return current;
  })();
  loading.catch(() => (loading = null));
  return loading;
}

ext.storage?.onChanged?.addListener((changes: Record<string, unknown>, area: string) => {
  if (area === "local" && LANG_KEY in changes) {
    loading = null;
    void ensureLang();
  }
});

/** The worker's formatter as loaded so far (call ensureLang first where it matters). */
export const i18n = (): I18n => current;

/** The language tag the core writes its texts in ("pt-BR", "he"). */
export const coreLang = (): string => current.tag;

export const statusLabel = (code: string): string => current.t(`status_${code}`);
