// The extension pages' language: the buyer's choice or the browser's, loaded from _locales, set
// on <html lang dir> so that Hebrew lays the whole page out right to left. A change of the
// choice (in the options, in another window) redraws every open page.
import { ext } from "../shared/browser.js";
import { LANG_KEY, loadCatalog, loadI18n, resolveLang, type I18n } from "../shared/i18n.js";

export async function pageI18n(doc: Document): Promise<I18n> {
  const base = ext.runtime.getURL("");
  // The browser's UI language only, as the worker resolves it: pages and badges must agree.
  const browserLang = resolveLang(undefined, [ext.i18n.getUILanguage()]);
  // Its catalog (and English, which fills gaps) is fetched while the choice is read: most buyers
  // choose none, and the two reads one after the other cost the dashboard's first screen a
  // round trip. loadCatalog keeps each fetch, so loadI18n below reuses them.
  void loadCatalog(base, browserLang);
  if (browserLang !== "en") void loadCatalog(base, "en");
  const got = (await ext.storage.local.get(LANG_KEY).catch(() => ({}))) as Record<string, unknown>;
  const lang = resolveLang(got[LANG_KEY], [ext.i18n.getUILanguage()]);
  const i18n = await loadI18n(base, lang);
  applyLang(doc, i18n);
  return i18n;
}

export function applyLang(doc: Document, i18n: I18n): void {
  doc.documentElement.lang = i18n.tag;
  doc.documentElement.dir = i18n.dir;
}

/** onLangChange calls back with the new language whenever the buyer's choice changes. */
export function onLangChange(doc: Document, cb: (i18n: I18n) => void): void {
  ext.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area === "local" && LANG_KEY in changes) void pageI18n(doc).then(cb);
  });
}
