// The worker's UI language: the buyer's choice (storage.local LANG_KEY) or the browser's, with
// its messages loaded from the extension's own _locales (chrome.i18n cannot switch language).
// Badge words, notifications and the core's advice language all follow it.
import { ext } from "../shared/browser.js";
import { CONTENT_TEXT_KEY, LANG_KEY, contentText, fromGetMessage, loadI18n, resolveLang, type I18n, type Lang } from "../shared/i18n.js";

/** Until the chosen language is loaded: the browser's own chrome.i18n. */
let current: I18n = fromGetMessage((k, s) => ext.i18n.getMessage(k, s), ext.i18n.getUILanguage());
let loaded = false;
const choose = (v: unknown): Lang => resolveLang(v, [ext.i18n.getUILanguage()]);

// No storage.onChanged listener here: one would wake a stopped worker on every storage write of a
// content script (the badge cache is read without the worker). The choice is read at each use.
const wantedNow = (): Promise<Lang> =>
  ext.storage.local.get(LANG_KEY).then((got) => choose((got as Record<string, unknown>)[LANG_KEY]), () => choose(undefined));

/**
 * shareWithContent leaves the content script its messages in this language (storage.local is
 * readable there; chrome.i18n in a content script speaks only the browser's language). Written
 * only when the language differs from what is stored.
 */
async function shareWithContent(i: I18n): Promise<void> {
  const got = (await ext.storage.local.get(CONTENT_TEXT_KEY).catch(() => ({}))) as Record<string, { lang?: string; catalog?: object } | undefined>;
  const prev = got[CONTENT_TEXT_KEY];
  const next = contentText(i.lang, i.catalog ?? {}, {});
  if (prev?.lang === next.lang && Object.keys(prev.catalog ?? {}).length === Object.keys(next.catalog).length) return;
  await ext.storage.local.set({ [CONTENT_TEXT_KEY]: next }).catch(() => undefined);
}

/**
 * A language choice a content script read from storage.local and passed on with its question
 * (null: none stored); undefined: read it here.
 */
export type LangHint = string | null | undefined;

/**
 * ensureLang returns the formatter of the language wanted now, loading it first when needed.
 * Callers use the value it returns for one whole answer, so that the core's texts and the
 * badge words of that answer are in one language even if the buyer switches meanwhile. With a
 * hint (the choice as the asking content script read it) no storage read stands before the
 * answer: on a busy machine that read took 10–100 ms of a first visit's question.
 */
export async function ensureLang(hint?: LangHint): Promise<I18n> {
  const lang = hint === undefined ? await wantedNow() : choose(hint);
  if (loaded && current.lang === lang) return current;
  const next = await loadI18n(ext.runtime.getURL(""), lang);
  // A slower load of a language no longer wanted must not replace the newer one.
  if (lang === (hint === undefined ? await wantedNow() : lang)) {
    current = next;
    loaded = true;
    void shareWithContent(next);
  }
  return next;
}

/** The worker's formatter as loaded so far (call ensureLang first where it matters). */
export const i18n = (): I18n => current;

/** The language tag the core writes its texts in ("pt-BR", "he"). */
export const coreLang = (): string => current.tag;

export const statusLabel = (code: string): string => current.t(`status_${code}`);

/** The status names of one answer's language (ensureLang's value), whatever is loaded meanwhile. */
export const statusLabelIn =
  (words: I18n) =>
  (code: string): string =>
    words.t(`status_${code}`);
